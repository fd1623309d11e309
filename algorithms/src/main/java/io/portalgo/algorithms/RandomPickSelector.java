package io.portalgo.algorithms;

/**
 * RFC 6056 §3.3.2, Algorithm 2, "Another Simple Port Randomization"; NetBSD's
 * {@code random_pick}. Every candidate is a fresh uniform draw, at most n of them. No probe bias,
 * but no memory of what was tried either: with a fraction f of the range busy the chance of
 * failing while free ports remain is f^n (0.9^16384 is negligible; 1 free port in n is
 * (1 - 1/n)^n, about 37 %). This selector reports such a failure as exhaustion, as the RFC says.
 * RFC 5452 wants DNS source ports this random, so it is portalgo's UDP default.
 */
final class RandomPickSelector extends SelectorBase {
    RandomPickSelector(SelectorSettings settings, Entropy entropy) {
        super(Algorithm.RANDOM_PICK, settings, entropy);
    }

    @Override
    public PortCursor open(Flow flow) {
        int m = ports.size();
        return new BoundedCursor(ports, m) {
            @Override
            int candidate() {
                return entropy.random().nextInt(m);
            }
        };
    }
}
