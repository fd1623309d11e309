package io.portalgo.algorithms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The RFC 6056 §3.3.3 example PRF as {@link Md5Prf} defines it: MD5(message[0..length) || key),
 * key = k0 then k1 as little-endian bytes, output = the digest's first 8 bytes big-endian.
 * Checked against {@link MessageDigest} directly.
 */
class Md5PrfTest {
    @Test
    void theEmptyMessageIsTheDigestOfTheKeyAlone() throws NoSuchAlgorithmException {
        // key bytes 00 01 .. 0f; MD5 of those 16 bytes is 1ac1ef01e96caf1be0d329331a4fc2a8.
        byte[] digest = MessageDigest.getInstance("MD5").digest(HashKnownAnswerTest.keyBytes());
        assertThat(hex(digest)).isEqualTo("1ac1ef01e96caf1be0d329331a4fc2a8");
        assertThat(new Md5Prf(Fixtures.PAPER_KEY[0], Fixtures.PAPER_KEY[1]).hash(new byte[0], 0))
                .isEqualTo(0x1ac1ef01e96caf1bL);
    }

    @Test
    void matchesMessageDigestOfMessageThenKey() throws NoSuchAlgorithmException {
        SplittableRandom random = new SplittableRandom(6056);
        for (int trial = 0; trial < 500; trial++) {
            long k0 = random.nextLong();
            long k1 = random.nextLong();
            byte[] buffer = new byte[Flow.MAX_ENCODED_LENGTH];
            random.nextBytes(buffer);
            int length = random.nextInt(buffer.length + 1);

            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(Arrays.copyOf(buffer, length));
            md5.update(ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(k0).putLong(k1).array());
            long expected = ByteBuffer.wrap(md5.digest()).getLong();

            assertThat(new Md5Prf(k0, k1).hash(buffer, length)).as("trial %d", trial).isEqualTo(expected);
            assertThat(PrfKind.MD5.keyed(k0, k1).hash(buffer, length)).isEqualTo(expected);
        }
    }

    @Test
    void repeatedCallsDoNotCarryDigestState() {
        Md5Prf prf = new Md5Prf(1, 2);
        byte[] message = {1, 2, 3};
        long first = prf.hash(message, 3);
        assertThat(prf.hash(message, 3)).isEqualTo(first);
        assertThat(prf.hash(message, 2)).isNotEqualTo(first);
    }

    private static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(String.format("%02x", b));
        }
        return text.toString();
    }
}
