package io.portalgo.algorithms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
