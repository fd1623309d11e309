package io.portalgo.agent.runtime;

import io.portalgo.algorithms.AddressFamily;
import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.Entropy;
import io.portalgo.algorithms.PortSelector;
import io.portalgo.algorithms.Protocol;
import io.portalgo.algorithms.SelectorSettings;
import io.portalgo.config.DestinationRule;
import io.portalgo.config.PortalgoSettings;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The selectors of one set of selector parameters: one per (protocol, address family,
 * algorithm), so TCP and UDP, IPv4 and IPv6 never advance each other's counters (NetBSD keeps a
 * slot per protocol and family too). Every selector the settings can route a socket to (the four
 * scoped algorithms and every destination rule's) is built when the table is made, on the thread
 * that applies the settings, never inside an application's connect.
 *
 * <p>Memory is bounded by the settings: only routable selectors exist, at most one per
 * (protocol, family, algorithm); {@link #stateBytes()} reports it. {@code doublehash}'s table
 * dominates: at the maximum {@code portalgo.doublehash.table-size} of 2^24 counters each
 * (protocol, family) that routes to it holds one such table.
 */
final class SelectorTable {
    private static final int ALGORITHMS = Algorithm.values().length;
    private static final int FAMILIES = AddressFamily.values().length;

    private final SelectorSettings settings;
    private final OptionalLong seed;
    private final Entropy entropy;
    private final AtomicReferenceArray<PortSelector> selectors =
            new AtomicReferenceArray<>(Protocol.values().length * FAMILIES * ALGORITHMS);

    private SelectorTable(SelectorSettings settings, OptionalLong seed) {
        this.settings = settings;
        this.seed = seed;
        this.entropy = seed.isPresent() ? Entropy.seeded(seed.getAsLong()) : Entropy.secure();
    }

    /**
     * The table for {@code next}: {@code previous} itself when it has the same parameters and
     * seed (its selectors keep their state), a new one otherwise; either way with every routable
     * selector built.
     */
    static SelectorTable of(PortalgoSettings next, SelectorTable previous) {
        SelectorTable table = previous != null && previous.servesAlike(next)
                ? previous
                : new SelectorTable(next.selectorSettings(), next.seed());
        table.buildRoutable(next);
        return table;
    }

    private boolean servesAlike(PortalgoSettings next) {
        return next.selectorSettings().toString().equals(settings.toString()) && next.seed().equals(seed);
    }

    private void buildRoutable(PortalgoSettings routing) {
        for (Protocol protocol : Protocol.values()) {
            for (AddressFamily family : AddressFamily.values()) {
                selector(protocol, family, routing.algorithm(protocol, family));
                for (DestinationRule rule : routing.rules().rules()) {
                    if (rule.protocol().map(protocol::equals).orElse(true)) {
                        selector(protocol, family, rule.algorithm());
                    }
                }
            }
        }
    }

    /** The selector for a socket; built here only if the routing has a path this table missed. */
    PortSelector selector(Protocol protocol, AddressFamily family, Algorithm algorithm) {
        int index = (protocol.ordinal() * FAMILIES + family.ordinal()) * ALGORITHMS + algorithm.ordinal();
        PortSelector selector = selectors.get(index);
        if (selector == null) {
            PortSelector fresh = algorithm.create(settings, entropy);
            selector = selectors.compareAndExchange(index, null, fresh);
            if (selector == null) {
                selector = fresh;
            }
        }
        return selector;
    }

    /**
     * Bytes of per-selector state, dominated by {@code doublehash}'s counter table (4 bytes a
     * counter: the default 65,536 counters are 256 KiB a table).
     */
    long stateBytes() {
        long bytes = 0;
        for (int i = 0; i < selectors.length(); i++) {
            PortSelector selector = selectors.get(i);
            if (selector != null && selector.algorithm() == Algorithm.DOUBLEHASH) {
                bytes += (long) Integer.BYTES * selector.settings().tableSize();
            }
        }
        return bytes;
    }

    /** Selectors built so far. */
    int size() {
        int built = 0;
        for (int i = 0; i < selectors.length(); i++) {
            if (selectors.get(i) != null) {
                built++;
            }
        }
        return built;
    }

    /** Fresh keys for every keyed selector made so far (JMX {@code rekey()}). */
    void rekey() {
        for (int i = 0; i < selectors.length(); i++) {
            PortSelector selector = selectors.get(i);
            if (selector != null) {
                selector.rekey();
            }
        }
    }
}
