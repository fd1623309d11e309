package io.portalgo.algorithms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 6056 §3.3.4, Algorithm 4: {@code i = G(...) mod L}; {@code min + (F(...) + T[i]++) mod n}.
 * F is keyed with 00 01 .. 0f (the first key drawn), G with 10 11 .. 1f (the second); the initial
 * counters and the noise come from a scripted stream. By hand, on the 20-byte inputs:
 * <pre>
 *   F(A = tcp 192.0.2.1:80)     mod 1000 = 467     G(A) = 0x1c05bae984adb3aa, mod 10 = 6
 *   F(B = tcp 198.51.100.7:443) mod 1000 = 779     G(B) = 0xb8e2567290cfee5e, mod 10 = 8
 * </pre>
 */
class DoubleHashKnownAnswerTest {
    private static final PortRange RANGE = PortRange.of(1000, 1999);

    @Test
    void theBucketIsTheSecondKeyedHashOfTheFlow() {
        assertThat(Fixtures.siphashOfTcp4(Fixtures.SECOND_KEY, Fixtures.A_ADDRESS, Fixtures.A_PORT, 0)).isEqualTo(0x1c05bae984adb3aaL);
        assertThat(Fixtures.siphashOfTcp4(Fixtures.SECOND_KEY, Fixtures.B_ADDRESS, Fixtures.B_PORT, 0)).isEqualTo(0xb8e2567290cfee5eL);
    }

    @Test
    void destinationsInDifferentBucketsKeepIndependentSequences() {
        // L = 10 (the RFC's example), T[i] starts at 10 i. A is in bucket 6 (T = 60), B in bucket 8 (T = 80).
        // A: 1000 + (467 + 60) = 1527, B: 1000 + (779 + 80) = 1859, A: 1528, B: 1860, A: 1529.
        // B's allocations do not move A's counter, unlike Algorithm 3.
        long[] counters = new long[10];
        for (int i = 0; i < 10; i++) {
            counters[i] = 10 * i;
        }
        PortSelector doublehash = doublehash(10, 0, ScriptedRandom.of(counters));
        List<Integer> ports = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            ports.add(doublehash.select(Fixtures.TCP_A, port -> true).port());
            ports.add(doublehash.select(Fixtures.TCP_B, port -> true).port());
        }
        ports.add(doublehash.select(Fixtures.TCP_A, port -> true).port());
        assertThat(ports).containsExactly(1527, 1859, 1528, 1860, 1529);
    }

    @Test
    void aTableOfOneCounterIsAlgorithmThree() {
        // L = 1, T[0] = 0: A 1000 + 467 + 0, B 1000 + 779 + 1, A 1000 + 467 + 2, B 1000 + 779 + 3,
        // exactly what HashKnownAnswerTest expects of Algorithm 3.
        PortSelector doublehash = doublehash(1, 0, ScriptedRandom.of(0));
        List<Integer> ports = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            ports.add(doublehash.select(Fixtures.TCP_A, port -> true).port());
            ports.add(doublehash.select(Fixtures.TCP_B, port -> true).port());
        }
        assertThat(ports).containsExactly(1467, 1780, 1469, 1782);
    }

    @Test
    void noiseAddsZeroToNoiseIncrementsAfterEachAcceptedPortOnly() {
        // L = 1, T = 0, noise 3: after each accept T += nextInt(4) (scripted 2, 0, 1, 3, 0).
        // 1: 1467, T = 1 + 2 = 3.  2: 1470, T = 4 + 0 = 4.  3: 1471 busy (T = 5), 1472 taken,
        // T = 6 + 1 = 7.  4: 1474, T = 8 + 3 = 11.  5: 1478. A busy candidate draws no noise.
        ScriptedRandom random = ScriptedRandom.of(0,
                ScriptedRandom.top(2, 2), ScriptedRandom.top(0, 2), ScriptedRandom.top(1, 2),
                ScriptedRandom.top(3, 2), ScriptedRandom.top(0, 2));
        PortSelector doublehash = doublehash(1, 3, random);
        List<Selection> selections = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            selections.add(doublehash.select(Fixtures.TCP_A, port -> port != 1471));
        }
        assertThat(selections).extracting(Selection::port).containsExactly(1467, 1470, 1472, 1474, 1478);
        assertThat(selections).extracting(Selection::probes).containsExactly(1, 1, 2, 1, 1);
        assertThat(random.remaining()).isZero();
    }

    @Test
    void oneAllocationCoversTheRangeEvenWhereA32BitCounterWouldWrap() {
        // 100-104 (n = 5), F(A) mod 5 = 2 with key 00 .. 0f; T[0] starts at 2^32 - 2. The RFC's
        // T[i]++ is arithmetic mod n: (2^32 - 2) mod 5 = 4, so the candidates are
        // 100 + (2 + 4 + k) mod 5 = 101, 102, 103, 104, 100. A counter that wraps at 2^32 (not a
        // multiple of 5) would jump from 102 back to 102 and never try 100.
        PortSelector doublehash = Algorithm.DOUBLEHASH.create(
                SelectorSettings.builder().range(PortRange.of(100, 104)).rekeyMillis(0).tableSize(1).noise(0).build(),
                Entropy.of(ScriptedRandom.of(0xffff_fffeL), Fixtures.keys(Fixtures.PAPER_KEY, Fixtures.SECOND_KEY), () -> 0));
        assertThat(Fixtures.drain(doublehash.open(Fixtures.TCP_A))).containsExactly(101, 102, 103, 104, 100);
        assertThat(Fixtures.drain(doublehash.open(Fixtures.TCP_A))).containsExactly(101, 102, 103, 104, 100);
    }

    @Test
    void everyInitialCounterValueCoversTheRange() {
        // Counters near the 32-bit boundaries and noise that pushes across them: every allocation
        // still visits all 7 usable ports of 100-109 without 101, 105, 108.
        long[] starts = {0, 1, 0x7fff_fffeL, 0x7fff_ffffL, 0x8000_0000L, 0xffff_fff9L, 0xffff_fffbL, 0xffff_ffffL};
        for (long start : starts) {
            long[] script = new long[1 + 20];
            script[0] = start;
            for (int k = 1; k < script.length; k++) {
                script[k] = ScriptedRandom.top(k % 4, 2);
            }
            SelectorSettings settings = SelectorSettings.builder().range(PortRange.of(100, 109))
                    .reserved(PortSet.of(101, 105, 108)).rekeyMillis(0).tableSize(1).noise(3).build();
            PortSelector doublehash = Algorithm.DOUBLEHASH.create(settings,
                    Entropy.of(ScriptedRandom.of(script), Fixtures.keys(Fixtures.PAPER_KEY, Fixtures.SECOND_KEY), () -> 0));
            for (int allocation = 0; allocation < 20; allocation++) {
                assertThat(new java.util.TreeSet<>(Fixtures.drain(doublehash.open(Fixtures.TCP_A))))
                        .as("start %x, allocation %d", start, allocation).isEqualTo(Fixtures.usable(settings));
                doublehash.select(Fixtures.TCP_A, port -> true);
            }
        }
    }

    private static PortSelector doublehash(int tableSize, int noise, ScriptedRandom random) {
        SelectorSettings settings = SelectorSettings.builder().range(RANGE).rekeyMillis(0)
                .tableSize(tableSize).noise(noise).build();
        return Algorithm.DOUBLEHASH.create(settings,
                Entropy.of(random, Fixtures.keys(Fixtures.PAPER_KEY, Fixtures.SECOND_KEY), () -> 0));
    }
}
