package io.portalgo.algorithms;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A random source that is a keyed PRF in counter mode: output i is {@code SipHash-2-4_K(i)}.
 * With a secret 128-bit key from {@code SecureRandom} the stream cannot be predicted without the
 * key; with a key derived from a seed it is reproducible. One atomic increment per draw, no lock.
 */
final class CounterModeRandom implements RandomSource {
    private final SipHash24 prf;
    private final AtomicLong counter = new AtomicLong();

    CounterModeRandom(long k0, long k1) {
        this.prf = new SipHash24(k0, k1);
    }

    @Override
    public long nextLong() {
        return prf.hash(counter.getAndIncrement());
    }

    @Override
    public String toString() {
        return "CounterModeRandom[key hidden]";
    }
}
