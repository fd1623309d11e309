package io.portalgo.algorithms;

/**
 * {@code value mod divisor} for a 64-bit value read as unsigned and a positive int divisor, in two
 * hardware divisions. Java 17's {@code Long.remainderUnsigned} takes a slow detour for every value
 * with the top bit set, which is half of all hash outputs (Java 19 made it fast, JDK-8283726;
 * the measured difference is in benchmarks/README.md). Since
 * {@code value = 2 (value >>> 1) + (value & 1)}, the remainder follows from the remainder of the
 * non-negative {@code value >>> 1}, and {@code 2 (divisor - 1) + 1} still fits a long.
 */
final class UnsignedMod {
    private UnsignedMod() {
    }

    static int of(long value, int divisor) {
        long half = (value >>> 1) % divisor;
        return (int) ((2 * half + (value & 1)) % divisor);
    }
}
