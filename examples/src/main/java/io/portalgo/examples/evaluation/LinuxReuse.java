package io.portalgo.examples.evaluation;

import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.PortRange;
import io.portalgo.algorithms.PortSet;
import io.portalgo.algorithms.SelectorSettings;
import java.util.List;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * Reuse distance under Linux-like settings, against the figures of Linux commit ca7af0402550
 * (Tarreau, 2022): in 32768-60999, with 0..7 extra increments after each connection, "worst-case
 * reuse after 14116/8 = 1764 connections, average 14116/4.5 = 3137". Those are lap lengths: the
 * number of connections one destination's counter needs to go once around the ports it uses,
 * steps of 1..8 (mean 4.5). Linux's connect() first scans only the ports with the parity of the
 * range's low end, 14,116 of 28,232; portalgo has no parity split and uses all 28,232, so its laps
 * are twice as long. The second row reproduces Linux's half range by reserving the odd ports.
 *
 * <p>Workload, as in Linux's own test: one destination, consecutive connections closed by RST
 * (no TIME-WAIT), fast enough to stay inside one 10-s key epoch. Because a lap's steps are random,
 * a given port is hit on only about 1 lap in 4.5, so the distance between two uses of one port has
 * mean m (every port is used once per m connections on average) while its minimum sits near one
 * lap: both are reported.
 */
public final class LinuxReuse {
    private LinuxReuse() {
    }

    public record Row(String configuration, int usablePorts, double boundWorstLap, double expectedMeanLap,
                      double minLap, double meanLap, ReuseDistance.Summary reuse) {
    }

    public static List<Row> run(HarnessConfig config) {
        PortRange range = config.range("linux.range");
        SelectorSettings full = SelectorSettings.builder().range(range).noise(7).build();
        PortSet.Builder odd = PortSet.builder();
        for (int port = range.min() + 1; port <= range.max(); port += 2) {
            odd.add(port);
        }
        SelectorSettings oneParity = full.toBuilder().reserved(odd.build()).build();
        return List.of(
                measure("portalgo doublehash, " + range + ", noise 7 (all ports)", full, config),
                measure("same, odd ports reserved (Linux's first-parity scan)", oneParity, config));
    }

    private static Row measure(String name, SelectorSettings settings, HarnessConfig config) {
        Policy policy = new Policy("doublehash", Algorithm.DOUBLEHASH, settings);
        VictimHost victim = new VictimHost(policy, config.seed(), 0, config.doubleValue("linux.rate"));
        int connections = config.intValue("linux.connections");
        int[] ports = new int[connections];
        for (int i = 0; i < connections; i++) {
            ports[i] = victim.connect(0, Destinations.ordinary(0));
        }
        PortIndex index = new PortIndex(settings);
        int m = index.size();
        int[] steps = new int[connections];
        for (int i = 1; i < connections; i++) {
            steps[i] = index.step(ports[i - 1], ports[i]);
        }
        // Lap from connection j: how many more connections until the counter has moved m or more.
        DescriptiveStatistics laps = new DescriptiveStatistics();
        long sum = 0;
        int end = 0;
        for (int start = 0; start < connections; start++) {
            while (end < connections - 1 && sum < m) {
                end++;
                sum += steps[end];
            }
            if (sum < m) {
                break;
            }
            laps.addValue(end - start);
            if (start + 1 <= end) {
                sum -= steps[start + 1];
            }
        }
        Trace trace = new Trace(name, new int[connections], ports, new int[connections], 0);
        // the worst lap in whole connections, rounded down as Linux's own figure (1764 = 14,116 / 8)
        return new Row(name, m, Math.floorDiv(m, 8), m / 4.5, laps.getMin(), laps.getMean(),
                ReuseDistance.summarize(ReuseDistance.distances(trace)));
    }
}
