package io.portalgo.examples.evaluation;

import io.portalgo.algorithms.Flow;
import io.portalgo.algorithms.PortSelector;
import io.portalgo.algorithms.Selection;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * Probes per allocation as the range fills (RFC 6056 §3.1: the search must stay cheap and find a
 * free port whenever one exists). The algorithm fills the range itself with long-lived connections
 * (each port then busy for every destination), to each level in turn, and at each level makes
 * {@code samples} short connections that are released at once. Where the busy ports fall is the
 * point: {@code bsd} fills a contiguous block and its counter sits at its edge (1 probe at any
 * level); the randomized algorithms scatter busy runs and pay linear probing's clustering, about
 * (1 + 1/(1 - a)^2) / 2 probes at load a (50.5 at 90 %); {@code random_pick} pays 1/(1 - a).
 */
public final class Occupancy {
    private Occupancy() {
    }

    public record Level(int percentBusy, double meanProbes, double p99Probes, int exhaustions) {
    }

    public static List<Level> sweep(Policy policy, HarnessConfig config) {
        SimClock clock = new SimClock();
        PortTable table = new PortTable(clock, 0);
        PortSelector selector = policy.create(config.seed(), clock);
        PortIndex index = new PortIndex(policy.settings());
        int samples = config.intValue("occupancy.samples");
        Workload stream = Workload.zipf(config.seed() + 3, 1 << 16, config.intValue("workload.destinations"),
                config.doubleValue("workload.zipf-exponent"), config.doubleValue("workload.rate"));
        int next = 0;
        List<Level> levels = new ArrayList<>();
        for (int percent : config.intList("occupancy.levels")) {
            int target = (int) ((long) index.size() * percent / 100);
            while (table.heldCount() < target) {
                int destination = stream.destination(next++ % stream.connections());
                Selection selection = allocate(selector, clock, table, destination);
                if (!selection.isFound()) {
                    break; // random_pick's honest exhaustion: leave the level where it is
                }
                table.hold(selection.port());
            }
            DescriptiveStatistics probes = new DescriptiveStatistics();
            int exhaustions = 0;
            for (int sample = 0; sample < samples; sample++) {
                int destination = stream.destination(next++ % stream.connections());
                Selection selection = allocate(selector, clock, table, destination);
                probes.addValue(selection.probes());
                if (!selection.isFound()) {
                    exhaustions++;
                }
            }
            levels.add(new Level(percent, probes.getMean(), probes.getPercentile(99), exhaustions));
        }
        return levels;
    }

    private static Selection allocate(PortSelector selector, SimClock clock, PortTable table, int destination) {
        clock.advanceMicros(10_000);
        Flow flow = Destinations.ordinary(destination);
        return selector.select(flow, port -> table.isFree(destination, port));
    }
}
