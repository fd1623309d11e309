package io.portalgo.algorithms;

/**
 * RFC 6056 §3.3.3, Algorithm 3, "Simple Hash-Based Port Selection"; NetBSD's {@code hash}.
 * Candidate {@code min + (F(l, r, rport, K) + counter++) mod n}: each destination starts at its
 * own secret offset and successive connections to it get successive ports, the longest possible
 * reuse cycle (n connections). The weakness is the one counter shared by all destinations: a
 * server that sees two of our connections learns how many we opened elsewhere in between
 * (Linux commit 190cc82489f4). Unlike NetBSD, the key is fixed for a whole key epoch and the
 * counter is kept reduced modulo n ({@link ModularCounters}), so the sequence is exactly the RFC's,
 * however long it runs. The offset is {@code F mod n} of the 64-bit SipHash output.
 */
final class HashSelector extends SelectorBase {
    private final KeyedFlowHash offsetHash;
    private final ModularCounters counter;

    HashSelector(SelectorSettings settings, Entropy entropy) {
        super(Algorithm.HASH, settings, entropy);
        this.offsetHash = new KeyedFlowHash(settings.prf(), entropy, settings.rekeyMillis());
        this.counter = ModularCounters.one(0, ports.size());
    }

    /** The flow's secret offset {@code F mod n}, fixed for the allocation. */
    @Override
    void begin(BoundedCursor cursor, FlowView flow) {
        cursor.offset = UnsignedMod.of(offsetHash.hash(flow), ports.size());
    }

    @Override
    int candidate(BoundedCursor cursor) {
        return ModularCounters.add(cursor.offset, counter.getAndAdd(0, 1), ports.size());
    }

    @Override
    public void rekey() {
        offsetHash.rekey();
    }
}
