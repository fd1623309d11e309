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
    void randomPickTriesTheDrawnPortsButNoPortTwice() {
        // Draws 4, 4, 0, 7 -> 106, 106, 100, 109: the algorithm has no memory of what it tried,
        // but the cursor does, so the second 106 is skipped without a probe (it still used up one
        // of the n draws). Only 109 is free: found at the 3rd probe, after the 4th draw.
        ScriptedRandom random = ScriptedRandom.of(ScriptedRandom.top(4, 3), ScriptedRandom.top(4, 3),
                ScriptedRandom.top(0, 3), ScriptedRandom.top(7, 3));
        PortSelector randomPick = Algorithm.RANDOM_PICK.create(SETTINGS, Entropy.of(random, Fixtures.keys(), () -> 0));
        List<Integer> tested = new ArrayList<>();
        Selection selection = randomPick.select(Fixtures.TCP_A, port -> tested.add(port) && port == 109);
        assertThat(tested).containsExactly(106, 100, 109);
        assertThat(selection).hasToString("port 109 after 3 probes");
        assertThat(random.remaining()).isZero();
    }

    @Test
    void randomPickGoesOnOverTheUntriedPortsWhenItsNDrawsMissTheFreeOne() {
        // 109 is free but the 8 draws (0..6, 0) never hit index 7; RFC 6056 §3.3.2 would give up
        // here. The cursor goes on over the ports not tried yet, from the index after the last
        // candidate (0): 1..6 were tried, 7 -> 109, the 8th probe (7 distinct draws + 1). No ninth
        // draw is made, and 109 is tested like any other candidate.
        long[] draws = new long[8];
        for (int k = 0; k < 8; k++) {
            draws[k] = ScriptedRandom.top(k % 7, 3);
        }
        ScriptedRandom random = ScriptedRandom.of(draws);
        PortSelector randomPick = Algorithm.RANDOM_PICK.create(SETTINGS, Entropy.of(random, Fixtures.keys(), () -> 0));
        List<Integer> tested = new ArrayList<>();
        Selection selection = randomPick.select(Fixtures.TCP_A, port -> tested.add(port) && port == 109);
        assertThat(tested).containsExactly(100, 101, 102, 105, 106, 107, 108, 109);
        assertThat(selection).hasToString("port 109 after 8 probes");
        assertThat(random.remaining()).isZero();
    }
}
