package io.portalgo.examples.evaluation;

import io.portalgo.algorithms.Flow;
import io.portalgo.algorithms.PortSelector;
import io.portalgo.algorithms.Selection;

/**
 * A simulated host that opens connections one at a time at a fixed rate: one selector, its own
 * TIME-WAIT table and the simulated clock. Destination ids only need to be distinct per flow;
 * they key the TIME-WAIT table.
 */
public final class VictimHost {
    private final SimClock clock = new SimClock();
    private final PortTable table;
    private final PortSelector selector;
    private final double ratePerSecond;
    private long connections;
    private long probes;

    public VictimHost(Policy policy, long seed, long timeWaitMillis, double ratePerSecond) {
        this.table = new PortTable(clock, timeWaitMillis);
        this.selector = policy.create(seed, clock);
        this.ratePerSecond = ratePerSecond;
    }

    /** Opens and at once closes one connection; the port taken, or -1 on exhaustion. */
    public int connect(int destination, Flow flow) {
        clock.advanceOneConnection(ratePerSecond);
        connections++;
        Selection selection = selector.select(flow, port -> table.isFree(destination, port));
        probes += selection.probes();
        if (!selection.isFound()) {
            return -1;
        }
        table.closed(destination, selection.port());
        return selection.port();
    }

    public long connections() {
        return connections;
    }

    public long probes() {
        return probes;
    }

    public SimClock clock() {
        return clock;
    }
}
