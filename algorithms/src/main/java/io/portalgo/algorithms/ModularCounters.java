package io.portalgo.algorithms;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.function.IntToLongFunction;

/**
 * Counters kept reduced modulo m, the number of usable ports: the {@code counter} of RFC 6056
 * §3.3.3 and §3.3.5 (a table of one) and the table {@code T[L]} of §3.3.4. The RFC's
 * {@code (offset + counter) mod n} depends on the counter only modulo n, so a reduced counter gives
 * exactly the RFC's ports without a division per candidate (it advances by adding, and subtracting
 * m at most once), and it never wraps at 2^32 or 2^64, which are not multiples of m and would
 * repeat a port and skip another within one allocation.
 *
 * <p>m is at most 65,535, so a reduced counter fits a {@code char}: 2 bytes per counter, 128 KiB
 * for {@code doublehash}'s default 65,536 counters (32 counters per 64-byte cache line) and 32 MiB
 * for the largest table of 2^24. Each counter is updated on its own with one compare-and-set: no
 * lock, and two threads contend only when they update the same counter at the same moment.
 *
 * <p>A counter's initial value is drawn when it is first used, not when the table is made:
 * {@code 0xFFFF}, which no counter reduced modulo m &le; 65,535 can hold, marks one never used, and
 * the first update replaces it with {@code initial(i) mod m}. Filling the default table up front
 * cost 65,536 PRF outputs (about 30 ms of the first socket in a JVM still interpreting) and a
 * 2^24 table 16.7 million (seconds, on the thread applying the change); now making a table is one
 * memory fill, and a counter costs its one PRF output the first time a flow lands on it. The
 * initial values are a function of the counter's index, so a seeded run stays reproducible
 * whichever thread touches a counter first.
 */
final class ModularCounters {
    private static final VarHandle COUNTS = MethodHandles.arrayElementVarHandle(char[].class);

    /** A counter never used yet: no counter reduced modulo m &le; 65,535 is ever 65,535. */
    private static final char UNUSED = Character.MAX_VALUE;

    private final char[] counts;
    private final int m;
    private final IntToLongFunction initial;

    private ModularCounters(int size, int m, IntToLongFunction initial) {
        if (m < 1 || m > Character.MAX_VALUE) {
            throw new IllegalArgumentException("m must be 1..65535, not " + m);
        }
        this.counts = new char[size];
        this.m = m;
        this.initial = initial;
    }

    /**
     * A table of {@code size} counters modulo m, counter i starting at {@code initial(i) mod m}
     * (read as unsigned), asked for the first time counter i is used; {@code initial} must give the
     * same value for the same i every time (it may be called more than once for one i when
     * threads race to first use it).
     */
    static ModularCounters table(int size, int m, IntToLongFunction initial) {
        ModularCounters table = new ModularCounters(size, m, initial);
        Arrays.fill(table.counts, UNUSED);
        return table;
    }

    /** One counter modulo m starting at {@code initial mod m}, {@code initial} read as unsigned. */
    static ModularCounters one(long initial, int m) {
        ModularCounters one = new ModularCounters(1, m, null);
        one.counts[0] = (char) UnsignedMod.of(initial, m);
        return one;
    }

    /** Counter {@code i} as stored, its initial value if it was never used. */
    private char current(int i) {
        char current = (char) COUNTS.getVolatile(counts, i);
        return current != UNUSED ? current : (char) UnsignedMod.of(initial.applyAsLong(i), m);
    }

    /** Number of counters. */
    int size() {
        return counts.length;
    }

    /** Advances counter {@code i} by {@code step} (0 or more) and returns its value before, in {@code [0, m)}. */
    int getAndAdd(int i, int step) {
        while (true) {
            char stored = (char) COUNTS.getVolatile(counts, i);
            char current = stored != UNUSED ? stored : current(i);
            if (COUNTS.compareAndSet(counts, i, stored, (char) add(current, step, m))) {
                return current;
            }
        }
    }

    /** Advances counter {@code i} by {@code step} and returns its value after, in {@code [0, m)}. */
    int addAndGet(int i, int step) {
        while (true) {
            char stored = (char) COUNTS.getVolatile(counts, i);
            char current = stored != UNUSED ? stored : current(i);
            int next = add(current, step, m);
            if (COUNTS.compareAndSet(counts, i, stored, (char) next)) {
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
