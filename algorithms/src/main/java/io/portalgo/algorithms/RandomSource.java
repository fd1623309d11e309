package io.portalgo.algorithms;

/**
 * The {@code random()} of RFC 6056's pseudo-code. Implementations are thread-safe and lock-free;
 * {@link Entropy} supplies either an unpredictable one or a seeded, reproducible one.
 */
public interface RandomSource {
    /** 64 uniformly random bits. */
    long nextLong();

    /**
     * A uniform integer in {@code [0, bound)}, without the modulo bias of NetBSD's
     * {@code cprng_fast32() % n} (Lemire's multiply-and-reject on 32 bits).
     */
    default int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, not " + bound);
        }
        long threshold = (1L << 32) % bound;
        while (true) {
            long bits = nextLong() >>> 32;
            long product = bits * bound;
            if ((product & 0xffffffffL) >= threshold) {
                return (int) (product >>> 32);
            }
        }
    }
}
