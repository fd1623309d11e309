package io.portalgo.algorithms;

/**
 * RFC 6056 §3.3.5, Algorithm 5, "Random-Increments Port Selection"; NetBSD's {@code randinc}.
 * One global counter that moves {@code 1 + random() mod N} per candidate; candidate
 * {@code min + counter mod n}. N trades unpredictability against reuse: the mean step is
 * (N + 1) / 2, so with N = 500 the sequence wraps every n / 250.5 allocations, about 65 in
 * 49152-65535 and 113 in Linux's 32768-60999. Its random jumps do not promise to visit every port
 * in n candidates; the cursor ({@link BoundedCursor}) skips ports it already offered and then goes
 * on over the untried ones, so a free port is still found within n probes. The counter starts at a random value and is kept reduced modulo n
 * ({@link ModularCounters}): the same ports as a 64-bit counter, without a division per candidate.
 */
final class RandIncSelector extends SelectorBase {
    private final ModularCounters counter;
    private final int n;

    RandIncSelector(SelectorSettings settings, Entropy entropy) {
        super(Algorithm.RANDINC, settings, entropy);
        this.counter = ModularCounters.one(entropy.random().nextLong(), ports.size());
        this.n = settings.randincN();
    }

    @Override
    int candidate(BoundedCursor cursor) {
        return counter.addAndGet(0, 1 + entropy.random().nextInt(n));
    }
}
