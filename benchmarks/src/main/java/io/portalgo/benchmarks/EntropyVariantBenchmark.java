package io.portalgo.benchmarks;

import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.Flow;
import io.portalgo.algorithms.PortSelector;
import io.portalgo.algorithms.Selection;
import io.portalgo.algorithms.SelectorSettings;
import java.util.Locale;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link SelectionBenchmark} at 50 % busy for the algorithms that draw random numbers or hash
 * flows, with the selector fed by each {@link EntropyVariant}: where do the nanoseconds of
 * {@code hash}, {@code doublehash}, {@code randinc} and {@code random_pick} go? The difference
 * between {@code default} and a variant is the cost of what the variant removes. Not a claim
 * about any shipped configuration: every variant but {@code default} is for diagnosis only.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EntropyVariantBenchmark {
    @Param({"random_pick", "hash", "doublehash", "randinc"})
    public String algorithm;

    /** {@link EntropyVariant}, lower case. */
    @Param({"default", "fixed_clock", "reused_buffer", "fixed_clock_reused_buffer", "thread_local_random"})
    public String entropy;

    @Param({"50"})
    public int busyPercent;

    PortSelector selector;
    StaticOccupancy occupancy;
    Flow[] flows;
    private int nextFlow;

    @Setup(Level.Trial)
    public void setUp() {
        SelectorSettings settings = SelectorSettings.builder().range(SelectionBenchmark.LINUX_DEFAULT_RANGE).build();
        EntropyVariant variant = EntropyVariant.valueOf(entropy.toUpperCase(Locale.ROOT));
        selector = Algorithm.fromId(algorithm).create(settings, variant.create(SelectionBenchmark.ENTROPY_SEED));
        occupancy = StaticOccupancy.withBusyFraction(settings, busyPercent / 100.0, SelectionBenchmark.OCCUPANCY_SEED);
        flows = Destinations.tcp(SelectionBenchmark.FLOW_COUNT);
    }

    @Benchmark
    public void select(Blackhole blackhole) {
        Selection selection = selector.select(flows[nextFlow++ & (SelectionBenchmark.FLOW_COUNT - 1)], occupancy);
        blackhole.consume(selection);
    }
}
