package io.portalgo.examples.evaluation;

import org.apache.commons.math3.distribution.ZipfDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * The main event stream: which destination each successive connection goes to. Drawn once
 * from the seed and fed unchanged to every policy (the Caffeine simulator's rule: the same
 * trace for every policy). Popularity is Zipf: with 1,000 destinations and exponent 1 the most
 * popular gets 1/H(1000) = 13.4 % of the connections, the 10th 1.3 %.
 */
public final class Workload {
    private final int[] destinations;
    private final double ratePerSecond;

    private Workload(int[] destinations, double ratePerSecond) {
        this.destinations = destinations;
        this.ratePerSecond = ratePerSecond;
    }

    /** {@code connections} draws over {@code destinationCount} destinations, Zipf({@code exponent}). */
    public static Workload zipf(long seed, int connections, int destinationCount, double exponent, double rate) {
        RandomGenerator random = new Well19937c(seed);
        ZipfDistribution zipf = new ZipfDistribution(random, destinationCount, exponent);
        int[] stream = new int[connections];
        for (int i = 0; i < connections; i++) {
            stream[i] = zipf.sample() - 1;
        }
        return new Workload(stream, rate);
    }

    public static Workload fromConfig(HarnessConfig config) {
        return zipf(config.seed(), config.intValue("workload.connections"), config.intValue("workload.destinations"),
                config.doubleValue("workload.zipf-exponent"), config.doubleValue("workload.rate"));
    }

    /** Destination of connection {@code i}, 0-based. */
    public int destination(int i) {
        return destinations[i];
    }

    public int connections() {
        return destinations.length;
    }

    public double ratePerSecond() {
        return ratePerSecond;
    }
}
