package io.portalgo.algorithms;

/**
 * The traditional BSD allocator (RFC 6056 §2.2), NetBSD's {@code bsd}: one counter for every
 * destination, counting down from the top of the range and wrapping to the top. On 100-104 it
 * hands out 104, 103, 102, 101, 100, 104, ... Fully predictable: anyone who connects twice learns
 * how many ports the host used in between. The baseline the RFC's algorithms are measured against.
 */
final class BsdSelector extends SelectorBase {
    private final ModularCounter allocations;

    BsdSelector(SelectorSettings settings, Entropy entropy) {
        super(Algorithm.BSD, settings, entropy);
        this.allocations = new ModularCounter(0, ports.size());
    }

    @Override
    public PortCursor open(Flow flow) {
        return new BoundedCursor(ports.size()) {
            @Override
            int candidate() {
                return ports.at(ports.size() - 1 - allocations.getAndAdd(1));
            }
        };
    }
}
