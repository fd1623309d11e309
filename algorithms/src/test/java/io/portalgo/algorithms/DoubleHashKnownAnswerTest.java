package io.portalgo.algorithms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 6056 §3.3.4, Algorithm 4: {@code i = G(...) mod L}; {@code min + (F(...) + T[i]++) mod n}.
 * F and G are the two halves of one SipHash-2-4 output h, keyed with 00 01 .. 0f (the one key
 * drawn): G = the low 32 bits, {@code i = (G x L) >>> 32}; F = the high 32 bits,
 * {@code offset = (F x n) >>> 32}. The initial counters are given, the noise comes from a scripted stream.
 * By hand, on the 20-byte inputs:
 * <pre>
 *   h(A = tcp 192.0.2.1:80)     = 0x42d17eb2_0ed32afb: F = 1,121,025,714, G =   248,720,123
 *       offset n = 1000: 1121025714 x 1000 / 2^32 = 261.0 -> 261;  bucket L = 10: 0.58 -> 0
 *       offset n = 5:    1.3 -> 1
 *   h(B = tcp 198.51.100.7:443) = 0xe0dc3ca9_948cbc4b: F = 3,772,529,833, G = 2,492,251,211
 *       offset n = 1000: 878.4 -> 878;                             bucket L = 10: 5.8 -> 5
 * </pre>
 */
class DoubleHashKnownAnswerTest {
    private static final PortRange RANGE = PortRange.of(1000, 1999);

    @Test
    void fAndGAreTheDisjointHalvesOfOneKeyedHash() {
        long a = Fixtures.siphashOfTcp4(Fixtures.PAPER_KEY, Fixtures.A_ADDRESS, Fixtures.A_PORT, 0);
        long b = Fixtures.siphashOfTcp4(Fixtures.PAPER_KEY, Fixtures.B_ADDRESS, Fixtures.B_PORT, 0);
        assertThat(a).isEqualTo(0x42d17eb20ed32afbL);
        assertThat(b).isEqualTo(0xe0dc3ca9948cbc4bL);
        assertThat(DoubleHashSelector.offset(a, 1000)).isEqualTo(261);
        assertThat(DoubleHashSelector.bucket(a, 10)).isEqualTo(0);
        assertThat(DoubleHashSelector.offset(a, 5)).isEqualTo(1);
        assertThat(DoubleHashSelector.offset(b, 1000)).isEqualTo(878);
        assertThat(DoubleHashSelector.bucket(b, 10)).isEqualTo(5);
        // the largest 32-bit half maps to the last offset and bucket, never past them
        assertThat(DoubleHashSelector.offset(-1L, 28_232)).isEqualTo(28_231);
        assertThat(DoubleHashSelector.bucket(-1L, 1 << 24)).isEqualTo((1 << 24) - 1);
    }

    @Test
    void destinationsInDifferentBucketsKeepIndependentSequences() {
        // L = 10 (the RFC's example), T[i] starts at 10 i. A is in bucket 0 (T = 0), B in bucket 5 (T = 50).
        // A: 1000 + (261 + 0) = 1261, B: 1000 + (878 + 50) = 1928, A: 1262, B: 1929, A: 1263.
        // B's allocations do not move A's counter, unlike Algorithm 3.
        long[] counters = new long[10];
        for (int i = 0; i < 10; i++) {
            counters[i] = 10 * i;
        }
        PortSelector doublehash = doublehash(10, 0, ScriptedRandom.of(), counters);
        List<Integer> ports = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            ports.add(doublehash.select(Fixtures.TCP_A, port -> true).port());
            ports.add(doublehash.select(Fixtures.TCP_B, port -> true).port());
        }
        ports.add(doublehash.select(Fixtures.TCP_A, port -> true).port());
        assertThat(ports).containsExactly(1261, 1928, 1262, 1929, 1263);
    }

    @Test
    void aTableOfOneCounterIsAlgorithmThreeWithTheHighHalfAsOffset() {
        // L = 1, T[0] = 0: A 1000 + 261 + 0, B 1000 + 878 + 1, A 1000 + 261 + 2, B 1000 + 878 + 3:
        // Algorithm 3's shared counter (HashKnownAnswerTest), with F = the high half of h.
        PortSelector doublehash = doublehash(1, 0, ScriptedRandom.of(), 0);
        List<Integer> ports = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            ports.add(doublehash.select(Fixtures.TCP_A, port -> true).port());
            ports.add(doublehash.select(Fixtures.TCP_B, port -> true).port());
        }
        assertThat(ports).containsExactly(1261, 1879, 1263, 1881);
    }

    @Test
    void noiseAddsZeroToNoiseIncrementsAfterEachAcceptedPortOnly() {
        // L = 1, T = 0, noise 3: after each accept T += nextInt(4) (scripted 2, 0, 1, 3, 0).
        // 1: 1261, T = 1 + 2 = 3.  2: 1264, T = 4 + 0 = 4.  3: 1265 busy (T = 5), 1266 taken,
        // T = 6 + 1 = 7.  4: 1268, T = 8 + 3 = 11.  5: 1272. A busy candidate draws no noise.
        ScriptedRandom random = ScriptedRandom.of(
                ScriptedRandom.top(2, 2), ScriptedRandom.top(0, 2), ScriptedRandom.top(1, 2),
                ScriptedRandom.top(3, 2), ScriptedRandom.top(0, 2));
        PortSelector doublehash = doublehash(1, 3, random, 0);
        List<Selection> selections = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            selections.add(doublehash.select(Fixtures.TCP_A, port -> port != 1265));
        }
        assertThat(selections).extracting(Selection::port).containsExactly(1261, 1264, 1266, 1268, 1272);
        assertThat(selections).extracting(Selection::probes).containsExactly(1, 1, 2, 1, 1);
        assertThat(random.remaining()).isZero();
    }

    @Test
    void oneAllocationCoversTheRangeEvenWhereA32BitCounterWouldWrap() {
        // 100-104 (n = 5), offset(A) = 1 for n = 5 with key 00 .. 0f; T[0] starts at 2^32 - 2. The
        // RFC's T[i]++ is arithmetic mod n: (2^32 - 2) mod 5 = 4, so the candidates are
        // 100 + (1 + 4 + k) mod 5 = 100, 101, 102, 103, 104. A counter that wraps at 2^32 (not a
        // multiple of 5) would jump from 101 back to 101 and never try 104.
        PortSelector doublehash = new DoubleHashSelector(
                SelectorSettings.builder().range(PortRange.of(100, 104)).rekeyMillis(0).tableSize(1).noise(0).build(),
                Entropy.of(ScriptedRandom.of(), Fixtures.keys(Fixtures.PAPER_KEY), () -> 0), i -> 0xffff_fffeL);
        assertThat(Fixtures.drain(doublehash.open(Fixtures.TCP_A))).containsExactly(100, 101, 102, 103, 104);
        assertThat(Fixtures.drain(doublehash.open(Fixtures.TCP_A))).containsExactly(100, 101, 102, 103, 104);
    }

    @Test
    void everyInitialCounterValueCoversTheRange() {
        // Counters near the 32-bit boundaries and noise that pushes across them: every allocation
        // still visits all 7 usable ports of 100-109 without 101, 105, 108.
        long[] starts = {0, 1, 0x7fff_fffeL, 0x7fff_ffffL, 0x8000_0000L, 0xffff_fff9L, 0xffff_fffbL, 0xffff_ffffL};
        for (long start : starts) {
            long[] script = new long[20];
            for (int k = 0; k < script.length; k++) {
                script[k] = ScriptedRandom.top(k % 4, 2);
            }
            SelectorSettings settings = SelectorSettings.builder().range(PortRange.of(100, 109))
                    .reserved(PortSet.of(101, 105, 108)).rekeyMillis(0).tableSize(1).noise(3).build();
            PortSelector doublehash = new DoubleHashSelector(settings,
                    Entropy.of(ScriptedRandom.of(script), Fixtures.keys(Fixtures.PAPER_KEY), () -> 0), i -> start);
            for (int allocation = 0; allocation < 20; allocation++) {
                assertThat(new java.util.TreeSet<>(Fixtures.drain(doublehash.open(Fixtures.TCP_A))))
                        .as("start %x, allocation %d", start, allocation).isEqualTo(Fixtures.usable(settings));
                doublehash.select(Fixtures.TCP_A, port -> true);
            }
        }
    }

    private static PortSelector doublehash(int tableSize, int noise, ScriptedRandom random, long... starts) {
        SelectorSettings settings = SelectorSettings.builder().range(RANGE).rekeyMillis(0)
                .tableSize(tableSize).noise(noise).build();
        return new DoubleHashSelector(settings, Entropy.of(random, Fixtures.keys(Fixtures.PAPER_KEY), () -> 0),
                i -> starts[i]);
    }

    @Test
    void eachCounterStartsWhenFirstUsedAndAlwaysAlike() {
        // The production starts: SipHash-2-4 of i under a key of two draws, asked once per counter.
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        PortSelector doublehash = doublehash(10, 0, ScriptedRandom.of(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(doublehash.select(Fixtures.TCP_A, port -> true).port()).isEqualTo(1261);
        SelectorSettings settings = SelectorSettings.builder().range(RANGE).rekeyMillis(0).tableSize(10).noise(0).build();
        PortSelector counted = new DoubleHashSelector(settings, Entropy.of(ScriptedRandom.of(),
                Fixtures.keys(Fixtures.PAPER_KEY), () -> 0), i -> {
                    asked.incrementAndGet();
                    return 100 * i;
                });
        assertThat(counted.select(Fixtures.TCP_B, port -> true).port()).isEqualTo(1000 + (878 + 500) % 1000);
        assertThat(counted.select(Fixtures.TCP_B, port -> true).port()).isEqualTo(1000 + (878 + 501) % 1000);
        assertThat(asked).as("bucket 5 only, once").hasValue(1);
        PortSelector seeded = Algorithm.DOUBLEHASH.create(settings, Entropy.seeded(6056));
        PortSelector again = Algorithm.DOUBLEHASH.create(settings, Entropy.seeded(6056));
        assertThat(seeded.select(Fixtures.TCP_A, port -> true).port())
                .isEqualTo(again.select(Fixtures.TCP_A, port -> true).port());
    }
}
