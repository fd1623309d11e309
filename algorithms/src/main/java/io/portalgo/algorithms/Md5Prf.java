package io.portalgo.algorithms;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The RFC 6056 §3.3.3 example PRF: MD5 over the input followed by the 128-bit secret; the first
 * 8 digest bytes, big-endian, are the output. Several times slower than SipHash-2-4, allocates
 * per hash, and is offered only to compare with NetBSD and the RFC text.
 */
final class Md5Prf implements Prf {
    private final byte[] key = new byte[16];
    private final ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(Md5Prf::newDigest);

    Md5Prf(long k0, long k1) {
        for (int i = 0; i < 8; i++) {
            key[i] = (byte) (k0 >>> (8 * i));
            key[8 + i] = (byte) (k1 >>> (8 * i));
        }
    }

    @Override
    public long hash(byte[] message, int length) {
        MessageDigest md5 = digests.get();
        md5.update(message, 0, length);
        md5.update(key);
        byte[] digest = md5.digest();
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (digest[i] & 0xffL);
        }
        return value;
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no MD5; use portalgo.hash=siphash", e);
        }
    }

    @Override
    public String toString() {
        return "MD5[key hidden]";
    }
}
