package io.portalgo.examples.evaluation;

import java.util.function.LongSupplier;

/**
 * Simulated time, in microseconds, moved only by the simulation: the selectors' key epochs and the
 * TIME-WAIT table read it, never the wall clock, so one seed gives one report. At 2,000
 * connections per second each connection moves it by 500 microseconds.
 */
public final class SimClock implements LongSupplier {
    private long micros;

    /** Milliseconds, as {@link io.portalgo.algorithms.Entropy} expects of its clock. */
    @Override
    public long getAsLong() {
        return micros / 1000;
    }

    public long nowMillis() {
        return micros / 1000;
    }

    public long nowMicros() {
        return micros;
    }

    public void advanceMicros(long delta) {
        if (delta < 0) {
            throw new IllegalArgumentException("time never goes back: " + delta);
        }
        micros += delta;
    }

    /** Moves the clock by one connection's share of a second at {@code ratePerSecond}. */
    public void advanceOneConnection(double ratePerSecond) {
        advanceMicros(Math.round(1_000_000 / ratePerSecond));
    }
}
