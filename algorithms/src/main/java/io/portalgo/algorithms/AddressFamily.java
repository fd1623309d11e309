package io.portalgo.algorithms;

/** IPv4 or IPv6. As in NetBSD, each family keeps its own selector state. */
public enum AddressFamily {
    INET(4),
    INET6(16);

    private final int addressLength;

    AddressFamily(int addressLength) {
        this.addressLength = addressLength;
    }

    /** Bytes in an address of this family: 4 or 16. */
    public int addressLength() {
        return addressLength;
    }

    /** Lower-case name as used in property names ({@code portalgo.inet6.algorithm}). */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The family of a raw address of 4 or 16 bytes. */
    public static AddressFamily ofAddressLength(int length) {
        switch (length) {
            case 4:
                return INET;
            case 16:
                return INET6;
            default:
                throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + length);
        }
    }
}
