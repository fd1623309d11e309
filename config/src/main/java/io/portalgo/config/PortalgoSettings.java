package io.portalgo.config;

import io.portalgo.algorithms.AddressFamily;
import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.Protocol;
import io.portalgo.algorithms.SelectorSettings;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One immutable, validated snapshot of every portalgo setting, and the API the agent reads.
 *
 * <p>Sources, highest first: agent arguments, system properties, environment variables, the
 * properties file named by {@code portalgo.config}, defaults; for one key the highest source wins
 * ({@link Sources}). Every value is checked when the snapshot is built, all bad values reported
 * together in one {@link ConfigException} ({@link Validation}). Algorithms are then resolved by
 * specificity across keys ({@link AlgorithmScopes}); destination rules ({@code portalgo.rules})
 * come before all of that when a socket's destination is known. Live changes are layered on a
 * running snapshot ({@link LiveChange}); the text of the settings is {@link SettingsText}'s, the
 * start-up line {@link Summary}'s. The seed is held but never shown.
 */
public final class PortalgoSettings {
    private final Map<Property<?>, Assignment> assignments;
    private final Map<Property<?>, Object> values;
    private final AlgorithmScopes scopes;
    private final SelectorSettings selectorSettings;
    private final DestinationRules rules;

    private PortalgoSettings(Map<Property<?>, Assignment> assignments, Validation.Valid valid) {
        this.assignments = assignments;
        this.values = valid.values();
        this.scopes = AlgorithmScopes.resolve(values);
        this.selectorSettings = valid.selectorSettings();
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
        return build(Sources.collect(agentArguments, environment, problems), problems);
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
        return withChanges(changes.entrySet(), source);
    }

    /** As {@link #withChanges(Map, Source)}, for pairs in order, where a key given twice is a problem. */
    PortalgoSettings withChanges(Iterable<? extends Map.Entry<String, String>> changes, Source source) {
        List<String> problems = new ArrayList<>();
        return build(LiveChange.layered(this, changes, source, problems), problems);
    }

    private static PortalgoSettings build(Map<Property<?>, Assignment> assignments, List<String> problems) {
        Validation.Valid valid = Validation.validate(assignments, problems);
        return new PortalgoSettings(Collections.unmodifiableMap(new LinkedHashMap<>(assignments)), valid);
    }

    public boolean enabled() {
        return value(Property.ENABLED);
    }

    /** The algorithm for sockets of this protocol and family (most specific property wins). */
    public Algorithm algorithm(Protocol protocol, AddressFamily family) {
        return scopes.algorithm(protocol, family);
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
     * {@link #withChanges} reads back to an equal snapshot ({@link SettingsText}): a set seed
     * shows as {@code (set)}, an algorithm key as the algorithm its scope resolves to.
     */
    public Map<String, String> toMap() {
        return SettingsText.map(this);
    }

    /**
     * The value of one property as {@link #toMap()} shows it, for {@code get <pid> portalgo.range}.
     *
     * @param key with or without the {@code portalgo.} prefix
     * @throws ConfigException for an unknown key, with the closest known name
     */
    public String get(String key) {
        return SettingsText.get(this, key);
    }

    /**
     * The one-line summary the agent logs at start ({@link Summary}), e.g. {@code tcp=doublehash
     * udp=random_pick range=32768-60999 reserved=0 mode=auto hash=siphash rekey=10s}. Never a key
     * or the seed.
     */
    public String describe() {
        return Summary.of(this);
    }

    Map<Property<?>, Assignment> assignments() {
        return assignments;
    }

    AlgorithmScopes scopes() {
        return scopes;
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
