package io.portalgo.examples.evaluation;

import io.portalgo.algorithms.Flow;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * Cross-destination leakage: can the attacker's server count the victim's connections to others?
 * The victim connects to the attacker, then k times elsewhere (k uniform in 0..20, to random
 * destinations), then to the attacker again; the attacker sees the step between its two ports.
 * The result is Spearman's rank correlation of k with that step (rank-based, so the random jump
 * at a key-epoch change is one outlier, not a collapse): -1 for {@code bsd} (step m - 1 - k),
 * about +1 for {@code hash} (step k + 1, Dworken's report behind Linux commit 190cc82489f4), near 0
 * for {@code doublehash} with 65,536 buckets, where other destinations almost never share the
 * attacker's counter.
 */
public final class Leakage {
    private Leakage() {
    }

    public record Result(double spearman, int trials) {
    }

    public static Result run(Policy policy, HarnessConfig config) {
        int trials = config.intValue("leak.trials");
        int elsewhereMax = config.intValue("leak.elsewhere-max");
        int destinations = config.intValue("workload.destinations");
        VictimHost victim = new VictimHost(policy, config.seed(), config.timeWaitMillis(),
                config.doubleValue("leak.rate"));
        PortIndex index = new PortIndex(policy.settings());
        RandomGenerator workload = new Well19937c(config.seed() + 2);
        Flow attacker = Destinations.attackerServer();
        int attackerId = -1;
        double[] elsewhere = new double[trials];
        double[] steps = new double[trials];
        int previous = victim.connect(attackerId, attacker);
        for (int trial = 0; trial < trials; trial++) {
            int k = workload.nextInt(elsewhereMax + 1);
            for (int j = 0; j < k; j++) {
                int destination = workload.nextInt(destinations);
                victim.connect(destination, Destinations.ordinary(destination));
            }
            int port = victim.connect(attackerId, attacker);
            elsewhere[trial] = k;
            steps[trial] = previous < 0 || port < 0 ? 0 : index.step(previous, port);
            previous = port;
        }
        return new Result(new SpearmansCorrelation().correlation(elsewhere, steps), trials);
    }
}
