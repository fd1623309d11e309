package io.portalgo.examples.evaluation;

import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.Entropy;
import io.portalgo.algorithms.PortSelector;
import io.portalgo.algorithms.SelectorSettings;
import java.util.function.LongSupplier;

/**
 * One row of every table: an algorithm with its settings. {@link #create} gives a fresh selector
 * whose keys, counters and noise come from the seed and whose key epochs follow the simulated
 * clock, so two selectors made with the same seed behave identically.
 */
public record Policy(String id, Algorithm algorithm, SelectorSettings settings) {

    public PortSelector create(long seed, LongSupplier clockMillis) {
        return algorithm.create(settings, Entropy.seeded(seed, clockMillis));
    }

    /** The same algorithm with other settings, under another id. */
    public Policy with(String newId, SelectorSettings newSettings) {
        return new Policy(newId, algorithm, newSettings);
    }
}
