package io.portalgo.algorithms;

/**
 * A keyed PRF over a flow ({@link FlowView}) and the current key epoch. The epoch, {@code now / rekey}, is
 * hashed with the flow (Linux's 10-second "time seed", commit 4dfa9b438ee3), so sequences restart
 * from a new secret offset each epoch without any shared state changing; the epoch comes from an
 * {@link EpochClock}, so a hash reads no clock. {@link #rekey()} swaps in a fresh key; the key is
 * never exposed. With SipHash-2-4 a hash allocates nothing (it reads the flow's words).
 */
final class KeyedFlowHash {
    private final PrfKind kind;
    private final Entropy entropy;
    private final EpochClock epochs;
    private volatile Prf prf;

    KeyedFlowHash(PrfKind kind, Entropy entropy, long rekeyMillis) {
        this.kind = kind;
        this.entropy = entropy;
        this.epochs = entropy.epochClock(rekeyMillis);
        this.prf = newPrf();
    }

    /** The PRF of {@code flow} in the current key epoch. */
    long hash(FlowView flow) {
        return prf.hash(flow, epochs.epoch());
    }

    void rekey() {
        prf = newPrf();
    }

    private Prf newPrf() {
        long[] key = entropy.newKey();
        return kind.keyed(key[0], key[1]);
    }
}
