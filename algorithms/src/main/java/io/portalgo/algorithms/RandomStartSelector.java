package io.portalgo.algorithms;

/**
 * RFC 6056 §3.3.1, Algorithm 1, "Simple Port Randomization"; NetBSD's {@code random_start}. A
 * random first candidate, then +1 with wrap-around, at most n candidates, so it finds a free port
 * whenever one exists. No state between allocations. Trade-off: the first port is uniformly
 * unpredictable (1/n), but a port that follows a busy run is chosen more often, and nothing keeps
 * a port from coming back to the same destination soon (probability 1/n per allocation).
 */
final class RandomStartSelector extends SelectorBase {
    RandomStartSelector(SelectorSettings settings, Entropy entropy) {
        super(Algorithm.RANDOM_START, settings, entropy);
    }

    /** The random first candidate, kept in the cursor's {@code offset} as the next index. */
    @Override
    void begin(BoundedCursor cursor, FlowView flow) {
        cursor.offset = entropy.random().nextInt(ports.size());
    }

    @Override
    int candidate(BoundedCursor cursor) {
        int candidate = cursor.offset;
        cursor.offset = candidate + 1 == ports.size() ? 0 : candidate + 1;
        return candidate;
    }
}
