package io.portalgo.examples.evaluation;

import java.util.HashMap;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * Reuse distance (RFC 6056 §3.1, second goal: "minimize the port reuse frequency"): for each
 * destination, the number of connections to that destination from one use of a port to its next
 * use. A peer still holding the previous connection in TIME-WAIT (2 x MSL) may refuse the new one,
 * so longer is better. Algorithms 3 and 4 aim at n (every port once per cycle); random choices
 * give a geometric distance with mean n but minimum 1.
 */
public final class ReuseDistance {
    private ReuseDistance() {
    }

    /** Summary of the distances, or all NaN when no port came back. */
    public record Summary(long reuses, double min, double p1, double p50, double mean, double max) {
        static Summary of(DescriptiveStatistics statistics) {
            if (statistics.getN() == 0) {
                return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            return new Summary(statistics.getN(), statistics.getMin(), statistics.getPercentile(1),
                    statistics.getPercentile(50), statistics.getMean(), statistics.getMax());
        }
    }

    /** Every reuse distance of the trace, per destination, in the order the reuses happen. */
    public static double[] distances(Trace trace) {
        Map<Integer, Integer> connectionsTo = new HashMap<>();
        Map<Long, Integer> lastUse = new HashMap<>();
        DescriptiveStatistics all = new DescriptiveStatistics();
        for (int i = 0; i < trace.connections(); i++) {
            int destination = trace.destinations()[i];
            int ordinal = connectionsTo.merge(destination, 1, Integer::sum);
            int port = trace.ports()[i];
            if (port < 0) {
                continue;
            }
            Integer previous = lastUse.put(((long) destination << 16) | port, ordinal);
            if (previous != null) {
                all.addValue(ordinal - previous);
            }
        }
        return all.getValues();
    }

    public static Summary summarize(double[] distances) {
        return Summary.of(new DescriptiveStatistics(distances));
    }
}
