package io.portalgo.algorithms;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Everything unpredictable or time-dependent a selector uses, injected so that a test, the
 * simulator or a {@code portalgo.seed} run is reproducible: the random stream, fresh 128-bit
 * keys and a millisecond clock for the key epoch.
 */
public final class Entropy {
    private final RandomSource random;
    private final KeySource keys;
    private final LongSupplier clockMillis;
    /** True for the JVM's monotonic clock, whose key epochs a ticker thread can publish. */
    private final boolean monotonic;

    private Entropy(RandomSource random, KeySource keys, LongSupplier clockMillis) {
        this.random = random;
        this.keys = keys;
        this.clockMillis = clockMillis;
        this.monotonic = clockMillis == MONOTONIC;
    }

    private static final LongSupplier MONOTONIC = EpochClock::monotonicMillis;

    /** Keys from {@link SecureRandom} (RFC 4086 quality), a keyed random stream, the monotonic clock. */
    public static Entropy secure() {
        SecureRandom secureRandom = new SecureRandom();
        KeySource keys = () -> new long[] {secureRandom.nextLong(), secureRandom.nextLong()};
        long[] streamKey = keys.newKey();
        return new Entropy(new CounterModeRandom(streamKey[0], streamKey[1]), keys, MONOTONIC);
    }

    /** Everything derived from {@code seed}, with the monotonic clock. Reproducible; not secret. */
    public static Entropy seeded(long seed) {
        return seeded(seed, MONOTONIC);
    }

    /** Everything derived from {@code seed}, with the given clock (tests move it by hand). */
    public static Entropy seeded(long seed, LongSupplier clockMillis) {
        AtomicLong state = new AtomicLong(seed);
        KeySource keys = () -> new long[] {splitMix(state), splitMix(state)};
        long[] streamKey = keys.newKey();
        return new Entropy(new CounterModeRandom(streamKey[0], streamKey[1]), keys, clockMillis);
    }

    /** Any combination, for tests that script the random stream itself. */
    public static Entropy of(RandomSource random, KeySource keys, LongSupplier clockMillis) {
        return new Entropy(random, keys, clockMillis);
    }

    public RandomSource random() {
        return random;
    }

    /** A fresh 128-bit key as two longs. */
    public long[] newKey() {
        return keys.newKey();
    }

    public long nowMillis() {
        return clockMillis.getAsLong();
    }

    /**
     * The key epoch of length {@code rekeyMillis} on this entropy's clock: published by a ticker
     * thread for the monotonic clock, read on every call for a clock the caller supplied (tests,
     * simulators); see {@link EpochClock} for the accuracy.
     */
    EpochClock epochClock(long rekeyMillis) {
        return monotonic ? EpochClock.ticking(rekeyMillis) : EpochClock.reading(clockMillis, rekeyMillis);
    }

    /** SplitMix64 (Steele, Lea, Flood 2014) stepped atomically. */
    private static long splitMix(AtomicLong state) {
        long z = state.addAndGet(0x9e3779b97f4a7c15L);
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Source of 128-bit keys. */
    @FunctionalInterface
    public interface KeySource {
        long[] newKey();
    }

    @Override
    public String toString() {
        return "Entropy[keys hidden]";
    }
}
