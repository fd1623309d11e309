package io.portalgo.examples.evaluation;

import io.portalgo.algorithms.SelectorSettings;
import java.util.Arrays;

/**
 * Positions of the usable ports (range minus reserved), 0..m-1, the space every algorithm counts
 * in. A step between two ports is measured here, modulo m, so {@code hash}'s consecutive ports
 * step by 1 and {@code bsd}'s by m - 1 even across the wrap from the bottom of the range to the top.
 */
public final class PortIndex {
    private final int[] ports;

    public PortIndex(SelectorSettings settings) {
        int[] all = new int[settings.range().size()];
        int count = 0;
        for (int port = settings.range().min(); port <= settings.range().max(); port++) {
            if (!settings.reserved().contains(port)) {
                all[count++] = port;
            }
        }
        this.ports = Arrays.copyOf(all, count);
    }

    /** m, the number of usable ports. */
    public int size() {
        return ports.length;
    }

    /** Position of {@code port}; -1 if it is not usable. */
    public int indexOf(int port) {
        int at = Arrays.binarySearch(ports, port);
        return at < 0 ? -1 : at;
    }

    public int portAt(int index) {
        return ports[Math.floorMod(index, ports.length)];
    }

    /** Step from {@code from} to {@code to}, in 0..m-1. */
    public int step(int from, int to) {
        return Math.floorMod(indexOf(to) - indexOf(from), ports.length);
    }
}
