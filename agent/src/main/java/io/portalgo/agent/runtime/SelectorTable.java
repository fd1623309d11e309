package io.portalgo.agent.runtime;

import io.portalgo.algorithms.AddressFamily;
import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.Entropy;
import io.portalgo.algorithms.PortSelector;
import io.portalgo.algorithms.Protocol;
import io.portalgo.algorithms.SelectorSettings;
import io.portalgo.config.PortalgoSettings;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The selectors of one settings snapshot: one per (protocol, address family, algorithm), made on
 * first use, so TCP and UDP, IPv4 and IPv6 never advance each other's counters (NetBSD keeps a
 * slot per protocol and family too). A live change that leaves the selector parameters and the
 * seed as they were keeps the table, so switching {@code portalgo.tcp.algorithm} back and forth
 * does not restart any algorithm's sequence; a change of range, hash, table size, ... builds a
 * new one.
 */
final class SelectorTable {
    private static final int ALGORITHMS = Algorithm.values().length;

    private final SelectorSettings settings;
    private final OptionalLong seed;
    private final Entropy entropy;
    private final AtomicReferenceArray<PortSelector> selectors =
            new AtomicReferenceArray<>(Protocol.values().length * AddressFamily.values().length * ALGORITHMS);

    private SelectorTable(SelectorSettings settings, OptionalLong seed) {
        this.settings = settings;
        this.seed = seed;
        this.entropy = seed.isPresent() ? Entropy.seeded(seed.getAsLong()) : Entropy.secure();
    }

    static SelectorTable of(PortalgoSettings settings) {
        return new SelectorTable(settings.selectorSettings(), settings.seed());
    }

    /** True if {@code next} needs no new selectors: same parameters, same seed. */
    boolean servesAlike(PortalgoSettings next) {
        return next.selectorSettings().equals(settings) && next.seed().equals(seed);
    }

    PortSelector selector(Protocol protocol, AddressFamily family, Algorithm algorithm) {
        int index = (protocol.ordinal() * AddressFamily.values().length + family.ordinal()) * ALGORITHMS
                + algorithm.ordinal();
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

    SelectorSettings settings() {
        return settings;
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
