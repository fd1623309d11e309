package io.portalgo.algorithms;

/** The outcome of one allocation: a port and the probes it cost, or honest exhaustion. */
public final class Selection {
    private final int port;
    private final int probes;

    private Selection(int port, int probes) {
        this.port = port;
        this.probes = probes;
    }

    public static Selection found(int port, int probes) {
        return new Selection(port, probes);
    }

    public static Selection exhausted(int probes) {
        return new Selection(PortCursor.NO_PORT, probes);
    }

    public boolean isFound() {
        return port != PortCursor.NO_PORT;
    }

    /** The port chosen; {@link PortCursor#NO_PORT} when exhausted. */
    public int port() {
        return port;
    }

    /** Candidates tested, including the one taken. */
    public int probes() {
        return probes;
    }

    @Override
    public String toString() {
        return isFound() ? "port " + port + " after " + probes + " probes" : "exhausted after " + probes + " probes";
    }
}
