package io.portalgo.algorithms;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A {@link RandomSource} that returns a fixed script of 64-bit values and fails the test if an
 * algorithm draws more than the script holds. Its {@code nextInt} is the production one, so a
 * test that scripts {@link #top(int, int)} values exercises the real bounded draw.
 */
final class ScriptedRandom implements RandomSource {
    private final Deque<Long> script = new ArrayDeque<>();

    static ScriptedRandom of(long... values) {
        ScriptedRandom random = new ScriptedRandom();
        for (long value : values) {
            random.script.addLast(value);
        }
        return random;
    }

    /**
     * The 64-bit value for which {@code nextInt(2^bits)} returns {@code value}: with a
     * power-of-two bound Lemire's threshold {@code 2^32 mod bound} is 0, nothing is rejected, and
     * the result is the top {@code bits} bits.
     */
    static long top(int value, int bits) {
        return (long) value << (64 - bits);
    }

    @Override
    public long nextLong() {
        if (script.isEmpty()) {
            throw new AssertionError("the algorithm drew more random values than the test scripted");
        }
        return script.removeFirst();
    }

    int remaining() {
        return script.size();
    }
}
