package io.portalgo.benchmarks;

import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.Entropy;
import io.portalgo.algorithms.Flow;
import io.portalgo.algorithms.PortSelector;
import io.portalgo.algorithms.SelectorSettings;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Selections per microsecond through ONE selector shared by all benchmark threads, as the agent
 * shares one selector per (protocol, family, algorithm) among all of an application's threads, at
 * 50 % busy in Linux's default range. Run with 1 and with 2 threads ({@link ScalingTable}): the
 * ratio shows what the threads share: a random stream, a counter, a table, a cache line. Each
 * thread cycles through its own 1,024 of the {@link Destinations}, as two threads of an
 * application connect to different places.
 *
 * <p>Not final: JMH generates subclasses of benchmark classes.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ScalingBenchmark {
    /** The selector and the port table every thread shares. */
    @State(Scope.Benchmark)
    public static class Shared {
        @Param({"bsd", "random_start", "random_pick", "hash", "doublehash", "randinc"})
        public String algorithm;

        @Param({"50"})
        public int busyPercent;

        PortSelector selector;
        StaticOccupancy occupancy;
        Flow[] flows;

        @Setup(Level.Trial)
        public void setUp() {
            SelectorSettings settings = SelectorSettings.builder().range(SelectionBenchmark.LINUX_DEFAULT_RANGE).build();
            selector = Algorithm.fromId(algorithm).create(settings, Entropy.seeded(SelectionBenchmark.ENTROPY_SEED));
            occupancy = StaticOccupancy.withBusyFraction(settings, busyPercent / 100.0, SelectionBenchmark.OCCUPANCY_SEED);
            flows = Destinations.tcp(Destinations.MAX_COUNT);
        }
    }

    /** One thread's own slice of the destinations. */
    @State(Scope.Thread)
    public static class Own {
        int first;
        int next;

        @Setup(Level.Trial)
        public void setUp(ThreadParams thread) {
            first = (thread.getThreadIndex() * SelectionBenchmark.FLOW_COUNT) % (Destinations.MAX_COUNT - SelectionBenchmark.FLOW_COUNT);
        }
    }

    @Benchmark
    public int select(Shared shared, Own own) {
        Flow flow = shared.flows[own.first + (own.next++ & (SelectionBenchmark.FLOW_COUNT - 1))];
        return shared.selector.select(flow, shared.occupancy).port();
    }
}
