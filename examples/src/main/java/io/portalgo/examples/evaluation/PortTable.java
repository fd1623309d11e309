package io.portalgo.examples.evaluation;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * The simulated host's {@code check_suitable_port()} (RFC 6056 §3.3.1). Two kinds of use:
 * <ul>
 *   <li>a 4-tuple in TIME-WAIT: after a connection from local port p to destination d closes,
 *       (p, d) stays unusable for 2 x MSL (60 s by default), while p stays free for every other
 *       destination, as Linux's and FreeBSD's connect() allow;</li>
 *   <li>a held port: a long-lived connection or listener that keeps p from every destination, as
 *       BSD's (local address, local port) uniqueness does; the occupancy experiment fills the range
 *       with these.</li>
 * </ul>
 * Expired TIME-WAIT entries are dropped in order of expiry, so memory stays at about
 * rate x 2 MSL entries (6,000 at 100 connections per second).
 */
public final class PortTable {
    private final SimClock clock;
    private final long timeWaitMillis;
    private final BitSet held = new BitSet(65_536);
    private final Map<Long, Long> timeWaitUntil = new HashMap<>();
    private final ArrayDeque<long[]> expiries = new ArrayDeque<>();

    public PortTable(SimClock clock, long timeWaitMillis) {
        this.clock = clock;
        this.timeWaitMillis = timeWaitMillis;
    }

    /** True if {@code port} may carry a new connection to destination {@code destination}. */
    public boolean isFree(int destination, int port) {
        if (held.get(port)) {
            return false;
        }
        Long until = timeWaitUntil.get(key(destination, port));
        return until == null || until <= clock.nowMillis();
    }

    /** A connection from {@code port} to {@code destination} closed now: TIME-WAIT starts. */
    public void closed(int destination, int port) {
        if (timeWaitMillis == 0) {
            return; // closed by RST: no TIME-WAIT
        }
        dropExpired();
        long until = clock.nowMillis() + timeWaitMillis;
        long key = key(destination, port);
        timeWaitUntil.put(key, until);
        expiries.addLast(new long[] {key, until});
    }

    public void hold(int port) {
        held.set(port);
    }

    public void release(int port) {
        held.clear(port);
    }

    public int heldCount() {
        return held.cardinality();
    }

    private void dropExpired() {
        long now = clock.nowMillis();
        while (!expiries.isEmpty() && expiries.peekFirst()[1] <= now) {
            long[] entry = expiries.pollFirst();
            timeWaitUntil.remove(entry[0], entry[1]);
        }
    }

    private static long key(int destination, int port) {
        return ((long) destination << 16) | port;
    }
}
