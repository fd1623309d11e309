package io.portalgo.algorithms;

/**
 * Base of every cursor: counts probes and stops after {@code limit} candidates, the RFC's
 * "repeat n times". Subclasses supply the index (into the usable ports) of each turn's candidate.
 */
abstract class BoundedCursor implements PortCursor {
    private final UsablePorts ports;
    private final int limit;
    private int probes;

    BoundedCursor(UsablePorts ports, int limit) {
        this.ports = ports;
        this.limit = limit;
    }

    @Override
    public final int next() {
        if (probes >= limit) {
            return NO_PORT;
        }
        probes++;
        return ports.at(candidate());
    }

    /** The index in {@code [0, m)} of the current turn's candidate; called at most {@code limit} times. */
    abstract int candidate();

    @Override
    public void accept() {
    }

    @Override
    public final int probes() {
        return probes;
    }
}
