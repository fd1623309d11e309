package io.portalgo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.portalgo.algorithms.PortRange;
import io.portalgo.algorithms.PortSet;
import io.portalgo.algorithms.SelectorSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StaticOccupancyTest {
    private static final SelectorSettings LINUX = SelectorSettings.builder()
            .range(SelectionBenchmark.LINUX_DEFAULT_RANGE).build();

    /** n = 60999 - 32768 + 1 = 28,232; busy = round(f x n). */
    @ParameterizedTest
    @CsvSource({"0.0, 0", "0.5, 14116", "0.9, 25409", "1.0, 28232", "0.33, 9317"})
    void marksExactlyTheRequestedShareOfTheRangeBusy(double fraction, int expectedBusy) {
        StaticOccupancy occupancy = StaticOccupancy.withBusyFraction(LINUX, fraction, 1);

        assertThat(occupancy.usablePorts()).isEqualTo(28_232);
        assertThat(occupancy.busyPorts()).isEqualTo(expectedBusy);
        assertThat(suitableIn(occupancy, LINUX.range())).isEqualTo(28_232 - expectedBusy);
        assertThat(suitableIn(occupancy, PortRange.of(1, 65535))).isEqualTo(28_232 - expectedBusy);
    }

    @Test
    void reservedPortsAreNeverSuitableAndNotCountedAsUsable() {
        PortSet reserved = PortSet.builder().addRange(40000, 40999).add(32768).build();
        SelectorSettings settings = LINUX.toBuilder().reserved(reserved).build();

        StaticOccupancy occupancy = StaticOccupancy.withBusyFraction(settings, 0.5, 7);

        assertThat(occupancy.usablePorts()).isEqualTo(28_232 - 1_001);
        assertThat(occupancy.busyPorts()).isEqualTo(13_616); // round(27,231 / 2) = 13,615.5 -> 13,616
        assertThat(occupancy.isSuitable(32768)).isFalse();
        for (int port = 40000; port <= 40999; port++) {
            assertThat(occupancy.isSuitable(port)).as("reserved port %d", port).isFalse();
        }
        assertThat(suitableIn(occupancy, PortRange.of(1, 65535))).isEqualTo(27_231 - 13_616);
    }

    @Test
    void theSameSeedGivesTheSameBusyPortsAndAnotherSeedOthers() {
        StaticOccupancy first = StaticOccupancy.withBusyFraction(LINUX, 0.5, 42);
        StaticOccupancy again = StaticOccupancy.withBusyFraction(LINUX, 0.5, 42);
        StaticOccupancy other = StaticOccupancy.withBusyFraction(LINUX, 0.5, 43);

        int differences = 0;
        for (int port = 32768; port <= 60999; port++) {
            assertThat(again.isSuitable(port)).isEqualTo(first.isSuitable(port));
            differences += first.isSuitable(port) == other.isSuitable(port) ? 0 : 1;
        }
        // Two independent halves disagree on about half the ports: 14,116 expected.
        assertThat(differences).isBetween(13_000, 15_200);
    }

    @Test
    void busyPortsAreSpreadOverTheRangeNotPackedAtOneEnd() {
        StaticOccupancy occupancy = StaticOccupancy.withBusyFraction(LINUX, 0.9, 6056);

        int freeInLowerHalf = suitableIn(occupancy, PortRange.of(32768, 46883));
        int freeInUpperHalf = suitableIn(occupancy, PortRange.of(46884, 60999));

        // 2,823 free ports, about 1,412 per half; a packed shuffle would put them all in one.
        assertThat(freeInLowerHalf + freeInUpperHalf).isEqualTo(2_823);
        assertThat(freeInLowerHalf).isBetween(1_250, 1_575);
    }

    @ParameterizedTest
    @CsvSource({"-0.1", "1.01", "NaN"})
    void refusesAFractionOutsideZeroToOne(double fraction) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> StaticOccupancy.withBusyFraction(LINUX, fraction, 1))
                .withMessageContaining("busy fraction");
    }

    private static int suitableIn(StaticOccupancy occupancy, PortRange range) {
        int suitable = 0;
        for (int port = range.min(); port <= range.max(); port++) {
            suitable += occupancy.isSuitable(port) ? 1 : 0;
        }
        return suitable;
    }
}
