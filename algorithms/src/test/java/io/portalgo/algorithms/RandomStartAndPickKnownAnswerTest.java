package io.portalgo.algorithms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 6056 §3.3.1 (Algorithm 1, random start then +1) and §3.3.2 (Algorithm 2, a fresh draw per
 * candidate) on 100-109 without 103 and 104: usable 100 101 102 105 106 107 108 109, n = 8, so a
 * draw {@code nextInt(8)} is the top 3 bits of the scripted value, an index into that list.
 */
class RandomStartAndPickKnownAnswerTest {
    private static final SelectorSettings SETTINGS = SelectorSettings.builder().range(PortRange.of(100, 109))
            .reserved(PortSet.of(103, 104)).build();

    @Test
    void randomStartGoesUpByOneFromTheDrawnStartAndWraps() {
        // Draw 6 -> start at index 6 = 108, then 109, wrap to 100, 101, 102, 105, 106, 107: all 8
        // usable ports, then exhaustion. The next allocation draws 1 -> 101, first probe.
        ScriptedRandom random = ScriptedRandom.of(ScriptedRandom.top(6, 3), ScriptedRandom.top(1, 3));
        PortSelector randomStart = Algorithm.RANDOM_START.create(SETTINGS, Entropy.of(random, Fixtures.keys(), () -> 0));
        assertThat(Fixtures.drain(randomStart.open(Fixtures.TCP_A))).containsExactly(108, 109, 100, 101, 102, 105, 106, 107);
        assertThat(randomStart.select(Fixtures.TCP_A, port -> true)).hasToString("port 101 after 1 probes");
        assertThat(random.remaining()).as("one draw per allocation").isZero();
    }

    @Test
    void randomPickTriesExactlyTheDrawnPorts() {
        // Draws 4, 4, 0, 7 -> 106, 106, 100, 109: no memory of what was tried, so 106 comes twice.
        // Only 109 is free: found at the 4th probe.
        ScriptedRandom random = ScriptedRandom.of(ScriptedRandom.top(4, 3), ScriptedRandom.top(4, 3),
                ScriptedRandom.top(0, 3), ScriptedRandom.top(7, 3));
        PortSelector randomPick = Algorithm.RANDOM_PICK.create(SETTINGS, Entropy.of(random, Fixtures.keys(), () -> 0));
        List<Integer> tested = new ArrayList<>();
        Selection selection = randomPick.select(Fixtures.TCP_A, port -> tested.add(port) && port == 109);
        assertThat(tested).containsExactly(106, 106, 100, 109);
        assertThat(selection).hasToString("port 109 after 4 probes");
        assertThat(random.remaining()).isZero();
    }

    @Test
    void randomPickGivesUpAfterNDrawsEvenIfAPortIsFree() {
        // 109 is free but the 8 draws (0..6, 0) never hit index 7: honest exhaustion after n = 8
        // probes, as RFC 6056 §3.3.2 allows; 109 is never returned unchecked.
        long[] draws = new long[8];
        for (int k = 0; k < 8; k++) {
            draws[k] = ScriptedRandom.top(k % 7, 3);
        }
        ScriptedRandom random = ScriptedRandom.of(draws);
        PortSelector randomPick = Algorithm.RANDOM_PICK.create(SETTINGS, Entropy.of(random, Fixtures.keys(), () -> 0));
        Selection selection = randomPick.select(Fixtures.TCP_A, port -> port == 109);
        assertThat(selection.isFound()).isFalse();
        assertThat(selection.probes()).isEqualTo(8);
        assertThat(random.remaining()).isZero();
    }
}
