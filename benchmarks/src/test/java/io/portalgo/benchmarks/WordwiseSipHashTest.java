package io.portalgo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalgo.algorithms.SipHash24;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WordwiseSipHashTest {
    @Test
    void agreesWithTheShippedSipHashOnEveryLengthFromZeroTo64Bytes() {
        SplittableRandom random = new SplittableRandom(6056);
        for (int trial = 0; trial < 200; trial++) {
            long k0 = random.nextLong();
            long k1 = random.nextLong();
            byte[] message = new byte[64];
            random.nextBytes(message);
            for (int length = 0; length <= 64; length++) {
                assertThat(new WordwiseSipHash(k0, k1).hash(message, length))
                        .as("length %d", length).isEqualTo(new SipHash24(k0, k1).hash(message, length));
            }
        }
    }

    /** The paper's 15-byte vector, key 00..0f, message 00..0e: a129ca6149be45e5. */
    @Test
    void matchesThePapersTestVector() {
        byte[] message = new byte[15];
        for (int i = 0; i < message.length; i++) {
            message[i] = (byte) i;
        }
        assertThat(new WordwiseSipHash(0x0706050403020100L, 0x0f0e0d0c0b0a0908L).hash(message, 15))
                .isEqualTo(0xa129ca6149be45e5L);
    }

    @Test
    void hashingALongEqualsHashingItsEightLittleEndianBytes() {
        SplittableRandom random = new SplittableRandom(2011);
        WordwiseSipHash wordwise = new WordwiseSipHash(3, 4);
        SipHash24 shipped = new SipHash24(3, 4);
        for (int trial = 0; trial < 1_000; trial++) {
            long word = random.nextLong();
            byte[] bytes = new byte[8];
            for (int i = 0; i < 8; i++) {
                bytes[i] = (byte) (word >>> (8 * i));
            }
            assertThat(wordwise.hash(word)).isEqualTo(shipped.hash(bytes, 8));
        }
    }
}
