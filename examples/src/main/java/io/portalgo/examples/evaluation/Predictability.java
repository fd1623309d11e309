package io.portalgo.examples.evaluation;

import io.portalgo.algorithms.Flow;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Predictability of the next port to a new destination (RFC 6056 §3.1, first goal), from what an
 * off-path attacker can see: the victim's ports to the attacker's own server. Each trial: the
 * victim makes 0..20 connections elsewhere, then {@code observed} (8) to the attacker, then one to
 * a destination it has never used; the attacker guesses "last port seen + the most frequent step
 * seen" (ties: the smallest step). Against {@code bsd} that guess is always right (step m - 1);
 * against {@code randinc} it is right about 1/N of the time; the ideal is 1/n, 1 in 16,384.
 */
public final class Predictability {
    private Predictability() {
    }

    /** {@code freshPorts}: the port of each trial's new destination, independent draws for a uniformity test. */
    public record Result(int successes, int trials, int rangeSize, int[] freshPorts) {
        public double rate() {
            return (double) successes / trials;
        }

        public double ideal() {
            return 1.0 / rangeSize;
        }
    }

    public static Result run(Policy policy, HarnessConfig config) {
        int trials = config.intValue("predict.trials");
        int observed = config.intValue("predict.observed");
        int backgroundMax = config.intValue("predict.background-max");
        int backgroundDestinations = config.intValue("workload.destinations");
        VictimHost victim = new VictimHost(policy, config.seed(), config.timeWaitMillis(),
                config.doubleValue("workload.rate"));
        PortIndex index = new PortIndex(policy.settings());
        RandomGenerator workload = new Well19937c(config.seed() + 1);
        Flow attacker = Destinations.attackerServer();
        int attackerId = -1;
        int successes = 0;
        int[] freshPorts = new int[trials];
        for (int trial = 0; trial < trials; trial++) {
            int elsewhere = workload.nextInt(backgroundMax + 1);
            for (int j = 0; j < elsewhere; j++) {
                int destination = workload.nextInt(backgroundDestinations);
                victim.connect(destination, Destinations.ordinary(destination));
            }
            int[] seen = new int[observed];
            for (int j = 0; j < observed; j++) {
                seen[j] = victim.connect(attackerId, attacker);
            }
            int fresh = backgroundDestinations + trial;
            int actual = victim.connect(fresh, Destinations.ordinary(fresh));
            freshPorts[trial] = actual;
            if (actual >= 0 && actual == guess(seen, index)) {
                successes++;
            }
        }
        return new Result(successes, trials, index.size(), freshPorts);
    }

    /** Last port plus the most frequent step between the ports seen; -1 if a port is missing. */
    static int guess(int[] seen, PortIndex index) {
        Map<Integer, Integer> frequency = new TreeMap<>();
        for (int j = 1; j < seen.length; j++) {
            if (seen[j - 1] < 0 || seen[j] < 0) {
                return -1;
            }
            frequency.merge(index.step(seen[j - 1], seen[j]), 1, Integer::sum);
        }
        int best = 0;
        int bestCount = 0;
        for (Map.Entry<Integer, Integer> entry : frequency.entrySet()) {
            if (entry.getValue() > bestCount) {
                best = entry.getKey();
                bestCount = entry.getValue();
            }
        }
        return index.portAt(index.indexOf(seen[seen.length - 1]) + best);
    }
}
