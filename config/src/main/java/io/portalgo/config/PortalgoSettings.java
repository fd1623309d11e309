package io.portalgo.config;

import io.portalgo.algorithms.AddressFamily;
import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.PortRange;
import io.portalgo.algorithms.PortSet;
import io.portalgo.algorithms.PrfKind;
import io.portalgo.algorithms.Protocol;
import io.portalgo.algorithms.SelectorSettings;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.StringJoiner;

/**
 * One immutable, validated snapshot of every portalgo setting (shared/DESIGN.md §4).
 *
 * <p>Sources, highest first: agent arguments, system properties, environment variables, the
 * properties file named by {@code portalgo.config}, defaults. For one key the highest source
 * wins. Algorithms are then resolved by specificity across keys, most specific first:
 * {@code portalgo.tcp.inet6.algorithm}, {@code portalgo.tcp.algorithm},
 * {@code portalgo.inet6.algorithm}, {@code portalgo.algorithm}, then the built-in default
 * ({@code doublehash} for TCP, {@code random_pick} for UDP). So a system property
 * {@code portalgo.tcp.algorithm=bsd} beats an agent argument {@code algorithm=hash} for TCP:
 * specificity beats source precedence. Destination rules ({@code portalgo.rules}) come before
 * all of that when a socket's destination is known.
 *
 * <p>Every value is checked when the snapshot is built; all bad values are reported together
 * in one {@link ConfigException}. The seed is held but never shown.
 */
public final class PortalgoSettings {
    private final Map<Property<?>, Assignment> assignments;
    private final Map<Property<?>, Object> values;
    private final Map<Protocol, Map<AddressFamily, Algorithm>> algorithms;
    private final SelectorSettings selectorSettings;
    private final DestinationRules rules;

    private PortalgoSettings(Map<Property<?>, Assignment> assignments, Map<Property<?>, Object> values,
            Map<Protocol, Map<AddressFamily, Algorithm>> algorithms, SelectorSettings selectorSettings) {
        this.assignments = assignments;
        this.values = values;
        this.algorithms = algorithms;
        this.selectorSettings = selectorSettings;
        this.rules = (DestinationRules) values.get(Property.RULES);
    }

    /** Built-in defaults only, with the host's range and reserved ports where readable. */
    public static PortalgoSettings defaults() {
        return load(null, Environment.builder().build());
    }

    /**
     * Every source, highest first: {@code agentArguments} ({@code key=value,...}, keys with or
     * without the {@code portalgo.} prefix; see {@link AgentArguments}), system properties,
     * environment, file, defaults.
     *
     * @throws ConfigException for any bad value or unknown key, all of them in one message
     */
    public static PortalgoSettings load(String agentArguments) {
        return load(agentArguments, Environment.system());
    }

    /** As {@link #load(String)}, reading {@code environment} instead of this JVM and host. */
    public static PortalgoSettings load(String agentArguments, Environment environment) {
        List<String> problems = new ArrayList<>();
        Map<Property<?>, Assignment> assignments = Sources.collect(agentArguments, environment, problems);
        return build(assignments, problems);
    }

    /**
     * A new snapshot with {@code changes} applied on top of this one, validated whole. Keys may
     * omit the prefix; an empty value unsets an optional property. The seed may be given as
     * {@code (set)}, as {@link #toMap()} shows it, to keep the current seed. Start-up-only
     * properties ({@code portalgo.config}, {@code portalgo.jmx}) accept only their current value.
     *
     * @throws ConfigException and this snapshot stays in force
     */
    public PortalgoSettings withChanges(Map<String, String> changes, Source source) {
        List<String> problems = new ArrayList<>();
        Map<Property<?>, Assignment> next = new LinkedHashMap<>(assignments);
        Map<Property<?>, String> seen = new LinkedHashMap<>();
        Origin origin = Origin.of(source);
        changes.forEach((key, rawValue) -> {
            String value = rawValue == null ? "" : rawValue;
            Optional<Property<?>> found = Property.byKey(key);
            if (found.isEmpty()) {
                problems.add(Sources.unknownKey(Sources.qualified(key), value, origin));
                return;
            }
            Property<?> property = found.get();
            if (seen.put(property, value) != null) {
                problems.add(property.key() + "=" + Sources.shown(value, found) + " (" + origin + "): set twice; "
                        + "give each property once");
                return;
            }
            if (property.secret() && value.trim().equals(Values.SECRET_SHOWN_AS)) {
                if (seed().isEmpty()) {
                    problems.add(property.key() + "=" + Values.SECRET_SHOWN_AS + " (" + origin + "): there is no seed to "
                            + "keep; " + property.accepted());
                }
                return;
            }
            if (property.startupOnly() && changesStartupValue(property, value)) {
                problems.add(property.key() + "=" + value + " (" + origin + "): read only at start-up; expected the "
                        + "running value '" + property.formatObject(values.get(property)) + "' (restart to change it)");
                return;
            }
            next.put(property, new Assignment(value, origin));
        });
        return build(next, problems);
    }

    /** True if {@code value} is valid and differs from the running value; an invalid one is reported by its parser. */
    private boolean changesStartupValue(Property<?> property, String value) {
        try {
            return !property.parse(value).equals(values.get(property));
        } catch (InvalidValue e) {
            return false;
        }
    }

    /** Parses every assignment, checks across properties, and builds the snapshot or throws all problems. */
    private static PortalgoSettings build(Map<Property<?>, Assignment> assignments, List<String> problems) {
        Map<Property<?>, Object> values = new LinkedHashMap<>();
        for (Property<?> property : Property.all()) {
            Assignment assignment = assignments.get(property);
            try {
                values.put(property, property.parse(assignment.text()));
            } catch (InvalidValue invalid) {
                for (InvalidValue.Issue issue : invalid.issues()) {
                    problems.add(property.key() + "=" + issue.shownValue() + " (" + assignment.origin() + "): "
                            + issue.reason());
                }
            }
        }
        PortRange range = (PortRange) values.get(Property.RANGE);
        PortSet reserved = (PortSet) values.get(Property.RESERVED);
        if (range != null && reserved != null && reserved.countIn(range) == range.size()) {
            problems.add(Property.RESERVED.key() + "=" + reserved + " (" + assignments.get(Property.RESERVED).origin()
                    + "): leaves no usable port in " + Property.RANGE.key() + "=" + range + " ("
                    + assignments.get(Property.RANGE).origin() + "); expected a list that spares at least one port of the range");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        SelectorSettings selectorSettings;
        try {
            selectorSettings = SelectorSettings.builder()
                    .range(range)
                    .reserved(reserved)
                    .prf((PrfKind) values.get(Property.HASH))
                    .rekeyMillis((Long) values.get(Property.REKEY))
                    .tableSize((Integer) values.get(Property.DOUBLEHASH_TABLE_SIZE))
                    .noise((Integer) values.get(Property.DOUBLEHASH_NOISE))
                    .randincN((Integer) values.get(Property.RANDINC_N))
                    .build();
        } catch (IllegalArgumentException e) {
            // The value types mirror SelectorSettings' bounds; reaching this means they drifted apart.
            throw new ConfigException("portalgo settings rejected by the selectors: " + e.getMessage());
        }
        Map<Protocol, Map<AddressFamily, Algorithm>> algorithms = new EnumMap<>(Protocol.class);
        for (Protocol protocol : Protocol.values()) {
            Map<AddressFamily, Algorithm> byFamily = new EnumMap<>(AddressFamily.class);
            for (AddressFamily family : AddressFamily.values()) {
                byFamily.put(family, resolve(values, protocol, family).orElseThrow());
            }
            algorithms.put(protocol, Collections.unmodifiableMap(byFamily));
        }
        return new PortalgoSettings(Collections.unmodifiableMap(new LinkedHashMap<>(assignments)),
                Collections.unmodifiableMap(values), Collections.unmodifiableMap(algorithms), selectorSettings);
    }

    /**
     * The algorithm a scope resolves to: the scope's own key, else the next wider key that is set
     * (protocol before family, as NetBSD keeps state per protocol first), else the built-in default
     * of the protocol. A scope without a protocol has no built-in default.
     */
    @SuppressWarnings("unchecked")
    private static Optional<Algorithm> resolve(Map<Property<?>, Object> values, Protocol protocol, AddressFamily family) {
        List<Property<Optional<Algorithm>>> chain = new ArrayList<>();
        chain.add(Property.algorithmKey(protocol, family));
        if (protocol != null && family != null) {
            chain.add(Property.algorithmKey(protocol, null));
        }
        if (family != null && protocol != null) {
            chain.add(Property.algorithmKey(null, family));
        }
        if (protocol != null || family != null) {
            chain.add(Property.algorithmKey(null, null));
        }
        for (Property<Optional<Algorithm>> key : chain) {
            Optional<Algorithm> set = (Optional<Algorithm>) values.get(key);
            if (set.isPresent()) {
                return set;
            }
        }
        if (protocol == null) {
            return Optional.empty();
        }
        return Optional.of(protocol == Protocol.TCP ? Algorithm.DOUBLEHASH : Algorithm.RANDOM_PICK);
    }

    public boolean enabled() {
        return value(Property.ENABLED);
    }

    /** The algorithm for sockets of this protocol and family (most specific property wins). */
    public Algorithm algorithm(Protocol protocol, AddressFamily family) {
        return algorithms.get(protocol).get(family);
    }

    /**
     * The algorithm for a socket whose destination is known; {@code remote} may be null and
     * {@code remotePort} 0 when unknown. Destination rules ({@code portalgo.rules}) apply here:
     * the first rule matching {@code remote} wins; with no match, or no destination, the
     * algorithm of {@link #algorithm(Protocol, AddressFamily)}.
     */
    public Algorithm algorithmFor(Protocol protocol, AddressFamily family, InetAddress remote, int remotePort) {
        if (remote != null && !rules.isEmpty()) {
            Optional<Algorithm> ruled = rules.match(protocol, remote, remotePort);
            if (ruled.isPresent()) {
                return ruled.get();
            }
        }
        return algorithm(protocol, family);
    }

    /** The destination rules, in order; empty when {@code portalgo.rules} is not set. */
    public DestinationRules rules() {
        return rules;
    }

    public SelectorSettings selectorSettings() {
        return selectorSettings;
    }

    public boolean listeners() {
        return value(Property.LISTENERS);
    }

    public TcpMode tcpMode() {
        return value(Property.TCP_MODE);
    }

    public int maxAttempts() {
        return value(Property.MAX_ATTEMPTS);
    }

    public ExhaustionPolicy onExhaustion() {
        return value(Property.ON_EXHAUSTION);
    }

    /** The fixed seed for reproducible runs, if set. Never printed. */
    public OptionalLong seed() {
        return value(Property.SEED);
    }

    public LogLevel logLevel() {
        return value(Property.LOG_LEVEL);
    }

    public boolean jmx() {
        return value(Property.JMX);
    }

    /** Whether transformed JDK classes may be kept in, and read from, the user's cache directory. */
    public boolean classCache() {
        return value(Property.CLASS_CACHE);
    }

    /**
     * The typed value of {@code property} as configured. For an algorithm key this is the value
     * set for that very key (empty when unset); {@link #algorithm(Protocol, AddressFamily)} gives
     * the algorithm in force.
     */
    @SuppressWarnings("unchecked")
    public <T> T value(Property<T> property) {
        return (T) values.get(property);
    }

    /** Where the value of {@code property} came from: {@code system property}, {@code default}, ... */
    public Origin origin(Property<?> property) {
        return assignments.get(property).origin();
    }

    /**
     * Every property in registry order with its value as canonical text, which
     * {@link #withChanges} reads back to an equal snapshot. A set seed shows as {@code (set)}, an
     * unset optional property as empty text. An algorithm key shows the algorithm its own scope
     * resolves to ({@code portalgo.tcp.algorithm} is {@code doublehash} by default; the four
     * {@code portalgo.{tcp,udp}.{inet,inet6}.algorithm} keys show the algorithms in force).
     */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (Property<?> property : Property.all()) {
            map.put(property.key(), text(property));
        }
        return map;
    }

    private String text(Property<?> property) {
        for (Protocol protocol : new Protocol[] {null, Protocol.TCP, Protocol.UDP}) {
            for (AddressFamily family : new AddressFamily[] {null, AddressFamily.INET, AddressFamily.INET6}) {
                if (Property.algorithmKey(protocol, family) == property) {
                    return resolve(values, protocol, family).map(Algorithm::id).orElse("");
                }
            }
        }
        return property.formatObject(values.get(property));
    }

    /**
     * The value of one property as {@link #toMap()} shows it, for {@code get <pid> portalgo.range}.
     *
     * @param key with or without the {@code portalgo.} prefix
     * @throws ConfigException for an unknown key, with the closest known name
     */
    public String get(String key) {
        Optional<Property<?>> property = Property.byKey(key);
        if (property.isEmpty()) {
            Optional<String> near = Suggestions.closest(Sources.qualified(key), Property.keys());
            throw new ConfigException(Sources.qualified(key) + ": unknown property"
                    + near.map(n -> "; did you mean " + n + "?").orElse(""));
        }
        return text(property.get());
    }

    /**
     * The one-line summary the agent logs at start, e.g. {@code tcp=doublehash udp=random_pick
     * range=32768-60999 reserved=0 mode=auto hash=siphash rekey=10s}: algorithms per protocol
     * (per family where they differ), range, number of reserved ports in it, mode, hash, key epoch;
     * rules and a seed only by count and presence. Never a key or the seed.
     */
    public String describe() {
        StringJoiner line = new StringJoiner(" ");
        if (!enabled()) {
            line.add("disabled");
        }
        for (Protocol protocol : Protocol.values()) {
            Algorithm inet = algorithm(protocol, AddressFamily.INET);
            Algorithm inet6 = algorithm(protocol, AddressFamily.INET6);
            line.add(protocol.id() + "=" + (inet == inet6 ? inet.id() : "inet:" + inet.id() + ",inet6:" + inet6.id()));
        }
        if (!rules().isEmpty()) {
            line.add("rules=" + rules().rules().size());
        }
        line.add("range=" + selectorSettings.range());
        line.add("reserved=" + selectorSettings.reserved().countIn(selectorSettings.range()));
        line.add("mode=" + tcpMode().id());
        line.add("hash=" + selectorSettings.prf().id());
        line.add("rekey=" + DurationText.format(selectorSettings.rekeyMillis()));
        if (seed().isPresent()) {
            line.add("seed=" + Values.SECRET_SHOWN_AS);
        }
        return line.toString();
    }

    /** Snapshots are equal when every socket would be treated alike: same {@link #toMap()}, same seed. */
    @Override
    public boolean equals(Object other) {
        return other instanceof PortalgoSettings && ((PortalgoSettings) other).toMap().equals(toMap())
                && ((PortalgoSettings) other).seed().equals(seed());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }

    /** {@link #toMap()} as text; the seed shows as {@code (set)}. */
    @Override
    public String toString() {
        return "PortalgoSettings" + toMap();
    }
}
