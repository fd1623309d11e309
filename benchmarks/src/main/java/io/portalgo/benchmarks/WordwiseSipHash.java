package io.portalgo.benchmarks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * SipHash-2-4 exactly as {@code io.portalgo.algorithms.SipHash24} computes it (same key layout,
 * same output: {@code WordwiseSipHashTest} checks them against each other), with the one
 * difference under test: each whole 8-byte word is read with a single little-endian
 * {@link VarHandle} load instead of 8 byte loads and shifts, and a 64-bit input can be hashed
 * straight from a {@code long} with no array at all, as a counter-mode random draw needs.
 * Diagnostic only: it exists to measure what the shipped implementation could gain.
 */
final class WordwiseSipHash {
    private static final VarHandle LITTLE_ENDIAN_LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final long k0;
    private final long k1;

    WordwiseSipHash(long k0, long k1) {
        this.k0 = k0;
        this.k1 = k1;
    }

    long hash(byte[] message, int length) {
        long v0 = k0 ^ 0x736f6d6570736575L;
        long v1 = k1 ^ 0x646f72616e646f6dL;
        long v2 = k0 ^ 0x6c7967656e657261L;
        long v3 = k1 ^ 0x7465646279746573L;
        int whole = length & ~7;
        for (int at = 0; at < whole; at += 8) {
            long word = (long) LITTLE_ENDIAN_LONGS.get(message, at);
            v3 ^= word;
            for (int round = 0; round < 2; round++) {
                v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
                v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
                v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
                v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= word;
        }
        long tail = 0;
        for (int i = length - 1; i >= whole; i--) {
            tail = (tail << 8) | (message[i] & 0xffL);
        }
        return finish(v0, v1, v2, v3, ((long) length << 56) | tail);
    }

    /** The hash of the 8 little-endian bytes of {@code word}: a counter-mode draw without {@code byte[8]}. */
    long hash(long word) {
        long v0 = k0 ^ 0x736f6d6570736575L;
        long v1 = k1 ^ 0x646f72616e646f6dL;
        long v2 = k0 ^ 0x6c7967656e657261L;
        long v3 = k1 ^ 0x7465646279746573L;
        v3 ^= word;
        for (int round = 0; round < 2; round++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        v0 ^= word;
        return finish(v0, v1, v2, v3, 8L << 56);
    }

    private static long finish(long v0, long v1, long v2, long v3, long last) {
        v3 ^= last;
        for (int round = 0; round < 2; round++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        v0 ^= last;
        v2 ^= 0xff;
        for (int round = 0; round < 4; round++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }
}
