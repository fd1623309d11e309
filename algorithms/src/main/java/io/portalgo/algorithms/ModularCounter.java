package io.portalgo.algorithms;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A counter kept reduced modulo m, the number of usable ports: what RFC 6056's
 * {@code (offset + counter) mod n} needs, without a division per candidate. A 64-bit division
 * costs about 40 cycles on this machine's EPYC, and taking {@code (offset + counter++) mod m}
 * with three of them per candidate was most of {@code hash}'s 180 ns per selection; a reduced
 * counter advances by adding and subtracting m at most once. Reducing also keeps the sequence
 * exact when a raw counter would wrap at 2^32 or 2^64, which are not multiples of m. Lock-free:
 * one compare-and-set per step.
 */
final class ModularCounter {
    private final AtomicInteger value;
    private final int m;

    /** Starts at {@code initial mod m}, {@code initial} read as unsigned. */
    ModularCounter(long initial, int m) {
        this.m = m;
        this.value = new AtomicInteger(UnsignedMod.of(initial, m));
    }

    /** Advances by {@code step} (0 or more) and returns the value before, in {@code [0, m)}. */
    int getAndAdd(int step) {
        while (true) {
            int current = value.get();
            if (value.compareAndSet(current, add(current, step, m))) {
                return current;
            }
        }
    }

    /** Advances by {@code step} and returns the value after, in {@code [0, m)}. */
    int addAndGet(int step) {
        while (true) {
            int current = value.get();
            int next = add(current, step, m);
            if (value.compareAndSet(current, next)) {
                return next;
            }
        }
    }

    /** {@code (current + step) mod m} for {@code current} in {@code [0, m)}: a division only when the step exceeds m. */
    static int add(int current, int step, int m) {
        long sum = (long) current + step;
        if (sum < m) {
            return (int) sum;
        }
        return sum < 2L * m ? (int) (sum - m) : (int) (sum % m);
    }
}
