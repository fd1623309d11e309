package io.portalgo.algorithms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Key epochs and {@link PortSelector#rekey()} for the keyed algorithms (RFC 6056 §3.3.3 and
 * §3.3.4; the epoch is Linux's 10-second time seed). On 10000-59999 (n = 50,000), for
 * A = tcp 192.0.2.1:80 with key 00 01 .. 0f and, after a rekey, 10 11 .. 1f, h = SipHash-2-4:
 * <pre>
 *                         hash: h mod n    doublehash: (high 32 bits of h) x n / 2^32
 *   h(A, epoch 0, key 1)      19467            13050
 *   h(A, epoch 1, key 1)      41396              925
 *   h(A, epoch 1, key 2)       3248            38609
 * </pre>
 * {@code doublehash} runs with one counter and no noise, so it is {@code hash} with its own offset.
 */
class RekeyTest {
    private static final PortRange RANGE = PortRange.of(10000, 59999);

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Algorithm.class, names = {"HASH", "DOUBLEHASH"})
    void crossingAnEpochAndRekeyingEachMoveTheOffset(Algorithm algorithm) {
        // hash: clock 0 and 9,999 ms are epoch 0: 10000 + 19467 + 0 = 29467, then 29468.
        // clock 10,000 ms is epoch 1: 10000 + (41396 + 2) = 51398, where epoch 0 would give 29469.
        // rekey() at epoch 1: 10000 + (3248 + 3) = 13251.
        // doublehash, the same steps with T[0] starting at s = SipHash-2-4 of 0 under the key of the two
        // scripted draws (0, 0), mod 50000 = 14119: 10000 + (13050 + s) = 37169, 37170;
        // 10000 + (925 + s + 2) = 25046; 10000 + (38609 + s + 3) mod 50000 = 12731.
        assertThat(UnsignedMod.of(new SipHash24(0, 0).hash(0), 50_000)).isEqualTo(14_119);
        int[] expected = algorithm == Algorithm.HASH
                ? new int[] {29467, 29468, 51398, 13251}
                : new int[] {37169, 37170, 25046, 12731};
        Fixtures.ManualClock clock = new Fixtures.ManualClock();
        PortSelector selector = create(algorithm, 10_000, clock);
        assertThat(selector.select(Fixtures.TCP_A, port -> true).port()).isEqualTo(expected[0]);
        clock.set(9_999);
        assertThat(selector.select(Fixtures.TCP_A, port -> true).port()).isEqualTo(expected[1]);
        clock.set(10_000);
        assertThat(selector.select(Fixtures.TCP_A, port -> true).port()).isEqualTo(expected[2]);
        selector.rekey();
        assertThat(selector.select(Fixtures.TCP_A, port -> true).port()).isEqualTo(expected[3]);
    }

    @Test
    void theHandComputedOffsetsDifferPerEpochAndKey() {
        assertThat(Long.remainderUnsigned(Fixtures.siphashOfTcp4(Fixtures.PAPER_KEY, Fixtures.A_ADDRESS, Fixtures.A_PORT, 0), 50_000)).isEqualTo(19467);
        assertThat(Long.remainderUnsigned(Fixtures.siphashOfTcp4(Fixtures.PAPER_KEY, Fixtures.A_ADDRESS, Fixtures.A_PORT, 1), 50_000)).isEqualTo(41396);
        assertThat(Long.remainderUnsigned(Fixtures.siphashOfTcp4(Fixtures.SECOND_KEY, Fixtures.A_ADDRESS, Fixtures.A_PORT, 1), 50_000)).isEqualTo(3248);
        assertThat(DoubleHashSelector.offset(Fixtures.siphashOfTcp4(Fixtures.PAPER_KEY, Fixtures.A_ADDRESS, Fixtures.A_PORT, 0), 50_000)).isEqualTo(13050);
        assertThat(DoubleHashSelector.offset(Fixtures.siphashOfTcp4(Fixtures.PAPER_KEY, Fixtures.A_ADDRESS, Fixtures.A_PORT, 1), 50_000)).isEqualTo(925);
        assertThat(DoubleHashSelector.offset(Fixtures.siphashOfTcp4(Fixtures.SECOND_KEY, Fixtures.A_ADDRESS, Fixtures.A_PORT, 1), 50_000)).isEqualTo(38609);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Algorithm.class, names = {"HASH", "DOUBLEHASH"})
    void withRekeyZeroTheOffsetNeverChanges(Algorithm algorithm) {
        // rekey = 0 ms: one epoch forever, hashed as epoch 0, however far the clock moves.
        int first = algorithm == Algorithm.HASH ? 29467 : 37169; // see above: doublehash's T[0] starts at 14119
        Fixtures.ManualClock clock = new Fixtures.ManualClock();
        PortSelector selector = create(algorithm, 0, clock);
        long[] times = {0, 10_000, 86_400_000L, 1_000_000_000_000L, -5_000};
        for (int k = 0; k < times.length; k++) {
            clock.set(times[k]);
            assertThat(selector.select(Fixtures.TCP_A, port -> true).port()).isEqualTo(first + k);
        }
    }

    @Test
    void algorithmsWithoutKeysIgnoreRekey() {
        // bsd's sequence 104, 103, 102 carries on across a rekey(); nothing is redrawn.
        PortSelector bsd = Algorithm.BSD.create(SelectorSettings.builder().range(PortRange.of(100, 104)).build(),
                Entropy.of(ScriptedRandom.of(), Fixtures.keys(), () -> 0));
        assertThat(bsd.select(Fixtures.TCP_A, port -> true).port()).isEqualTo(104);
        bsd.rekey();
        assertThat(bsd.select(Fixtures.TCP_A, port -> true).port()).isEqualTo(103);
    }

    private static PortSelector create(Algorithm algorithm, long rekeyMillis, Fixtures.ManualClock clock) {
        SelectorSettings settings = SelectorSettings.builder().range(RANGE).rekeyMillis(rekeyMillis)
                .tableSize(1).noise(0).build();
        // Each draws key 1 and, on rekey(), key 2: doublehash's F and G share one key.
        Entropy.KeySource keys = Fixtures.keys(Fixtures.PAPER_KEY, Fixtures.SECOND_KEY);
        ScriptedRandom random = algorithm == Algorithm.DOUBLEHASH ? ScriptedRandom.of(0, 0) : ScriptedRandom.of();
        return algorithm.create(settings, Entropy.of(random, keys, clock::now));
    }
}
