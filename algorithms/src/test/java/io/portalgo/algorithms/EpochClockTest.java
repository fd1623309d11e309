package io.portalgo.algorithms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The key epoch without a clock read per selection ({@link EpochClock}): a ticker thread publishes
 * {@code floor(monotonic ms / rekey)} at each boundary. It must never run ahead of the clock and
 * must follow it across boundaries; a clock the caller supplies is read exactly.
 */
class EpochClockTest {
    @Test
    void theTickingEpochFollowsTheMonotonicClockAndIsNeverEarly() {
        // 20 ms epochs: within 2 s the epoch has to move on at least twice (nominally 100 times).
        EpochClock ticking = EpochClock.ticking(20);
        long first = ticking.epoch();
        long[] last = {first};
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1)).until(() -> {
            long published = ticking.epoch();
            long exact = Math.floorDiv(EpochClock.monotonicMillis(), 20); // read after: never smaller
            assertThat(published).as("published epoch vs the clock read after it").isLessThanOrEqualTo(exact);
            assertThat(published).as("epochs never go back").isGreaterThanOrEqualTo(last[0]);
            last[0] = published;
            return published >= first + 2;
        });
    }

    @Test
    void theTickerIsOneDaemonThread() {
        EpochClock.ticking(10_000).epoch();
        EpochClock.ticking(5_000).epoch();
        long tickers = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(EpochTicker.THREAD_NAME))
                .peek(thread -> assertThat(thread.isDaemon()).isTrue())
                .count();
        assertThat(tickers).isEqualTo(1);
    }

    @Test
    void aSuppliedClockIsReadOnEveryCallAndRekeyZeroIsEpochZero() {
        Fixtures.ManualClock clock = new Fixtures.ManualClock();
        EpochClock reading = Entropy.seeded(1, clock::now).epochClock(10_000);
        assertThat(reading.epoch()).isZero();
        clock.set(9_999);
        assertThat(reading.epoch()).isZero();
        clock.set(10_000);
        assertThat(reading.epoch()).isEqualTo(1);
        clock.set(-1);
        assertThat(reading.epoch()).isEqualTo(-1);
        assertThat(Entropy.seeded(1, clock::now).epochClock(0).epoch()).isZero();
        assertThat(Entropy.seeded(1).epochClock(0).epoch()).isZero();
    }
}
