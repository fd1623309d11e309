package io.portalgo.algorithms;

/**
 * The candidates for one allocation, in the RFC's order. Each {@link #next()} advances the
 * selector's shared state exactly as one turn of the RFC's loop does (for {@code hash},
 * {@code counter++}); {@link #accept()} tells the selector the last candidate was taken (where
 * {@code doublehash} adds its noise). A cursor never offers a port twice, and once the algorithm's
 * own candidates end it offers the usable ports it has not offered yet, so {@link #probes()}
 * never exceeds n and n probes reach every usable port. Not thread-safe: one cursor serves one
 * allocation at a time, on one thread; its owner may reuse it for the next allocation
 * ({@link PortSelector#open(FlowView, PortCursor)}).
 */
public interface PortCursor {
    /** What {@link #next()} returns once the algorithm has tried every candidate it may. */
    int NO_PORT = -1;

    /** The next candidate port, or {@link #NO_PORT} once every usable port has been offered. */
    int next();

    /** The last candidate returned by {@link #next()} was suitable and is now in use. */
    void accept();

    /** Candidates returned so far. */
    int probes();

    /**
     * The allocation is over: a cursor kept as a spare for
     * {@link PortSelector#open(FlowView, PortCursor)} lets go of its selector here, so it keeps no
     * selector's state (a {@code doublehash} table of up to 32 MiB) reachable after a live change
     * replaced the selector. Only {@link #probes()} may be called afterwards, until the cursor is
     * opened again. Nothing to do for a cursor that is not kept.
     */
    default void release() {
    }
}
