package io.portalgo.algorithms;

/**
 * RFC 6056 §3.3.2, Algorithm 2, "Another Simple Port Randomization"; NetBSD's
 * {@code random_pick}. Every candidate is a fresh uniform draw, at most n of them. No probe bias,
 * but the algorithm has no memory of what it tried: n draws miss a given port with probability
 * (1 - 1/n)^n, about 37 %, so with 1 free port in n the RFC's loop fails about a third of the
 * time. portalgo's cursor ({@link BoundedCursor}) skips a port drawn twice without a probe and,
 * after the n draws, goes on over the ports not yet tried, so a free port is always found within
 * n probes. RFC 5452 wants DNS source ports this random, so it is portalgo's UDP default.
 */
final class RandomPickSelector extends SelectorBase {
    RandomPickSelector(SelectorSettings settings, Entropy entropy) {
        super(Algorithm.RANDOM_PICK, settings, entropy);
    }

    @Override
    int candidate(BoundedCursor cursor) {
        return entropy.random().nextInt(ports.size());
    }
}
