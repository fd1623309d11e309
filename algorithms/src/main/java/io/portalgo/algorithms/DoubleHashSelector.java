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
 * the key epoch in the hashed input. Each counter is kept reduced modulo n, the RFC's arithmetic
 * ({@code (F + T[i]) mod n} depends on T[i] only mod n): a free-running 32-bit counter would wrap at
 * 2^32, which is not a multiple of n, repeat a port and skip another within one allocation. Each
 * bucket is updated atomically on its own (compare-and-set), so there is no global lock.
 */
final class DoubleHashSelector extends SelectorBase {
    private final KeyedFlowHash offsetHash;
    private final KeyedFlowHash bucketHash;
    private final AtomicIntegerArray table;
    private final int noise;
    private final int m;

    DoubleHashSelector(SelectorSettings settings, Entropy entropy) {
        super(Algorithm.DOUBLEHASH, settings, entropy);
        this.offsetHash = new KeyedFlowHash(settings.prf(), entropy, settings.rekeyMillis());
        this.bucketHash = new KeyedFlowHash(settings.prf(), entropy, settings.rekeyMillis());
        this.table = new AtomicIntegerArray(settings.tableSize());
        this.m = ports.size();
        for (int i = 0; i < table.length(); i++) {
            table.set(i, Integer.remainderUnsigned((int) entropy.random().nextLong(), m));
        }
        this.noise = settings.noise();
    }

    @Override
    public PortCursor open(Flow flow) {
        long epoch = offsetHash.epoch(); // one clock read, so F and G always see the same epoch
        int offset = UnsignedMod.of(offsetHash.hash(flow, epoch), m);
        int bucket = UnsignedMod.of(bucketHash.hash(flow, epoch), table.length());
        return new BoundedCursor(m) {
            @Override
            int candidate() {
                return ports.at(ModularCounter.add(offset, advance(bucket, 1), m));
            }

            @Override
            public void accept() {
                if (noise > 0) {
                    advance(bucket, entropy.random().nextInt(noise + 1));
                }
            }
        };
    }

    /** {@code T[bucket] = (T[bucket] + step) mod m}, atomically for this bucket alone; returns the old value. */
    private int advance(int bucket, int step) {
        while (true) {
            int count = table.get(bucket);
            int next = ModularCounter.add(count, step, m);
            if (table.compareAndSet(bucket, count, next)) {
                return count;
            }
        }
    }

    @Override
    public void rekey() {
        offsetHash.rekey();
        bucketHash.rekey();
    }
}
