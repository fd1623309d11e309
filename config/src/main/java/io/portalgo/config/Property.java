package io.portalgo.config;

import io.portalgo.algorithms.AddressFamily;
import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.PortRange;
import io.portalgo.algorithms.PortSet;
import io.portalgo.algorithms.PrfKind;
import io.portalgo.algorithms.Protocol;
import io.portalgo.algorithms.SelectorSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The one place that knows every portalgo property: its name, environment variable, default,
 * meaning and value type. Sources, the README options table, JMX attributes and the CLI all read
 * this registry; nothing else spells a property name, qualifies a short key or derives an
 * attribute name.
 *
 * @param <T> the type of the property's value
 */
public final class Property<T> {
    /** Every property name starts with this. */
    public static final String PREFIX = "portalgo.";

    private static final List<Property<?>> ALL = new ArrayList<>();
    private static final Map<String, Property<?>> BY_KEY = new LinkedHashMap<>();
    private static final Map<String, Property<?>> BY_ENV_VAR = new LinkedHashMap<>();

    public static final Property<Boolean> ENABLED = define("enabled", Values.BOOLEAN, "true", "`true`",
            "master switch: `false` leaves every port to the kernel");
    public static final Property<Optional<Algorithm>> ALGORITHM = algorithm("algorithm", "(unset)",
            "one algorithm for every protocol and family; any more specific key below wins");
    public static final Property<Optional<Algorithm>> TCP_ALGORITHM = algorithm("tcp.algorithm", "`doublehash`",
            "TCP sockets; beats the family keys (default: RFC 6056 §3.3.4, hardened as Linux does)");
    public static final Property<Optional<Algorithm>> UDP_ALGORITHM = algorithm("udp.algorithm", "`random_pick`",
            "UDP sockets; beats the family keys (default: RFC 5452 §9.2, DNS wants fully random source ports)");
    public static final Property<Optional<Algorithm>> INET_ALGORITHM = algorithm("inet.algorithm", "(unset)",
            "IPv4 sockets of both protocols; beaten by the protocol keys");
    public static final Property<Optional<Algorithm>> INET6_ALGORITHM = algorithm("inet6.algorithm", "(unset)",
            "IPv6 sockets of both protocols; beaten by the protocol keys");
    public static final Property<Optional<Algorithm>> TCP_INET_ALGORITHM = algorithm("tcp.inet.algorithm", "`doublehash`",
            "TCP over IPv4: the most specific key; `get` shows the algorithm in force here");
    public static final Property<Optional<Algorithm>> TCP_INET6_ALGORITHM = algorithm("tcp.inet6.algorithm", "`doublehash`",
            "TCP over IPv6");
    public static final Property<Optional<Algorithm>> UDP_INET_ALGORITHM = algorithm("udp.inet.algorithm", "`random_pick`",
            "UDP over IPv4");
    public static final Property<Optional<Algorithm>> UDP_INET6_ALGORITHM = algorithm("udp.inet6.algorithm", "`random_pick`",
            "UDP over IPv6");
    public static final Property<DestinationRules> RULES = define("rules", Values.RULES, "", "(none)",
            "destination rules `protocol:address:port=algorithm;...`, first match wins (NetBSD's per-socket "
                    + "`IP_PORTALGO`, chosen by destination): `udp:*:53=random_pick;tcp:192.0.2.0/24:*=bsd`");
    public static final Property<PortRange> RANGE = define("range", Values.RANGE_TYPE, PortRange.IANA_DYNAMIC.toString(),
            "the kernel's `ip_local_port_range` (Linux), else `49152-65535`",
            "`min-max`, 1..65535: the ports handed out (RFC 6056 §3.2 min_ephemeral..max_ephemeral)");
    public static final Property<PortSet> RESERVED = define("reserved", Values.PORT_LIST, "",
            "the kernel's `ip_local_reserved_ports` (Linux), else none",
            "ports never handed out, like `1,2-4,10`; empty for none");
    public static final Property<Boolean> LISTENERS = define("listeners", Values.BOOLEAN, "true", "`true`",
            "also choose the port of a listening socket bound to port 0");
    public static final Property<Boolean> NATIVE_TRANSPORTS = define("native-transports", Values.BOOLEAN, "true", "`true`",
            "also choose the ports of Netty's native transports (epoll, kqueue, io_uring, shaded copies such as gRPC's); "
                    + "`false` at start-up leaves their classes untransformed");
    public static final Property<TcpMode> TCP_MODE = define("tcp.mode", Values.names(TcpMode.values()),
            "auto", "`auto`", "`auto`, `pin`, `share` or `exclusive`: how an unbound TCP socket gets its port at connect");
    public static final Property<PrfKind> HASH = define("hash", Values.names(PrfKind.values()),
            "siphash", "`siphash`", "`siphash` or `md5`: the keyed hash of `hash` and `doublehash`");
    public static final Property<Long> REKEY = define("rekey", Values.DURATION,
            DurationText.format(SelectorSettings.DEFAULT_REKEY_MILLIS), "`10s`",
            "key epoch of `hash` and `doublehash`: `500ms`, `10s`, `2m`, `1h`, `1d` (at most `30d`); `0` never rekeys");
    public static final Property<Integer> DOUBLEHASH_TABLE_SIZE = define("doublehash.table-size",
            Values.integer(1, SelectorSettings.MAX_TABLE_SIZE), Integer.toString(SelectorSettings.DEFAULT_TABLE_SIZE),
            "`65536`", "L, the number of counters of `doublehash`, 1..16777216 (RFC 6056 §3.3.4)");
    public static final Property<Integer> DOUBLEHASH_NOISE = define("doublehash.noise", Values.integer(0, 65_535),
            Integer.toString(SelectorSettings.DEFAULT_NOISE), "`7`",
            "0..65535 random extra increments after each `doublehash` allocation; `0` is the RFC exactly");
    public static final Property<Integer> RANDINC_N = define("randinc.n", Values.integer(1, 65_535),
            Integer.toString(SelectorSettings.DEFAULT_RANDINC_N), "`500`", "N of `randinc`, 1..65535 (RFC 6056 §3.3.5)");
    public static final Property<Integer> MAX_ATTEMPTS = define("max-attempts", Values.integer(1, 65_535), "64", "`64`",
            "real bind or connect attempts per socket, 1..65535");
    public static final Property<ExhaustionPolicy> ON_EXHAUSTION = define("on-exhaustion",
            Values.names(ExhaustionPolicy.values()), "kernel", "`kernel`",
            "`kernel` (let the OS choose) or `fail` (BindException) when no port is found");
    public static final Property<OptionalLong> SEED = define("seed", Values.SEED, null, "(unset)",
            "a 64-bit integer fixing keys and random stream, for reproducible runs only; never shown");
    public static final Property<LogLevel> LOG_LEVEL = define("log.level", Values.names(LogLevel.values()),
            "info", "`info`", "`off`, `error`, `warn`, `info` or `debug`; stderr, prefix `[portalgo]`");
    public static final Property<Boolean> JMX = define("jmx", Values.BOOLEAN, "true", "`true`",
            "register the MBean `io.portalgo:type=PortAlgo` (start-up only)");
    public static final Property<Boolean> CLASS_CACHE = define("class-cache", Values.BOOLEAN, "true", "`true`",
            "keep the JDK classes portalgo transformed in `~/.cache/portalgo` (user-private, checked), so later "
                    + "start-ups skip ByteBuddy (start-up only)");
    public static final Property<Optional<String>> CLASS_CACHE_DIR = define("class-cache.dir", Values.OPTIONAL_PATH, null,
            "(unset)", "the class cache's directory instead of `~/.cache/portalgo`; a root-owned one nobody else may "
                    + "write is read only, e.g. filled in a container image by `cache fill` (start-up only)");
    public static final Property<Optional<String>> CONFIG = define("config", Values.OPTIONAL_PATH, null, "(unset)",
            "a properties file read at start-up, below environment variables (start-up only)");

    private final String key;
    private final String envVar;
    private final ValueType<T> type;
    private final String defaultText;
    private final String documentedDefault;
    private final String meaning;

    private Property(String key, ValueType<T> type, String defaultText, String documentedDefault, String meaning) {
        this.key = key;
        this.envVar = key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        this.type = type;
        this.defaultText = defaultText;
        this.documentedDefault = documentedDefault;
        this.meaning = meaning;
    }

    private static <T> Property<T> define(String name, ValueType<T> type, String defaultText, String documentedDefault,
            String meaning) {
        Property<T> property = new Property<>(PREFIX + name, type, defaultText, documentedDefault, meaning);
        if (BY_KEY.put(property.key, property) != null || BY_ENV_VAR.put(property.envVar, property) != null) {
            throw new AssertionError("two properties named " + property.key + " / " + property.envVar);
        }
        ALL.add(property);
        return property;
    }

    private static Property<Optional<Algorithm>> algorithm(String name, String documentedDefault, String meaning) {
        return define(name, Values.OPTIONAL_ALGORITHM, null, documentedDefault, meaning);
    }

    /** Every property, in the order of the README table. */
    public static List<Property<?>> all() {
        return Collections.unmodifiableList(ALL);
    }

    /**
     * The property named {@code key}: with or without the {@code portalgo.} prefix, any ASCII
     * case, ASCII spaces and tabs around it ignored ({@code " Range"} is {@code portalgo.range}).
     */
    public static Optional<Property<?>> byKey(String key) {
        String lower = InputText.asciiLowerCase(withPrefix(InputText.trimmed(key)));
        return lower == null ? Optional.empty() : Optional.ofNullable(BY_KEY.get(lower));
    }

    /**
     * The full name of {@code key} as output shows it: the property's own key when there is one
     * ({@code Range} and {@code portalgo.range} are {@code portalgo.range}), else {@code key}
     * with the prefix added where it is missing ({@code rnage} is {@code portalgo.rnage}). Not
     * escaped: a message echoes it through its own escaping.
     */
    public static String qualified(String key) {
        return byKey(key).map(Property::key).orElseGet(() -> withPrefix(InputText.trimmed(key)));
    }

    private static String withPrefix(String key) {
        return key.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) ? key : PREFIX + key;
    }

    /** The property whose environment variable is {@code name} ({@code PORTALGO_TCP_MODE}). */
    public static Optional<Property<?>> byEnvVar(String name) {
        return Optional.ofNullable(BY_ENV_VAR.get(name));
    }

    /**
     * The algorithm key of a scope: {@code algorithmKey(TCP, INET6)} is
     * {@code portalgo.tcp.inet6.algorithm}; a null protocol or family widens the scope
     * ({@code algorithmKey(null, null)} is {@code portalgo.algorithm}).
     */
    @SuppressWarnings("unchecked")
    public static Property<Optional<Algorithm>> algorithmKey(Protocol protocol, AddressFamily family) {
        String scope = (protocol == null ? "" : protocol.id() + ".") + (family == null ? "" : family.id() + ".");
        return (Property<Optional<Algorithm>>) BY_KEY.get(PREFIX + scope + "algorithm");
    }

    static Iterable<String> keys() {
        return BY_KEY.keySet();
    }

    static Iterable<String> envVars() {
        return BY_ENV_VAR.keySet();
    }

    /** {@code portalgo.tcp.mode} */
    public String key() {
        return key;
    }

    /** The key without {@code portalgo.}: {@code tcp.mode}, the form agent arguments use. */
    public String shortKey() {
        return key.substring(PREFIX.length());
    }

    /** Derived mechanically: upper case, dots and dashes to underscores: {@code PORTALGO_TCP_MODE}. */
    public String envVar() {
        return envVar;
    }

    /** A JMX-style attribute name: {@code portalgo.doublehash.table-size} is {@code DoublehashTableSize}. */
    public String attributeName() {
        return attributeName(shortKey());
    }

    /**
     * The JMX-style attribute name of any dotted or dashed name, the rule every portalgo
     * attribute follows: each word capitalized, separators dropped ({@code kernel-fallbacks} is
     * {@code KernelFallbacks}, {@code tcp.mode} is {@code TcpMode}).
     */
    public static String attributeName(String name) {
        StringBuilder attribute = new StringBuilder();
        for (String word : name.split("[.-]")) {
            if (!word.isEmpty()) {
                attribute.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return attribute.toString();
    }

    /** The default as the README shows it (markdown), e.g. {@code `10s`} or {@code (unset)}. */
    public String documentedDefault() {
        return documentedDefault;
    }

    /** What the property does, one line of markdown. */
    public String meaning() {
        return meaning;
    }

    /** What a value must look like, e.g. {@code expected true or false}. */
    public String accepted() {
        return type.accepted();
    }

    /** True for values never shown anywhere: the seed. */
    public boolean secret() {
        return this == SEED;
    }

    /** True for properties read once at start-up; a live change may only repeat their value. */
    public boolean startupOnly() {
        return this == CONFIG || this == JMX || this == CLASS_CACHE || this == CLASS_CACHE_DIR;
    }

    /** True if the default is read from the host (Linux procfs) where it can be. */
    public boolean hostDefault() {
        return this == RANGE || this == RESERVED;
    }

    /** The built-in default as text, or null when the property is unset by default. */
    String defaultText() {
        return defaultText;
    }

    /**
     * The typed value of {@code text} as a source gave it: trimmed and checked as
     * {@link InputText} says (a control character or line separator is refused, naming it),
     * then read by the value type.
     */
    T parse(String text) throws InvalidValue {
        String trimmed = InputText.trimmed(text);
        String forbidden = InputText.forbiddenReason(trimmed);
        if (forbidden != null) {
            // Not even the kind of character is told about a seed.
            throw secret() ? new InvalidValue(Values.SECRET_HIDDEN, "holds a control character or line separator; " + accepted())
                    : new InvalidValue(trimmed, forbidden + "; " + accepted());
        }
        return type.parse(trimmed);
    }

    /** The canonical text of {@code value}, a value of this property. */
    @SuppressWarnings("unchecked")
    String canonicalText(Object value) {
        return type.format((T) value);
    }

    /** {@code value}, given for this property, as a message may show it: trimmed and escaped, or {@code (hidden)} for the seed. */
    String shown(String value) {
        return secret() ? Values.SECRET_HIDDEN : Echo.of(InputText.trimmed(value));
    }

    @Override
    public String toString() {
        return key;
    }
}
