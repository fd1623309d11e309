package io.portalgo.it;

import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The class cache's entry format, as the agent's {@code TransformCache} writes it: 8 bytes of
 * checksum (CRC-32C in the high half, CRC-32 in the low, big-endian) and the class bytes. Tests
 * that plant entries the JVM will refuse need a checksum that matches, so the agent reads them.
 */
public final class CacheEntries {
    public static final int CHECKSUM_LENGTH = 8;

    private CacheEntries() {
    }

    /** {@code content} with its checksum in front, as a cache entry file holds it. */
    public static byte[] withChecksum(byte[] content) {
        CRC32C castagnoli = new CRC32C();
        castagnoli.update(content);
        CRC32 ieee = new CRC32();
        ieee.update(content);
        long checksum = castagnoli.getValue() << 32 | ieee.getValue();
        byte[] entry = new byte[CHECKSUM_LENGTH + content.length];
        for (int i = 0; i < CHECKSUM_LENGTH; i++) {
            entry[i] = (byte) (checksum >>> (56 - 8 * i));
        }
        System.arraycopy(content, 0, entry, CHECKSUM_LENGTH, content.length);
        return entry;
    }
}
