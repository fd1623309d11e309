package io.portalgo.algorithms;

import java.util.function.LongSupplier;

/**
 * The key epoch of {@code hash} and {@code doublehash}, {@code floor(now / rekey)}: hashed with
 * every flow (Linux's 10-second "time seed", commit 4dfa9b438ee3), so each destination's offset
 * changes every epoch. RFC 6056 §3.3.3 leaves the key's lifetime to the implementation.
 *
 * <p>Two ways to know it:
 * <ul>
 *   <li>{@link #reading}: reads the given millisecond clock on every call. Exact, and what a test
 *       or a simulator with its own clock gets, so runs stay deterministic.</li>
 *   <li>{@link #ticking}: the JVM's monotonic clock without a clock read per selection
 *       (in a virtual machine a {@code System.nanoTime()} can cost a third of a selection's
 *       budget; benchmarks/README.md has the figures).
 *       One daemon thread, {@code portalgo-epoch}, sleeps until the next epoch boundary and
 *       publishes the new epoch in a volatile field; a selection reads that field. <b>Accuracy:</b>
 *       an epoch never starts early; it starts late by the time the thread takes to wake at the
 *       boundary, typically well under 1 ms, longer only while the JVM cannot run the thread (a
 *       stop-the-world pause, a starved CPU). With the default 10 s epoch the thread wakes once
 *       every 10 s. Should the thread fail to start, every call reads the clock instead.</li>
 * </ul>
 * With {@code rekey = 0} the epoch is always 0 and no clock is read.
 */
abstract class EpochClock {
    private EpochClock() {
    }

    /** The epoch now. */
    abstract long epoch();

    /** Epoch 0 forever: {@code portalgo.rekey=0}. */
    static EpochClock never() {
        return new Fixed();
    }

    /** {@code floor(clockMillis() / rekeyMillis)}, read on every call. */
    static EpochClock reading(LongSupplier clockMillis, long rekeyMillis) {
        return rekeyMillis == 0 ? never() : new Reading(clockMillis, rekeyMillis);
    }

    /** {@code floor(monotonicMillis() / rekeyMillis)}, published by the ticker thread at each boundary. */
    static EpochClock ticking(long rekeyMillis) {
        return rekeyMillis == 0 ? never() : new Ticking(rekeyMillis);
    }

    /** Milliseconds of the JVM's monotonic clock, rounded down (also for a negative {@code nanoTime}). */
    static long monotonicMillis() {
        return Math.floorDiv(System.nanoTime(), 1_000_000L);
    }

    private static final class Fixed extends EpochClock {
        @Override
        long epoch() {
            return 0;
        }
    }

    private static final class Reading extends EpochClock {
        private final LongSupplier clockMillis;
        private final long rekeyMillis;

        Reading(LongSupplier clockMillis, long rekeyMillis) {
            this.clockMillis = clockMillis;
            this.rekeyMillis = rekeyMillis;
        }

        @Override
        long epoch() {
            return Math.floorDiv(clockMillis.getAsLong(), rekeyMillis);
        }
    }

    /** Published by {@link EpochTicker}; reads the clock itself only if the ticker could not start. */
    static final class Ticking extends EpochClock {
        final long rekeyMillis;
        volatile long current;
        private final boolean ticked;

        private Ticking(long rekeyMillis) {
            this.rekeyMillis = rekeyMillis;
            this.current = Math.floorDiv(monotonicMillis(), rekeyMillis);
            this.ticked = EpochTicker.INSTANCE.register(this);
        }

        @Override
        long epoch() {
            return ticked ? current : Math.floorDiv(monotonicMillis(), rekeyMillis);
        }

        /** Sets the epoch for monotonic time {@code nowMillis}; returns the next boundary in ms. */
        long advanceTo(long nowMillis) {
            long epoch = Math.floorDiv(nowMillis, rekeyMillis);
            if (epoch > current) {
                current = epoch;
            }
            return Math.multiplyExact(epoch + 1, rekeyMillis);
        }
    }
}
