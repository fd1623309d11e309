package io.portalgo.algorithms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 6056 §3.3.5, Algorithm 5: {@code counter += 1 + random() mod N}; candidate {@code min + counter mod n}. */
class RandIncKnownAnswerTest {
    @Test
    void stepsByOnePlusTheDrawnValue() {
        // 100-109 without 103, 104: usable 100 101 102 105 106 107 108 109 (n = 8), N = 4, so a
        // draw is the top 2 bits. Counter starts at the first value, 5. Draws 3, 0, 2, 3 give
        // steps 4, 1, 3, 4: counter 9, 10, 13, 17 -> index 1, 2, 5, 1 -> 101, 102, 107, 101.
        ScriptedRandom random = ScriptedRandom.of(5,
                ScriptedRandom.top(3, 2), ScriptedRandom.top(0, 2), ScriptedRandom.top(2, 2), ScriptedRandom.top(3, 2));
        PortSelector randinc = Algorithm.RANDINC.create(SelectorSettings.builder().range(PortRange.of(100, 109))
                .reserved(PortSet.of(103, 104)).randincN(4).build(), Entropy.of(random, Fixtures.keys(), () -> 0));
        assertThat(HashKnownAnswerTest.ports(randinc, Fixtures.TCP_A, 4)).containsExactly(101, 102, 107, 101);
        assertThat(random.remaining()).isZero();
    }

    @Test
    void everyCandidateAdvancesTheCounter() {
        // Same start 5, draws 0, 0, 1: 6 -> 108 busy, 7 -> 109 taken; then 7 + 2 = 9 -> 101.
        ScriptedRandom random = ScriptedRandom.of(5, ScriptedRandom.top(0, 2), ScriptedRandom.top(0, 2), ScriptedRandom.top(1, 2));
        PortSelector randinc = Algorithm.RANDINC.create(SelectorSettings.builder().range(PortRange.of(100, 109))
                .reserved(PortSet.of(103, 104)).randincN(4).build(), Entropy.of(random, Fixtures.keys(), () -> 0));
        assertThat(randinc.select(Fixtures.TCP_A, port -> port != 108)).hasToString("port 109 after 2 probes");
        assertThat(randinc.select(Fixtures.TCP_B, port -> true).port()).isEqualTo(101);
    }

    @Test
    void stepsBetweenConsecutiveCandidatesLieInOneToN() {
        // On 1-65535 without reserved ports the step is (next - previous) mod n; with N = 7 every
        // step must be 1..7, and in 20,000 seeded draws each of the seven values occurs.
        int n = 65535;
        PortSelector randinc = Algorithm.RANDINC.create(SelectorSettings.builder().range(PortRange.of(1, 65535))
                .randincN(7).build(), Entropy.seeded(5));
        PortCursor cursor = randinc.open(Fixtures.TCP_A);
        int previous = cursor.next();
        int[] seen = new int[8];
        for (int k = 0; k < 20_000; k++) {
            int port = randinc.select(Fixtures.TCP_A, p -> true).port();
            int step = Math.floorMod(port - previous, n);
            assertThat(step).isBetween(1, 7);
            seen[step]++;
            previous = port;
        }
        List<Integer> unseen = new ArrayList<>();
        for (int step = 1; step <= 7; step++) {
            if (seen[step] == 0) {
                unseen.add(step);
            }
        }
        assertThat(unseen).isEmpty();
    }

    @Test
    void withNOfOneItIsSequential() {
        // N = 1: every step is 1 + random() mod 1 = 1, whatever the stream.
        PortSelector randinc = Algorithm.RANDINC.create(SelectorSettings.builder().range(PortRange.of(100, 104))
                .randincN(1).build(), Entropy.seeded(9));
        List<Integer> ports = HashKnownAnswerTest.ports(randinc, Fixtures.TCP_A, 6);
        for (int k = 1; k < ports.size(); k++) {
            assertThat(ports.get(k)).isEqualTo(ports.get(k - 1) == 104 ? 100 : ports.get(k - 1) + 1);
        }
    }
}
