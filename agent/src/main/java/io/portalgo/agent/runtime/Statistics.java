package io.portalgo.agent.runtime;

import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.Protocol;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the agent did, per protocol and algorithm (no kernel we studied counts these):
 * allocations, candidates probed, retries after a busy port, exhaustions, kernel fallbacks and
 * internal errors. Counters are {@link LongAdder}s, so recording costs a few ns and never
 * contends. Nothing here is derived from a key.
 */
public final class Statistics {
    /** What can be counted. */
    public enum Event {
        ALLOCATIONS("ports chosen by portalgo that were bound or connected"),
        PROBES("candidates tried, including the ones taken"),
        RETRIES("candidates refused because the port was busy"),
        EXHAUSTIONS("sockets for which no suitable port was found within max-attempts"),
        KERNEL_FALLBACKS("sockets whose port the kernel chose instead (exhaustion with on-exhaustion=kernel, or an internal error)"),
        INTERNAL_ERRORS("internal failures of portalgo; the socket fell back to the kernel");

        private final String description;

        Event(String description) {
            this.description = description;
        }

        /** What is counted, in one sentence (the MBean's and the CLI's description of the counter). */
        public String description() {
            return description;
        }

        /** {@code kernel-fallbacks} style name. */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final LongAdder[][][] counters =
            new LongAdder[Protocol.values().length][Algorithm.values().length][Event.values().length];

    public Statistics() {
        for (LongAdder[][] byAlgorithm : counters) {
            for (LongAdder[] byEvent : byAlgorithm) {
                for (int i = 0; i < byEvent.length; i++) {
                    byEvent[i] = new LongAdder();
                }
            }
        }
    }

    public void record(Protocol protocol, Algorithm algorithm, Event event) {
        counters[protocol.ordinal()][algorithm.ordinal()][event.ordinal()].increment();
    }

    public void add(Protocol protocol, Algorithm algorithm, Event event, long amount) {
        counters[protocol.ordinal()][algorithm.ordinal()][event.ordinal()].add(amount);
    }

    public long get(Protocol protocol, Algorithm algorithm, Event event) {
        return counters[protocol.ordinal()][algorithm.ordinal()][event.ordinal()].sum();
    }

    /** Sum over every protocol and algorithm. */
    public long total(Event event) {
        long sum = 0;
        for (Protocol protocol : Protocol.values()) {
            for (Algorithm algorithm : Algorithm.values()) {
                sum += get(protocol, algorithm, event);
            }
        }
        return sum;
    }

    /** Non-zero counters as {@code tcp.doublehash.allocations -> 12}, in a stable order. */
    public Map<String, Long> snapshot() {
        Map<String, Long> snapshot = new LinkedHashMap<>();
        for (Protocol protocol : Protocol.values()) {
            for (Algorithm algorithm : Algorithm.values()) {
                for (Event event : Event.values()) {
                    long value = get(protocol, algorithm, event);
                    if (value != 0) {
                        snapshot.put(protocol.id() + "." + algorithm.id() + "." + event.id(), value);
                    }
                }
            }
        }
        return snapshot;
    }
}
