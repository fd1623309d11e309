package io.portalgo.algorithms;

/**
 * An inclusive range of ports {@code [min, max]} with {@code n = max - min + 1} ports, the
 * {@code min_ephemeral}/{@code max_ephemeral} of RFC 6056 §3.2. Linux's default 32768-60999 has
 * n = 28,232; the IANA dynamic range 49152-65535 has n = 16,384; the RFC's recommended
 * 1024-65535 has n = 64,512.
 */
public final class PortRange {
    /** Lowest and highest port a range may hold. Port 0 means "any" and is never a candidate. */
    public static final int LOWEST_PORT = 1;
    public static final int HIGHEST_PORT = 65535;
    /** The IANA dynamic/private range (RFC 6335 §6), used where the system's range is unknown. */
    public static final PortRange IANA_DYNAMIC = new PortRange(49152, 65535);

    private final int min;
    private final int max;

    private PortRange(int min, int max) {
        this.min = min;
        this.max = max;
    }

    /**
     * A range from {@code min} to {@code max}, both inclusive.
     *
     * @throws IllegalArgumentException unless {@code 1 <= min <= max <= 65535}
     */
    public static PortRange of(int min, int max) {
        if (min < LOWEST_PORT || max > HIGHEST_PORT || min > max) {
            throw new IllegalArgumentException(
                    "a port range needs 1 <= min <= max <= 65535, not " + min + "-" + max);
        }
        return new PortRange(min, max);
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    /** Number of ports in the range, {@code max - min + 1}. */
    public int size() {
        return max - min + 1;
    }

    public boolean contains(int port) {
        return port >= min && port <= max;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PortRange && ((PortRange) other).min == min && ((PortRange) other).max == max;
    }

    @Override
    public int hashCode() {
        return min * 65536 + max;
    }

    /** The range as {@code min-max}, the form the {@code portalgo.range} property takes. */
    @Override
    public String toString() {
        return min + "-" + max;
    }
}
