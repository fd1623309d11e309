package io.portalgo.benchmarks;

import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.Entropy;
import io.portalgo.algorithms.Flow;
import io.portalgo.algorithms.PortCursor;
import io.portalgo.algorithms.PortRange;
import io.portalgo.algorithms.PortSelector;
import io.portalgo.algorithms.Selection;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of one {@link PortSelector#select} (RFC 6056 §3.3's loop: open a cursor, test
 * candidates until one is suitable) for each of the six algorithms, in Linux's default range
 * 32768-60999 (n = 28,232) with 0 %, 50 % or 90 % of it busy, so about 1, 2 or 10 probes per
 * selection. Settings are otherwise portalgo's defaults: SipHash-2-4, {@code doublehash} with
 * 65,536 counters and 0..7 noise, 10 s key epoch. The port test is a {@link StaticOccupancy}
 * bitmap (a few ns per probe), and calls cycle through 1,024 {@link Destinations}, so the result
 * is the selector's own cost: hashing, random draws, counter updates.
 *
 * <p>One thread, one selector per thread: the uncontended cost. The target is at most 100 ns per
 * selection at 50 % busy for every algorithm.
 *
 * <p>Two more bodies serve the allocation table ({@link AllocationTable}, JMH's {@code -prof gc}):
 * {@link #firstCandidate} opens a cursor for a flow, takes its first candidate and accepts it (one
 * allocation as the agent's pinned connect makes it), and {@link #selectPort} runs the whole loop
 * but hands JMH only the port and the probes, not the {@code Selection} object, so that what is
 * left is what the selector itself allocates.
 *
 * <p>Not final: JMH generates subclasses of benchmark classes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SelectionBenchmark {
    /** Linux's {@code net.ipv4.ip_local_port_range} default. */
    static final PortRange LINUX_DEFAULT_RANGE = PortRange.of(32768, 60999);
    /** Destinations cycled through; a power of two so the index wraps with a mask. */
    static final int FLOW_COUNT = 1024;
    static final long OCCUPANCY_SEED = 6056;
    static final long ENTROPY_SEED = 2011;

    /** {@link Algorithm#id()}, NetBSD's name. */
    @Param({"bsd", "random_start", "random_pick", "hash", "doublehash", "randinc"})
    public String algorithm;

    /** Share of the usable ports that are busy, in percent. */
    @Param({"0", "50", "90"})
    public int busyPercent;

    PortSelector selector;
    StaticOccupancy occupancy;
    Flow[] flows;
    private int nextFlow;

    @Setup(Level.Trial)
    public void setUp() {
        SelectorSettings settings = SelectorSettings.builder().range(LINUX_DEFAULT_RANGE).build();
        selector = Algorithm.fromId(algorithm).create(settings, Entropy.seeded(ENTROPY_SEED));
        occupancy = StaticOccupancy.withBusyFraction(settings, busyPercent / 100.0, OCCUPANCY_SEED);
        flows = Destinations.tcp(FLOW_COUNT);
        nextFlow = 0;
    }

    @Benchmark
    public void select(ProbeCounters counters, Blackhole blackhole) {
        Selection selection = selector.select(flows[nextFlow++ & (FLOW_COUNT - 1)], occupancy);
        counters.record(selection);
        blackhole.consume(selection);
    }

    /** Open a cursor, take the first candidate, accept it: one allocation of the agent's pin path. */
    @Benchmark
    public int firstCandidate() {
        PortCursor cursor = selector.open(flows[nextFlow++ & (FLOW_COUNT - 1)]);
        int port = cursor.next();
        cursor.accept();
        return port;
    }

    /** {@link #select} with the port and probes consumed instead of the {@code Selection}. */
    @Benchmark
    public void selectPort(Blackhole blackhole) {
        Selection selection = selector.select(flows[nextFlow++ & (FLOW_COUNT - 1)], occupancy);
        blackhole.consume(selection.port());
        blackhole.consume(selection.probes());
    }
}
