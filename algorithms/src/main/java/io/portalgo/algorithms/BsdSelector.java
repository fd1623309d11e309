package io.portalgo.algorithms;

/**
 * The traditional BSD allocator (RFC 6056 §2.2), NetBSD's {@code bsd}: one counter for every
 * destination, counting down from the top of the range and wrapping to the top. On 100-104 it
 * hands out 104, 103, 102, 101, 100, 104, ... Fully predictable: anyone who connects twice learns
 * how many ports the host used in between. The baseline the RFC's algorithms are measured against.
 */
final class BsdSelector extends SelectorBase {
    private final ModularCounters allocations;

    BsdSelector(SelectorSettings settings, Entropy entropy) {
        super(Algorithm.BSD, settings, entropy);
        this.allocations = ModularCounters.one(0, ports.size());
    }

    @Override
    int candidate(BoundedCursor cursor) {
        return ports.size() - 1 - allocations.getAndAdd(0, 1);
    }
}
