package io.portalgo.benchmarks;

import io.portalgo.algorithms.PortRange;
import io.portalgo.algorithms.PortSet;
import io.portalgo.algorithms.SelectorSettings;
import io.portalgo.algorithms.SuitablePort;
import java.util.SplittableRandom;

/**
 * A port table frozen in time: RFC 6056's {@code check_suitable_port()} answered from a
 * 65,536-bit bitmap (8 KiB, one L1-resident bit per port), so that a benchmark measures the
 * selector and not the test. Exactly {@code round(fraction x n)} of the n usable ports are busy,
 * chosen uniformly by a seeded partial Fisher-Yates shuffle: in Linux's 32768-60999 (n = 28,232)
 * 50 % busy is 14,116 ports and 90 % is 25,409. Reserved ports and ports outside the range are
 * never suitable, as in a real port table they would never be handed out.
 *
 * <p>Nothing is ever taken: a selected port stays free, so the busy fraction, and with it the
 * expected probes per selection (1 / (1 - f): 1, 2 and 10 at 0, 50 and 90 %), is the same for
 * the whole run.
 */
public final class StaticOccupancy implements SuitablePort {
    private final long[] free = new long[(PortRange.HIGHEST_PORT + 1) / Long.SIZE];
    private final int usable;
    private final int busy;

    private StaticOccupancy(int usable, int busy) {
        this.usable = usable;
        this.busy = busy;
    }

    /**
     * The usable ports of {@code settings} (its range less its reserved ports), of which exactly
     * {@code round(busyFraction x n)} are busy, the same ones for the same {@code seed}.
     *
     * @throws IllegalArgumentException unless {@code 0 <= busyFraction <= 1}
     */
    public static StaticOccupancy withBusyFraction(SelectorSettings settings, double busyFraction, long seed) {
        if (!(busyFraction >= 0 && busyFraction <= 1)) {
            throw new IllegalArgumentException("busy fraction must be in [0, 1], not " + busyFraction);
        }
        int[] ports = usablePorts(settings.range(), settings.reserved());
        int busyCount = (int) Math.round(busyFraction * ports.length);
        SplittableRandom random = new SplittableRandom(seed);
        // After this loop ports[0..busyCount) is a uniform random subset of the usable ports.
        for (int i = 0; i < busyCount; i++) {
            int j = i + random.nextInt(ports.length - i);
            int swap = ports[i];
            ports[i] = ports[j];
            ports[j] = swap;
        }
        StaticOccupancy occupancy = new StaticOccupancy(ports.length, busyCount);
        for (int i = busyCount; i < ports.length; i++) {
            occupancy.free[ports[i] >>> 6] |= 1L << ports[i];
        }
        return occupancy;
    }

    private static int[] usablePorts(PortRange range, PortSet reserved) {
        int[] ports = new int[range.size()];
        int count = 0;
        for (int port = range.min(); port <= range.max(); port++) {
            if (!reserved.contains(port)) {
                ports[count++] = port;
            }
        }
        return java.util.Arrays.copyOf(ports, count);
    }

    /** True if {@code port} is usable and not busy; {@code 1L << port} uses the low 6 bits only. */
    @Override
    public boolean isSuitable(int port) {
        return (free[port >>> 6] & (1L << port)) != 0;
    }

    /** n, the usable ports: the range less the reserved ports. */
    public int usablePorts() {
        return usable;
    }

    /** Usable ports marked busy: {@code round(fraction x n)}. */
    public int busyPorts() {
        return busy;
    }

    /** Usable ports a selection can still take: {@code n - busy}. */
    public int freePorts() {
        return usable - busy;
    }

    @Override
    public String toString() {
        return busy + " of " + usable + " usable ports busy";
    }
}
