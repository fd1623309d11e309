package io.portalgo.algorithms;

import java.util.Arrays;

/**
 * The usable-port indices one allocation has tried, as a bitmap, so that a cursor never offers a
 * port twice and, once its algorithm's own candidates end, offers exactly the ports not yet tried.
 * One per thread, reused by every allocation on that thread: claiming it clears the previous
 * allocation's marks (one word per mark for up to 64 marks, else the whole bitmap), so steady-state
 * selections allocate nothing. The bitmap grows to the largest range the thread has seen: 8 KiB at
 * most (65,536 bits). A cursor whose scratch was claimed by a later cursor on the same thread, or
 * that is used from another thread, continues with a private instance.
 */
final class TriedIndices {
    private static final ThreadLocal<TriedIndices> PER_THREAD = ThreadLocal.withInitial(TriedIndices::new);
    /** Marks remembered individually for clearing; beyond this the whole bitmap is cleared. */
    private static final int LISTED = 64;

    private final Thread thread = Thread.currentThread();
    private long[] bits = new long[0];
    private final int[] listed = new int[LISTED];
    private int marked;
    private long owner;

    private TriedIndices() {
    }

    /** This thread's instance, cleared for {@code m} indices and owned by the returned ticket's holder. */
    static TriedIndices claimForThisThread(int m) {
        TriedIndices tried = PER_THREAD.get();
        tried.clear(m);
        return tried;
    }

    /** A new instance for {@code m} indices that no other cursor shares (the rare path: it allocates). */
    static TriedIndices unshared(int m) {
        TriedIndices tried = new TriedIndices();
        tried.clear(m);
        return tried;
    }

    /** The ticket of the current claim. */
    long ticket() {
        return owner;
    }

    /** True if the holder of {@code ticket} may still use this instance from the calling thread. */
    boolean heldBy(long ticket) {
        return owner == ticket && thread == Thread.currentThread();
    }

    /** Marks {@code index}; false if it was marked already. */
    boolean markIfNew(int index) {
        int word = index >>> 6;
        long bit = 1L << index;
        if ((bits[word] & bit) != 0) {
            return false;
        }
        bits[word] |= bit;
        if (marked < LISTED) {
            listed[marked] = index;
        }
        marked++;
        return true;
    }

    private void clear(int m) {
        int words = (m + 63) >>> 6;
        if (bits.length < words) {
            bits = new long[words];
        } else if (marked > LISTED) {
            Arrays.fill(bits, 0L);
        } else {
            for (int i = 0; i < marked; i++) {
                bits[listed[i] >>> 6] = 0L;
            }
        }
        marked = 0;
        owner++;
    }
}
