package io.portalgo.config;

import io.portalgo.algorithms.AddressFamily;
import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.Protocol;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The algorithm of every scope, resolved by specificity across the nine algorithm keys: a
 * scope's own key, else the next wider key that is set (protocol before family, as NetBSD keeps
 * state per protocol first), else the built-in default of the protocol ({@code doublehash} for
 * TCP, RFC 6056 §3.3.4; {@code random_pick} for UDP, RFC 5452 §9.2). So a system property
 * {@code portalgo.tcp.algorithm=bsd} beats an agent argument {@code algorithm=hash} for TCP:
 * specificity beats source precedence. Destination rules are not scopes: they are tried
 * before any of this when a socket's destination is known ({@link DestinationRules#match}).
 * The algorithms in force are kept by ordinals, not in an {@code EnumMap}: that asks for the
 * enum's constants by reflection, which on Java 18 and later spins a method-handle class, and
 * this runs before {@code main} in every JVM.
 */
final class AlgorithmScopes {
    private static final Protocol[] PROTOCOLS = {null, Protocol.TCP, Protocol.UDP};
    private static final AddressFamily[] FAMILIES = {null, AddressFamily.INET, AddressFamily.INET6};

    /** By {@code [protocol.ordinal()][family.ordinal()]}. */
    private final Algorithm[][] inForce;
    private final Map<Property<?>, Optional<Algorithm>> byKey;

    private AlgorithmScopes(Algorithm[][] inForce, Map<Property<?>, Optional<Algorithm>> byKey) {
        this.inForce = inForce;
        this.byKey = byKey;
    }

    /** Resolves every scope from the typed {@code values} of a snapshot. */
    static AlgorithmScopes resolve(Map<Property<?>, Object> values) {
        Algorithm[][] inForce = new Algorithm[Protocol.values().length][AddressFamily.values().length];
        for (Protocol protocol : Protocol.values()) {
            for (AddressFamily family : AddressFamily.values()) {
                inForce[protocol.ordinal()][family.ordinal()] = resolve(values, protocol, family).orElseThrow();
            }
        }
        Map<Property<?>, Optional<Algorithm>> byKey = new LinkedHashMap<>();
        for (Protocol protocol : PROTOCOLS) {
            for (AddressFamily family : FAMILIES) {
                byKey.put(Property.algorithmKey(protocol, family), resolve(values, protocol, family));
            }
        }
        return new AlgorithmScopes(inForce, Collections.unmodifiableMap(byKey));
    }

    /** The algorithm for sockets of {@code protocol} and {@code family}. */
    Algorithm algorithm(Protocol protocol, AddressFamily family) {
        return inForce[protocol.ordinal()][family.ordinal()];
    }

    /** True for the nine algorithm keys, whose text is the algorithm their scope resolves to. */
    boolean isAlgorithmKey(Property<?> property) {
        return byKey.containsKey(property);
    }

    /**
     * What the scope of the algorithm key {@code property} resolves to: {@code portalgo.tcp.algorithm}
     * is {@code doublehash} by default, {@code portalgo.algorithm} is empty unless set.
     */
    Optional<Algorithm> resolved(Property<?> property) {
        return byKey.get(property);
    }

    /** The chain of keys of a scope, most specific first; a scope without a protocol has no built-in default. */
    @SuppressWarnings("unchecked")
    private static Optional<Algorithm> resolve(Map<Property<?>, Object> values, Protocol protocol, AddressFamily family) {
        Property<?>[] chain = {
            Property.algorithmKey(protocol, family),
            protocol != null && family != null ? Property.algorithmKey(protocol, null) : null,
            protocol != null && family != null ? Property.algorithmKey(null, family) : null,
            protocol != null || family != null ? Property.algorithmKey(null, null) : null,
        };
        for (Property<?> key : chain) {
            Optional<Algorithm> set = key == null ? Optional.empty() : (Optional<Algorithm>) values.get(key);
            if (set.isPresent()) {
                return set;
            }
        }
        if (protocol == null) {
            return Optional.empty();
        }
        return Optional.of(protocol == Protocol.TCP ? Algorithm.DOUBLEHASH : Algorithm.RANDOM_PICK);
    }
}
