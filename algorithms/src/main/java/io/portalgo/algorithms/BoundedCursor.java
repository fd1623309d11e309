package io.portalgo.algorithms;

/**
 * Base of every cursor: counts probes and stops after {@code limit} candidates, the RFC's
 * "repeat n times". Subclasses supply the candidate of each turn.
 */
abstract class BoundedCursor implements PortCursor {
    private final int limit;
    private int probes;

    BoundedCursor(int limit) {
        this.limit = limit;
    }

    @Override
    public final int next() {
        if (probes >= limit) {
            return NO_PORT;
        }
        probes++;
        return candidate();
    }

    /** The candidate of the current turn; called at most {@code limit} times. */
    abstract int candidate();

    @Override
    public void accept() {
    }

    @Override
    public final int probes() {
        return probes;
    }
}
