package io.portalgo.algorithms;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * RFC 6056 §3.3.4, Algorithm 4, "Double-Hash Port Selection"; NetBSD's {@code doublehash}.
 * {@code i = G(l, r, rport, K2) mod L}; candidate {@code min + (F(l, r, rport, K1) + T[i]++) mod n}.
 * Splitting Algorithm 3's counter into L buckets confines what one destination's ports reveal to
 * the destinations of its bucket. F and G use independent keys (Linux's 2022 lesson: no relation
 * between bucket and offset).
 *
 * <p>Hardened as Linux after Kol, Klein and Gilad (USENIX Security 2023), each knob settable back
 * to the RFC: L = 65,536 counters (RFC example: 10; their attack needs about 40 x L connections,
 * 10k for L = 256), counters start random, 0..noise extra increments after each allocation
 * (Linux: 0..7, giving worst-case reuse after 1764 and mean 3137 connections in 32768-60999), and
 * the key epoch in the hashed input. Counters are 32-bit; each bucket is updated atomically on
 * its own, so there is no global lock.
 */
final class DoubleHashSelector extends SelectorBase {
    private final KeyedFlowHash offsetHash;
    private final KeyedFlowHash bucketHash;
    private final AtomicIntegerArray table;
    private final int noise;

    DoubleHashSelector(SelectorSettings settings, Entropy entropy) {
        super(Algorithm.DOUBLEHASH, settings, entropy);
        this.offsetHash = new KeyedFlowHash(settings.prf(), entropy, settings.rekeyMillis());
        this.bucketHash = new KeyedFlowHash(settings.prf(), entropy, settings.rekeyMillis());
        this.table = new AtomicIntegerArray(settings.tableSize());
        for (int i = 0; i < table.length(); i++) {
            table.set(i, (int) entropy.random().nextLong());
        }
        this.noise = settings.noise();
    }

    @Override
    public PortCursor open(Flow flow) {
        long offset = offsetHash.hash(flow);
        int bucket = (int) Long.remainderUnsigned(bucketHash.hash(flow), table.length());
        return new BoundedCursor(ports.size()) {
            @Override
            int candidate() {
                long count = Integer.toUnsignedLong(table.getAndIncrement(bucket));
                return ports.atUnsigned(offset + count);
            }

            @Override
            public void accept() {
                if (noise > 0) {
                    table.getAndAdd(bucket, entropy.random().nextInt(noise + 1));
                }
            }
        };
    }

    @Override
    public void rekey() {
        offsetHash.rekey();
        bucketHash.rekey();
    }
}
