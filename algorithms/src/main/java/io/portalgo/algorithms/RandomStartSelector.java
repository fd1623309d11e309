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

    @Override
    public PortCursor open(Flow flow) {
        int m = ports.size();
        int start = entropy.random().nextInt(m);
        return new BoundedCursor(ports, m) {
            private int index = start;

            @Override
            int candidate() {
                int candidate = index;
                index = index + 1 == m ? 0 : index + 1;
                return candidate;
            }
        };
    }
}
