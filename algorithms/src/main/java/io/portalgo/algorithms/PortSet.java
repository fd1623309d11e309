package io.portalgo.algorithms;

import java.util.BitSet;

/**
 * An immutable set of ports, such as the reserved ports that are never handed out (NetBSD's
 * 65,536-bit {@code anonportalgo.reserve} bitmap, Linux's {@code ip_local_reserved_ports}).
 * Printed in Linux's list form, ranges collapsed: {@code 1,2-4,10} reads back as {@code 1-4,10}.
 */
public final class PortSet {
    public static final PortSet EMPTY = new PortSet(new BitSet());

    private final BitSet ports;

    private PortSet(BitSet ports) {
        this.ports = ports;
    }

    /** A set holding the given ports, each in 1..65535. */
    public static PortSet of(int... ports) {
        Builder builder = builder();
        for (int port : ports) {
            builder.add(port);
        }
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean contains(int port) {
        return port >= 0 && ports.get(port);
    }

    /** Number of ports in the set. */
    public int size() {
        return ports.cardinality();
    }

    public boolean isEmpty() {
        return ports.isEmpty();
    }

    /** Ports of this set that lie inside {@code range}. */
    public int countIn(PortRange range) {
        return ports.get(range.min(), range.max() + 1).cardinality();
    }

    /** Smallest port of the set at or above {@code from}, or -1. */
    public int nextPort(int from) {
        return ports.nextSetBit(from);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PortSet && ((PortSet) other).ports.equals(ports);
    }

    @Override
    public int hashCode() {
        return ports.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        int start = ports.nextSetBit(0);
        while (start >= 0) {
            int end = ports.nextClearBit(start) - 1;
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(start);
            if (end > start) {
                text.append('-').append(end);
            }
            start = ports.nextSetBit(end + 1);
        }
        return text.toString();
    }

    /** Collects ports and ranges; {@link #build()} freezes them. */
    public static final class Builder {
        private final BitSet ports = new BitSet(PortRange.HIGHEST_PORT + 1);

        private Builder() {
        }

        public Builder add(int port) {
            return addRange(port, port);
        }

        /** Adds {@code first..last}, inclusive, each in 1..65535 and first <= last. */
        public Builder addRange(int first, int last) {
            PortRange.of(first, last); // validates the bounds
            ports.set(first, last + 1);
            return this;
        }

        public PortSet build() {
            return new PortSet((BitSet) ports.clone());
        }
    }
}
