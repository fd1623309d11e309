package io.portalgo.algorithms;

/**
 * The range with the reserved ports taken out, as a dense array: index i of {@code 0..m-1} is
 * the i-th usable port in ascending order. Every algorithm computes an index modulo {@code m}
 * and maps it here, so reserved ports are skipped without costing a probe, and an algorithm that
 * steps by one still visits every usable port in m candidates. Without reserved ports index i is
 * simply {@code min + i}, the RFC's formula, and no array is kept; with reserved ports in the
 * range, 2 bytes per port: 56 KiB for Linux's default range.
 */
final class UsablePorts {
    private final int min;
    /** Null when no port of the range is reserved: then index i is {@code min + i}. */
    private final char[] ports;
    private final int size;

    UsablePorts(PortRange range, PortSet reserved) {
        this.min = range.min();
        if (reserved.countIn(range) == 0) {
            this.ports = null;
            this.size = range.size();
            return;
        }
        char[] all = new char[range.size()];
        int count = 0;
        for (int port = range.min(); port <= range.max(); port++) {
            if (!reserved.contains(port)) {
                all[count++] = (char) port;
            }
        }
        this.ports = java.util.Arrays.copyOf(all, count);
        this.size = count;
    }

    /** m, the number of usable ports. */
    int size() {
        return size;
    }

    /** The port at {@code index}, 0 <= index < m. */
    int at(int index) {
        if (ports == null) {
            if (index < 0 || index >= size) {
                throw new ArrayIndexOutOfBoundsException(index);
            }
            return min + index;
        }
        return ports[index];
    }
}
