package io.portalgo.algorithms;

/**
 * Every selector's cursor: the algorithm's own candidates, at most {@code limit} of them (the
 * RFC's "repeat n times"), then the rest of the range, so that no allocation gives up while a
 * usable port is untried and the caller's budget lasts. The selector supplies the index (into the
 * usable ports) of each turn's candidate ({@link SelectorBase#candidate}) from what it fixed when
 * the allocation began: {@link #offset} and {@link #bucket}.
 *
 * <ul>
 *   <li><b>No port twice.</b> A candidate already offered in this allocation is skipped without
 *       a probe (it still counts as one of the algorithm's turns): {@code random_pick} draws with
 *       replacement, {@code randinc}'s steps wrap, and under concurrency another thread may move a
 *       shared counter back onto a tried port.</li>
 *   <li><b>Then the rest.</b> When the algorithm's own candidates end (RFC 6056 §3.3.2's n draws
 *       may miss a port; §3.3.5's random steps may skip one), the cursor goes on over the usable
 *       ports not yet offered, in index order from the one after the last candidate. So with
 *       {@code k >= 1} free ports and a budget of at least n probes, every algorithm finds one,
 *       and {@link #probes()} never exceeds n.</li>
 *   <li><b>Reusable.</b> {@link #restart} empties it for the next allocation, of any selector, so
 *       a caller that keeps one cursor per thread ({@link PortSelector#open(FlowView, PortCursor)})
 *       allocates none per allocation.</li>
 * </ul>
 *
 * An allocation of one or two probes keeps what it offered in two fields; from the third candidate
 * on the offered indices are marked in this thread's reused {@link TriedIndices}, so the normal
 * path allocates nothing and at 50 % busy three selections in four touch no tracking state.
 */
final class BoundedCursor implements PortCursor {
    private SelectorBase selector;
    private UsablePorts ports;
    private int limit;
    /**
     * Fixed by the selector for the allocation: {@code hash}'s and {@code doublehash}'s offset
     * {@code F mod n}; {@code random_start}'s next index, which it advances.
     */
    int offset;
    /** Fixed by the selector for the allocation: {@code doublehash}'s counter {@code G mod L}. */
    int bucket;
    private int turns;
    private int probes;
    private int first;
    private int last;
    private TriedIndices tried;
    private long ticket;
    private int sweepFrom;
    private int swept;

    /** Empties the cursor for a new allocation of {@code owner}'s, with {@code candidates} turns of its own. */
    void restart(SelectorBase owner, UsablePorts usable, int candidates) {
        this.selector = owner;
        this.ports = usable;
        this.limit = candidates;
        this.offset = 0;
        this.bucket = 0;
        this.turns = 0;
        this.probes = 0;
        this.first = 0;
        this.last = 0;
        this.tried = null;
        this.ticket = 0;
        this.sweepFrom = -1;
        this.swept = 0;
    }

    @Override
    public int next() {
        while (turns < limit) {
            turns++;
            int index = selector.candidate(this);
            if (offerable(index)) {
                return offer(index);
            }
        }
        int m = ports.size();
        if (sweepFrom < 0) {
            sweepFrom = last + 1; // the rest of the range starts after the last candidate
        }
        while (probes < m && swept < m) {
            int index = sweepFrom + swept++;
            if (index >= m) {
                index -= m;
            }
            if (offerable(index)) {
                return offer(index);
            }
        }
        return NO_PORT;
    }

    private int offer(int index) {
        if (probes++ == 0) {
            first = index;
        }
        last = index;
        return ports.at(index);
    }

    /** True if {@code index} was not offered yet in this allocation; marks it. */
    private boolean offerable(int index) {
        if (probes < 2) {
            return probes == 0 || index != first; // up to two offers need no tracking state
        }
        if (tried == null) {
            tried = TriedIndices.claimForThisThread(ports.size());
            ticket = tried.ticket();
            tried.markIfNew(first);
            tried.markIfNew(last);
        } else if (!tried.heldBy(ticket)) {
            // A later allocation on this thread reclaimed the scratch, or the cursor moved threads:
            // continue with a private bitmap. What was offered before is forgotten, so a port may
            // come twice; the caller's test still decides every port.
            tried = TriedIndices.unshared(ports.size());
            ticket = tried.ticket();
            tried.markIfNew(first);
            tried.markIfNew(last);
        }
        return tried.markIfNew(index);
    }

    @Override
    public void accept() {
        selector.accepted(this);
    }

    @Override
    public int probes() {
        return probes;
    }

    @Override
    public void release() {
        selector = null;
        ports = null;
        tried = null;
    }
}
