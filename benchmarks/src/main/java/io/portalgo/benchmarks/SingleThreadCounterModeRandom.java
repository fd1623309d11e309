package io.portalgo.benchmarks;

import io.portalgo.algorithms.RandomSource;
import io.portalgo.algorithms.SipHash24;

/**
 * The algorithms module's counter-mode random stream, output i = {@code SipHash-2-4_K(i)}, with
 * the one difference under test: it writes the 8-byte counter into one buffer it keeps instead of
 * a new {@code byte[8]} per draw (a 24-byte object on a 64-bit JVM), and a plain counter
 * instead of an {@code AtomicLong}. Not thread-safe, so it is only fit for a one-thread
 * benchmark; it shows what the allocation and the atomic increment cost per draw.
 */
final class SingleThreadCounterModeRandom implements RandomSource {
    private final SipHash24 prf;
    private final byte[] block = new byte[8];
    private long counter;

    SingleThreadCounterModeRandom(long k0, long k1) {
        this.prf = new SipHash24(k0, k1);
    }

    @Override
    public long nextLong() {
        long index = counter++;
        for (int i = 0; i < 8; i++) {
            block[i] = (byte) (index >>> (8 * i));
        }
        return prf.hash(block, 8);
    }
}
