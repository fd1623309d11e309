package io.portalgo.algorithms;

/**
 * What every selector holds (its algorithm, settings, entropy and the usable ports) and how it
 * opens a cursor: a {@link BoundedCursor}, new or the caller's spare, restarted, then
 * {@link #begin} fixes what the algorithm needs for this flow (a hash offset, a bucket, a random
 * start), and {@link #candidate} gives each turn's index.
 */
abstract class SelectorBase implements PortSelector {
    private final Algorithm algorithm;
    private final SelectorSettings settings;
    final Entropy entropy;
    final UsablePorts ports;

    SelectorBase(Algorithm algorithm, SelectorSettings settings, Entropy entropy) {
        this.algorithm = algorithm;
        this.settings = settings;
        this.entropy = entropy;
        this.ports = new UsablePorts(settings.range(), settings.reserved());
    }

    @Override
    public final Algorithm algorithm() {
        return algorithm;
    }

    @Override
    public final SelectorSettings settings() {
        return settings;
    }

    @Override
    public final PortCursor open(FlowView flow) {
        return open(flow, null);
    }

    @Override
    public final PortCursor open(FlowView flow, PortCursor spare) {
        BoundedCursor cursor = spare instanceof BoundedCursor ? (BoundedCursor) spare : new BoundedCursor();
        cursor.restart(this, ports, ports.size());
        begin(cursor, flow);
        return cursor;
    }

    /** Fixes in {@code cursor} what this allocation to {@code flow} needs; nothing by default. */
    void begin(BoundedCursor cursor, FlowView flow) {
    }

    /** The index in {@code [0, m)} of the current turn's candidate; called at most m times per allocation. */
    abstract int candidate(BoundedCursor cursor);

    /** The cursor's last candidate was taken. */
    void accepted(BoundedCursor cursor) {
    }

    @Override
    public void rekey() {
    }

    @Override
    public String toString() {
        return algorithm.id() + "[" + settings + "]";
    }
}
