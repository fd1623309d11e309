package io.portalgo.benchmarks;

import io.portalgo.algorithms.Entropy;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ways to feed a selector, each removing one suspected cost of {@link Entropy#seeded(long)}, so
 * that {@link EntropyVariantBenchmark} can attribute the time of a selection: the clock read
 * ({@code System.nanoTime()} before every flow hash, for the key epoch), the {@code byte[8]} and
 * {@code AtomicLong} increment per random draw, and SipHash itself in the random stream. Keys,
 * and so the flow hash, stay SipHash-2-4 in every variant.
 */
enum EntropyVariant {
    /** As shipped: counter-mode SipHash stream, monotonic clock. */
    DEFAULT {
        @Override
        Entropy create(long seed) {
            return Entropy.seeded(seed);
        }
    },
    /** The clock always reads 0: one key epoch, no {@code nanoTime()} per flow hash. */
    FIXED_CLOCK {
        @Override
        Entropy create(long seed) {
            Entropy shipped = Entropy.seeded(seed);
            return Entropy.of(shipped.random(), shipped::newKey, () -> 0L);
        }
    },
    /** Random draws into a reused buffer with a plain counter; the real clock. */
    REUSED_BUFFER {
        @Override
        Entropy create(long seed) {
            Entropy shipped = Entropy.seeded(seed);
            long[] streamKey = shipped.newKey();
            return Entropy.of(new SingleThreadCounterModeRandom(streamKey[0], streamKey[1]), shipped::newKey,
                    () -> System.nanoTime() / 1_000_000L);
        }
    },
    /** Both of the above. */
    FIXED_CLOCK_REUSED_BUFFER {
        @Override
        Entropy create(long seed) {
            Entropy shipped = Entropy.seeded(seed);
            long[] streamKey = shipped.newKey();
            return Entropy.of(new SingleThreadCounterModeRandom(streamKey[0], streamKey[1]), shipped::newKey,
                    () -> 0L);
        }
    },
    /** Floor: {@code ThreadLocalRandom} (a few ns, not unpredictable) and a fixed clock. */
    THREAD_LOCAL_RANDOM {
        @Override
        Entropy create(long seed) {
            Entropy shipped = Entropy.seeded(seed);
            return Entropy.of(() -> ThreadLocalRandom.current().nextLong(), shipped::newKey, () -> 0L);
        }
    };

    abstract Entropy create(long seed);
}
