package io.portalgo.benchmarks;

import io.portalgo.algorithms.Entropy;
import io.portalgo.algorithms.SipHash24;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The building blocks of a selection, each alone, to read {@link SelectionBenchmark} against:
 * one clock read, one SipHash-2-4 of the 20-byte encoding of an IPv4 flow (2 whole words and the
 * final block: 3 x 2 + 4 = 10 rounds) from a reused array and from a fresh 44-byte one (what
 * {@code KeyedFlowHash} allocates per hash), one draw of the shipped random stream, one
 * uncontended atomic increment, and one 64-bit unsigned remainder modulo n = 28,232; and the flow
 * hash as the selectors now make it, from a flow's precomputed words.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PrimitivesBenchmark {
    /** IPv4 flows encode to 2 + 4 + 4 + 2 + 8 = 20 bytes, IPv6 to 44. */
    private static final int IPV4_ENCODING = 20;
    private static final int IPV6_ENCODING = 44;

    private final SipHash24 prf = new SipHash24(0x0706050403020100L, 0x0f0e0d0c0b0a0908L);
    private final byte[] message = new byte[IPV6_ENCODING];
    private final AtomicLong counter = new AtomicLong();
    private Entropy entropy;
    private long dividend;
    private io.portalgo.algorithms.Flow[] flows;

    @Setup
    public void setUp() {
        entropy = Entropy.seeded(SelectionBenchmark.ENTROPY_SEED);
        flows = Destinations.tcp(SelectionBenchmark.FLOW_COUNT);
        dividend = 0x9e3779b97f4a7c15L;
    }

    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }

    @Benchmark
    public long sipHashIpv4ReusedArray() {
        message[0]++;
        return prf.hash(message, IPV4_ENCODING);
    }

    /** A flow hash as {@code hash} and {@code doublehash} now make it: from the flow's precomputed words, no array. */
    @Benchmark
    public long sipHashIpv4FlowWords() {
        return prf.hash(flows[(int) (dividend++ & (flows.length - 1))], 0);
    }

    @Benchmark
    public long sipHashIpv4FreshArray() {
        byte[] fresh = new byte[IPV6_ENCODING];
        fresh[0] = message[0]++;
        return prf.hash(fresh, IPV4_ENCODING);
    }

    /** One counter-mode draw's hash as it was first shipped: a fresh {@code byte[8]}. */
    @Benchmark
    public long sipHashOneWordFreshArray() {
        long index = dividend++;
        byte[] block = new byte[8];
        for (int i = 0; i < 8; i++) {
            block[i] = (byte) (index >>> (8 * i));
        }
        return prf.hash(block, 8);
    }

    /** The same hash computed straight from the {@code long}, as {@code CounterModeRandom} now does. */
    @Benchmark
    public long sipHashOneWordFromLong() {
        return prf.hash(dividend++);
    }

    @Benchmark
    public long shippedRandomNextLong() {
        return entropy.random().nextLong();
    }

    @Benchmark
    public long atomicIncrement() {
        return counter.getAndIncrement();
    }

    @Benchmark
    public long remainderUnsigned() {
        dividend += 0x9e3779b97f4a7c15L;
        return Long.remainderUnsigned(dividend, 28_232);
    }
}
