package io.portalgo.algorithms;

import java.util.concurrent.atomic.AtomicLong;

/**
 * RFC 6056 §3.3.3, Algorithm 3, "Simple Hash-Based Port Selection"; NetBSD's {@code hash}.
 * Candidate {@code min + (F(l, r, rport, K) + counter++) mod n}: each destination starts at its
 * own secret offset and successive connections to it get successive ports, the longest possible
 * reuse cycle (n connections). The weakness is the one counter shared by all destinations: a
 * server that sees two of our connections learns how many we opened elsewhere in between
 * (Linux commit 190cc82489f4). Unlike NetBSD, the key is fixed for a whole key epoch and the
 * counter has 64 bits, so the sequence is what the RFC describes.
 */
final class HashSelector extends SelectorBase {
    private final KeyedFlowHash offsetHash;
    private final AtomicLong counter = new AtomicLong();

    HashSelector(SelectorSettings settings, Entropy entropy) {
        super(Algorithm.HASH, settings, entropy);
        this.offsetHash = new KeyedFlowHash(settings.prf(), entropy, settings.rekeyMillis());
    }

    @Override
    public PortCursor open(Flow flow) {
        long offset = offsetHash.hash(flow);
        return new BoundedCursor(ports.size()) {
            @Override
            int candidate() {
                return ports.atSum(offset, counter.getAndIncrement());
            }
        };
    }

    @Override
    public void rekey() {
        offsetHash.rekey();
    }
}
