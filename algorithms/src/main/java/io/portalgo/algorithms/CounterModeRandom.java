package io.portalgo.algorithms;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A random source that is a keyed PRF in counter mode, one stream per thread, so that threads
 * never contend for a shared counter (an atomic increment on one cache line that every core
 * writes would cap two threads well below twice one thread's draws). Stream s is the s-th thread
 * to draw; its output i is
 * <ul>
 *   <li>{@code SipHash-2-4_K(i)} (8 little-endian bytes) for stream 0, so a one-threaded run of a
 *       seed draws what it always did;</li>
 *   <li>{@code SipHash-2-4_K(s || i)} (16 bytes) for stream s &gt; 0.</li>
 * </ul>
 * Messages of different lengths or different (s, i) never coincide, so no output is ever used
 * twice. With a secret 128-bit key from {@code SecureRandom} no stream can be predicted without
 * the key; with a key derived from a seed, each thread's stream is reproducible. A draw costs one
 * thread-local lookup and one SipHash; the first draw of a thread allocates its small state.
 */
final class CounterModeRandom implements RandomSource {
    private final SipHash24 prf;
    private final AtomicLong streams = new AtomicLong();
    private final ThreadLocal<Stream> perThread = ThreadLocal.withInitial(() -> new Stream(streams.getAndIncrement()));

    CounterModeRandom(long k0, long k1) {
        this.prf = new SipHash24(k0, k1);
    }

    @Override
    public long nextLong() {
        Stream stream = perThread.get();
        long index = stream.next++;
        return stream.id == 0 ? prf.hash(index) : prf.hash(stream.id, index);
    }

    @Override
    public String toString() {
        return "CounterModeRandom[key hidden]";
    }

    /** One thread's position; only that thread touches it. */
    private static final class Stream {
        final long id;
        long next;

        Stream(long id) {
            this.id = id;
        }
    }
}
