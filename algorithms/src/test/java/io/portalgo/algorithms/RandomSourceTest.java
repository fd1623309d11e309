package io.portalgo.algorithms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The {@code random()} of RFC 6056's pseudo-code: Lemire's unbiased bounded draw and the counter-mode stream. */
class RandomSourceTest {
    @Test
    void nextIntRejectsTheBiasedLowWordAndDrawsAgain() {
        // bound 10: threshold = 2^32 mod 10 = 6. First value: high word 2^31, product 10 * 2^31
        // = 5 * 2^32, low word 0 < 6 -> rejected. Second: high word 3 * 2^30, product
        // 7.5 * 2^32, low word 2^31 >= 6 -> result 7.
        ScriptedRandom random = ScriptedRandom.of(0x8000_0000_0000_0000L, 0xC000_0000_0000_0000L);
        assertThat(random.nextInt(10)).isEqualTo(7);
        assertThat(random.remaining()).isZero();
    }

    @Test
    void nextIntUsesOnlyTheHighWord() {
        // high word 0xffffffff, bound 3: product = 3 * (2^32 - 1), high 2, low 2^32 - 3 >= 1 (= 2^32 mod 3).
        assertThat(ScriptedRandom.of(0xffff_ffff_0000_0000L).nextInt(3)).isEqualTo(2);
        // high word 0: product 0, low word 0 < 1 -> rejected whatever the low input bits are;
        // then high word 2^31: product 1.5 * 2^32 -> 1.
        ScriptedRandom lowBitsOnly = ScriptedRandom.of(0x0000_0000_ffff_ffffL, 0x8000_0000_0000_0000L);
        assertThat(lowBitsOnly.nextInt(3)).isEqualTo(1);
        assertThat(lowBitsOnly.remaining()).isZero();
        assertThat(ScriptedRandom.of(-1L).nextInt(1)).isZero();
    }

    @Test
    void nextIntRefusesANonPositiveBound() {
        assertThatThrownBy(() -> ScriptedRandom.of(0).nextInt(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void counterModeOutputIsSipHashOfTheLittleEndianIndex() {
        // output i = SipHash-2-4_K(i as 8 little-endian bytes), the class's definition.
        RandomSource stream = new CounterModeRandom(Fixtures.PAPER_KEY[0], Fixtures.PAPER_KEY[1]);
        SipHash24 prf = new SipHash24(Fixtures.PAPER_KEY[0], Fixtures.PAPER_KEY[1]);
        for (long i = 0; i < 300; i++) {
            byte[] block = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(i).array();
            assertThat(stream.nextLong()).as("output %d", i).isEqualTo(prf.hash(block, 8));
        }
    }

    @Test
    void everyFurtherThreadDrawsItsOwnStreamOfSixteenByteInputs() throws Exception {
        // The first thread to draw gets stream 0 (above); the next gets stream 1: output i =
        // SipHash-2-4_K(1 as 8 LE bytes || i as 8 LE bytes). No output of one stream is another's.
        RandomSource stream = new CounterModeRandom(Fixtures.PAPER_KEY[0], Fixtures.PAPER_KEY[1]);
        SipHash24 prf = new SipHash24(Fixtures.PAPER_KEY[0], Fixtures.PAPER_KEY[1]);
        long[] first = new long[300];
        for (int i = 0; i < first.length; i++) {
            first[i] = stream.nextLong();
        }
        long[] second = new long[300];
        Thread other = new Thread(() -> {
            for (int i = 0; i < second.length; i++) {
                second[i] = stream.nextLong();
            }
        });
        other.start();
        other.join(60_000);
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < second.length; i++) {
            byte[] block = java.nio.ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                    .putLong(1).putLong(i).array();
            assertThat(second[i]).as("stream 1, output %d", i).isEqualTo(prf.hash(block, 16));
            seen.add(second[i]);
            seen.add(first[i]);
        }
        assertThat(seen).hasSize(first.length + second.length);
        assertThat(prf.hash(7L, 9L)).isEqualTo(prf.hash(java.nio.ByteBuffer.allocate(16)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(7).putLong(9).array(), 16));
    }

    @Test
    void nothingPrintsAKey() {
        assertThat(new CounterModeRandom(1, 2)).hasToString("CounterModeRandom[key hidden]");
        assertThat(new SipHash24(1, 2)).hasToString("SipHash-2-4[key hidden]");
        assertThat(new Md5Prf(1, 2)).hasToString("MD5[key hidden]");
        assertThat(Entropy.seeded(3)).hasToString("Entropy[keys hidden]");
    }
}
