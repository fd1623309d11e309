package io.portalgo.benchmarks;

import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.Entropy;
import io.portalgo.algorithms.Flow;
import io.portalgo.algorithms.PortSelector;
import io.portalgo.algorithms.SelectorSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * Not JMH: {@link SelectionBenchmark#select}'s work timed by the thread's own CPU clock
 * ({@code ThreadMXBean.getCurrentThreadCpuTime}), so that time the thread spends descheduled on a
 * busy machine does not count. Cache pollution by other processes still does, so read it as an
 * upper bound and compare versions run side by side. One algorithm per JVM (so the call sites stay
 * as monomorphic as in a JMH fork): 1.5 s of CPU warm-up, then 7 rounds of 300,000 selections;
 * prints the median and the range of CPU ns per selection.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.portalgo.benchmarks.SelectionCpuTime doublehash 50</pre>
 */
public final class SelectionCpuTime {
    private SelectionCpuTime() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: SelectionCpuTime <algorithm> <busy percent>, e.g. doublehash 50");
            System.exit(2);
        }
        String algorithm = args[0];
        int busyPercent = Integer.parseInt(args[1]);
        SelectorSettings settings = SelectorSettings.builder().range(SelectionBenchmark.LINUX_DEFAULT_RANGE).build();
        PortSelector selector = Algorithm.fromId(algorithm).create(settings, Entropy.seeded(SelectionBenchmark.ENTROPY_SEED));
        StaticOccupancy occupancy = StaticOccupancy.withBusyFraction(settings, busyPercent / 100.0, SelectionBenchmark.OCCUPANCY_SEED);
        Flow[] flows = Destinations.tcp(SelectionBenchmark.FLOW_COUNT);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        int next = 0;
        long warmedUp = threads.getCurrentThreadCpuTime() + 1_500_000_000L;
        while (threads.getCurrentThreadCpuTime() < warmedUp) {
            for (int k = 0; k < 10_000; k++) {
                sink += selector.select(flows[next++ & (SelectionBenchmark.FLOW_COUNT - 1)], occupancy).port();
            }
        }
        double[] rounds = new double[7];
        int perRound = 300_000;
        for (int r = 0; r < rounds.length; r++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int k = 0; k < perRound; k++) {
                sink += selector.select(flows[next++ & (SelectionBenchmark.FLOW_COUNT - 1)], occupancy).port();
            }
            rounds[r] = (threads.getCurrentThreadCpuTime() - start) / (double) perRound;
        }
        Arrays.sort(rounds);
        System.out.println(String.format(Locale.ROOT, "%s at %d %% busy: %.1f CPU ns per selection (median of 7; %.1f-%.1f)%s",
                algorithm, busyPercent, rounds[3], rounds[0], rounds[6], sink == 42 ? " " : ""));
    }
}
