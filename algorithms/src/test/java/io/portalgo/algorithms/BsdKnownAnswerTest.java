package io.portalgo.algorithms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 6056 §2.2, the traditional BSD allocator: one counter, counting down, wrapping to the top. */
class BsdKnownAnswerTest {
    @Test
    void countsDownFromTheTopAndWrapsToTheTop() {
        // Range 100-104, n = 5; the counter starts at the top: 104, 103, 102, 101, 100, then wraps to 104.
        PortSelector bsd = Algorithm.BSD.create(
                SelectorSettings.builder().range(PortRange.of(100, 104)).build(), Entropy.seeded(1));
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ports.add(bsd.select(Flow.unknownDestination(Protocol.TCP, AddressFamily.INET), port -> true).port());
        }
        assertThat(ports).containsExactly(104, 103, 102, 101, 100, 104);
    }

    @Test
    void skipsReservedPortsWithoutSpendingAProbe() {
        // Range 100-104 with 102 and 103 reserved: usable 100, 101, 104 (n = 3). Counting down
        // over the usable ports: 104, 101, 100, 104, 101; each found at its first probe.
        PortSelector bsd = Algorithm.BSD.create(SelectorSettings.builder().range(PortRange.of(100, 104))
                .reserved(PortSet.of(102, 103)).build(), Entropy.seeded(1));
        List<Selection> selections = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            selections.add(bsd.select(Fixtures.TCP_ANY, port -> true));
        }
        assertThat(selections).extracting(Selection::port).containsExactly(104, 101, 100, 104, 101);
        assertThat(selections).extracting(Selection::probes).containsOnly(1);
    }

    @Test
    void aBusyPortCostsOneProbeAndAdvancesTheSharedCounter() {
        // Usable 100, 101, 104 as above, 104 busy. Allocation 1: 104 (busy), 101 -> 101 after 2
        // probes. Allocation 2: the counter is now at 100 -> 100 after 1. Allocation 3: 104
        // (busy), 101 -> 101 after 2. The counter is shared by every destination.
        PortSelector bsd = Algorithm.BSD.create(SelectorSettings.builder().range(PortRange.of(100, 104))
                .reserved(PortSet.of(102, 103)).build(), Entropy.seeded(1));
        SuitablePort busy104 = port -> port != 104;
        assertThat(bsd.select(Fixtures.TCP_A, busy104)).hasToString("port 101 after 2 probes");
        assertThat(bsd.select(Fixtures.TCP_B, busy104)).hasToString("port 100 after 1 probes");
        assertThat(bsd.select(Fixtures.TCP_A, busy104)).hasToString("port 101 after 2 probes");
    }

    @Test
    void reportsExhaustionAfterExactlyTheUsablePorts() {
        // n = 3 usable ports, all busy: three probes (104, 101, 100), then ERROR, never an unchecked port.
        PortSelector bsd = Algorithm.BSD.create(SelectorSettings.builder().range(PortRange.of(100, 104))
                .reserved(PortSet.of(102, 103)).build(), Entropy.seeded(1));
        List<Integer> tested = new ArrayList<>();
        Selection selection = bsd.select(Fixtures.TCP_A, port -> tested.add(port) && false);
        assertThat(selection.isFound()).isFalse();
        assertThat(selection.probes()).isEqualTo(3);
        assertThat(tested).containsExactly(104, 101, 100);
    }
}
