package io.portalgo.examples.evaluation;

import io.portalgo.algorithms.Flow;
import io.portalgo.algorithms.PortSelector;
import io.portalgo.algorithms.Selection;

/**
 * Feeds one event stream to one policy over a simulated host: each connection moves the clock by
 * 1/rate, asks the selector for a port that is free for its destination, and closes at once, so
 * its 4-tuple enters TIME-WAIT. Deterministic: the selector's entropy is seeded and its clock is
 * the simulated one.
 */
public final class Simulator {
    private Simulator() {
    }

    public static Trace run(Policy policy, long seed, Workload workload, long timeWaitMillis) {
        SimClock clock = new SimClock();
        PortTable table = new PortTable(clock, timeWaitMillis);
        PortSelector selector = policy.create(seed, clock);
        int count = workload.connections();
        int[] destinations = new int[count];
        int[] ports = new int[count];
        int[] probes = new int[count];
        Flow[] flows = new Flow[count];
        int exhaustions = 0;
        for (int i = 0; i < count; i++) {
            clock.advanceOneConnection(workload.ratePerSecond());
            int destination = workload.destination(i);
            Flow flow = flows[destination] != null ? flows[destination] : (flows[destination] = Destinations.ordinary(destination));
            Selection selection = selector.select(flow, port -> table.isFree(destination, port));
            destinations[i] = destination;
            probes[i] = selection.probes();
            if (selection.isFound()) {
                ports[i] = selection.port();
                table.closed(destination, selection.port());
            } else {
                ports[i] = -1;
                exhaustions++;
            }
        }
        return new Trace(policy.id(), destinations, ports, probes, exhaustions);
    }
}
