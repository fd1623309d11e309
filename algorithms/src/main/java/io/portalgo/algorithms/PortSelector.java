package io.portalgo.algorithms;

/**
 * One algorithm's state for one (protocol, address family), as NetBSD keeps a slot per
 * protocol and family. Thread-safe without a global lock. Create with
 * {@link Algorithm#create(SelectorSettings, Entropy)}.
 */
public interface PortSelector {
    Algorithm algorithm();

    SelectorSettings settings();

    /** The candidates for one allocation to {@code flow}, in a new cursor. */
    PortCursor open(FlowView flow);

    /**
     * As {@link #open(FlowView)}, in {@code spare} when it is a cursor some selector of this
     * library opened (of any algorithm, protocol or family), else in a new one. Reusing spares
     * makes an allocation allocate nothing: a caller keeps one cursor per thread and writes
     * {@code cursor = selector.open(flow, cursor)}. The candidates are the same as from a new
     * cursor.
     *
     * <p>{@code spare} must be the caller's own: confined to the calling thread and done with, since
     * its previous allocation ends here (a later {@link PortCursor#accept()} on it concerns the new
     * one). A cursor shared between threads breaks both allocations.
     *
     * @param spare a cursor to empty and reuse, or null
     * @return {@code spare} itself when it could be reused, otherwise a new cursor
     */
    PortCursor open(FlowView flow, PortCursor spare);

    /** Draws fresh keys now (JMX {@code rekey()}); no effect on algorithms without keys. */
    void rekey();

    /** RFC 6056's loop: the first candidate that passes {@code test}, or exhaustion. */
    default Selection select(FlowView flow, SuitablePort test) {
        return select(flow, test, Integer.MAX_VALUE);
    }

    /** As {@link #select(FlowView, SuitablePort)}, stopping after {@code maxProbes} candidates. */
    default Selection select(FlowView flow, SuitablePort test, int maxProbes) {
        PortCursor cursor = open(flow);
        while (cursor.probes() < maxProbes) {
            int port = cursor.next();
            if (port == PortCursor.NO_PORT) {
                break;
            }
            if (test.isSuitable(port)) {
                cursor.accept();
                return Selection.found(port, cursor.probes());
            }
        }
        return Selection.exhausted(cursor.probes());
    }
}
