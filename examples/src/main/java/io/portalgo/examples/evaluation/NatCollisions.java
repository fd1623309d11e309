package io.portalgo.examples.evaluation;

import io.portalgo.algorithms.Flow;
import io.portalgo.algorithms.PortSelector;
import io.portalgo.algorithms.Selection;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Hosts behind a port-preserving NAPT (RFC 6056 §4): the NAT keeps a host's source port unless
 * another host already holds that port towards the same destination, in which case it must
 * rewrite the port (a collision: the host's obfuscation is lost and the NAT's own choice shows).
 * Every host runs the same algorithm with its own keys and its own TIME-WAIT table; all of them
 * reach the same few popular destinations. The event stream (which host, which destination,
 * when) is drawn from the seed and shared by every policy. Mappings live {@code hold} seconds
 * after a connection closes. First-order estimate for random choices: a collision chance of about
 * (live mappings of other hosts to that destination) / n, for 8 hosts at 2 connections per second
 * to 10 destinations with 60 s hold: 7 x 2 x 60 / 10 / 16,384 = 0.5 %.
 */
public final class NatCollisions {
    private NatCollisions() {
    }

    public record Result(int hosts, long connections, long collisions) {
        public double rate() {
            return connections == 0 ? 0 : (double) collisions / connections;
        }
    }

    public static Result run(Policy policy, HarnessConfig config, int hosts) {
        double ratePerHost = config.doubleValue("nat.rate-per-host");
        int destinations = config.intValue("nat.destinations");
        long holdMillis = config.longValue("nat.hold-seconds") * 1000;
        long connections = Math.round(hosts * ratePerHost * config.longValue("nat.seconds"));
        long stepMicros = Math.round(1_000_000 / (hosts * ratePerHost));
        SimClock clock = new SimClock();
        PortTable[] tables = new PortTable[hosts];
        PortSelector[] selectors = new PortSelector[hosts];
        for (int host = 0; host < hosts; host++) {
            tables[host] = new PortTable(clock, config.timeWaitMillis());
            selectors[host] = policy.create(config.seed() * 31 + host, clock);
        }
        Flow[] flows = new Flow[destinations];
        for (int d = 0; d < destinations; d++) {
            flows[d] = Destinations.ordinary(d);
        }
        RandomGenerator events = new Well19937c(config.seed() + 4 + hosts);
        Map<Long, Long> mappingUntil = new HashMap<>();
        ArrayDeque<long[]> expiries = new ArrayDeque<>();
        long collisions = 0;
        for (long i = 0; i < connections; i++) {
            clock.advanceMicros(stepMicros);
            int host = events.nextInt(hosts);
            int destination = events.nextInt(destinations);
            PortTable table = tables[host];
            Selection selection = selectors[host].select(flows[destination], port -> table.isFree(destination, port));
            if (!selection.isFound()) {
                continue;
            }
            table.closed(destination, selection.port());
            long now = clock.nowMillis();
            while (!expiries.isEmpty() && untilMillis(expiries.peekFirst()[1]) <= now) {
                long[] entry = expiries.pollFirst();
                mappingUntil.remove(entry[0], entry[1]);
            }
            long key = ((long) destination << 16) | selection.port();
            Long until = mappingUntil.get(key);
            if (until != null && untilMillis(until) > now && owner(until) != host) {
                collisions++; // the NAT rewrites this port; the mapping it makes is elsewhere
                continue;
            }
            long value = encode(now + holdMillis, host);
            mappingUntil.put(key, value);
            expiries.addLast(new long[] {key, value});
        }
        return new Result(hosts, connections, collisions);
    }

    // The owner rides in the low 8 bits of the expiry so one map holds both.
    private static long encode(long untilMillis, int host) {
        return (untilMillis << 8) | host;
    }

    private static long untilMillis(long value) {
        return value >>> 8;
    }

    private static int owner(long value) {
        return (int) (value & 0xff);
    }
}
