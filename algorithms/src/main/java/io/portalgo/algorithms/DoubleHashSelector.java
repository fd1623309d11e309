package io.portalgo.algorithms;

import java.util.function.IntToLongFunction;

/**
 * RFC 6056 §3.3.4, Algorithm 4, "Double-Hash Port Selection"; NetBSD's {@code doublehash}.
 * {@code i = G(l, r, rport) mod L}; candidate {@code min + (F(l, r, rport) + T[i]++) mod n}.
 * Splitting Algorithm 3's counter into L buckets confines what one destination's ports reveal to
 * the destinations of its bucket.
 *
 * <p>F and G come from one keyed PRF output h (SipHash-2-4 of the flow and the key epoch), from
 * disjoint halves, as Linux does since 2022 (commit 9e9b70ae923b, "use different parts of the
 * port_offset for index and offset"): G is the low 32 bits, F the high 32 bits, so the bucket tells
 * nothing about the offset, and a selection hashes once instead of twice. Each half is reduced by
 * a multiply and a shift instead of a division: {@code i = (G x L) >>> 32},
 * {@code offset = (F x n) >>> 32}, which maps 2^32 values onto L or n as evenly as {@code mod} does
 * (each result from {@code floor(2^32 / L)} or one more inputs).
 *
 * <p>Hardened as Linux after Kol, Klein and Gilad (USENIX Security 2023), each knob settable back
 * to the RFC: L = 65,536 counters (RFC example: 10; their attack needs about 40 x L connections,
 * 10k for L = 256), counters start random, 0..noise extra increments after each allocation
 * (Linux: 0..7, giving worst-case reuse after 1764 and mean 3137 connections in 32768-60999), and
 * the key epoch in the hashed input. The counters are a compact table kept reduced modulo n
 * ({@link ModularCounters}: 2 bytes each, 128 KiB for 65,536), each updated on its own with one
 * compare-and-set, so there is no global lock.
 */
final class DoubleHashSelector extends SelectorBase {
    private final KeyedFlowHash flowHash;
    private final ModularCounters table;
    private final int noise;

    DoubleHashSelector(SelectorSettings settings, Entropy entropy) {
        this(settings, entropy, randomStarts(entropy));
    }

    /** @param startOf T[i]'s random start, asked when T[i] is first used; the same for the same i */
    DoubleHashSelector(SelectorSettings settings, Entropy entropy, IntToLongFunction startOf) {
        super(Algorithm.DOUBLEHASH, settings, entropy);
        this.flowHash = new KeyedFlowHash(settings.prf(), entropy, settings.rekeyMillis());
        this.table = ModularCounters.table(settings.tableSize(), ports.size(), startOf);
        this.noise = settings.noise();
    }

    /**
     * The RFC's random starts of T[0..L-1] (section 3.3.4, "table[i] = random()"), as SipHash-2-4
     * of i under a key of two draws from the random source: each is drawn when T[i] is first used
     * ({@link ModularCounters}), so making the default table costs one memory fill instead of
     * 65,536 draws, and T[i] starts alike whichever thread uses it first.
     */
    private static IntToLongFunction randomStarts(Entropy entropy) {
        SipHash24 starts = new SipHash24(entropy.random().nextLong(), entropy.random().nextLong());
        return new IntToLongFunction() {
            @Override
            public long applyAsLong(int index) {
                return starts.hash(index);
            }
        };
    }

    /** The bucket {@code (G x L) >>> 32} of a PRF output, G its low 32 bits. */
    static int bucket(long h, int tableSize) {
        return (int) (((h & 0xffff_ffffL) * tableSize) >>> 32);
    }

    /** The offset {@code (F x n) >>> 32} of a PRF output, F its high 32 bits. */
    static int offset(long h, int m) {
        return (int) (((h >>> 32) * m) >>> 32);
    }

    /** The flow's offset F and bucket G from one PRF output, fixed for the allocation. */
    @Override
    void begin(BoundedCursor cursor, FlowView flow) {
        long h = flowHash.hash(flow);
        cursor.offset = offset(h, ports.size());
        cursor.bucket = bucket(h, table.size());
    }

    @Override
    int candidate(BoundedCursor cursor) {
        return ModularCounters.add(cursor.offset, table.getAndAdd(cursor.bucket, 1), ports.size());
    }

    /** 0..noise extra increments of the bucket's counter after each allocation. */
    @Override
    void accepted(BoundedCursor cursor) {
        if (noise > 0) {
            table.getAndAdd(cursor.bucket, entropy.random().nextInt(noise + 1));
        }
    }

    @Override
    public void rekey() {
        flowHash.rekey();
    }
}
