package io.portalgo.algorithms;

import java.util.Locale;

/** The keyed hash functions a selector can use; the ids are the values of {@code portalgo.hash}. */
public enum PrfKind {
    /** SipHash-2-4 (Aumasson and Bernstein, 2012), 128-bit key, 64-bit output; what Linux uses since 4.11. */
    SIPHASH {
        @Override
        public Prf keyed(long k0, long k1) {
            return new SipHash24(k0, k1);
        }
    },
    /** MD5 over {@code message || key}, the RFC 6056 §3.3.3 example; first 8 bytes of the digest. For comparison only. */
    MD5 {
        @Override
        public Prf keyed(long k0, long k1) {
            return new Md5Prf(k0, k1);
        }
    };

    /** A PRF keyed with the 128-bit key {@code (k0, k1)}. */
    public abstract Prf keyed(long k0, long k1);

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named {@code id}, case-insensitive. */
    public static PrfKind fromId(String id) {
        for (PrfKind kind : values()) {
            if (kind.id().equalsIgnoreCase(id.trim())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown hash '" + id + "'; accepted: siphash, md5");
    }
}
