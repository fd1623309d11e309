package io.portalgo.config;

import io.portalgo.algorithms.AddressFamily;
import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.PortRange;
import io.portalgo.algorithms.Protocol;
import io.portalgo.algorithms.SelectorSettings;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One immutable, validated snapshot of every portalgo setting (shared/DESIGN.md §4).
 *
 * <p>SKELETON: the public API is what the agent codes against; loading, precedence and
 * validation are completed by the config issue.
 */
public final class PortalgoSettings {
    private final boolean enabled;
    private final Map<String, Algorithm> algorithms;
    private final SelectorSettings selectorSettings;
    private final boolean listeners;
    private final TcpMode tcpMode;
    private final int maxAttempts;
    private final ExhaustionPolicy onExhaustion;
    private final OptionalLong seed;
    private final LogLevel logLevel;
    private final boolean jmx;

    private PortalgoSettings(Map<String, String> raw) {
        this.enabled = Boolean.parseBoolean(raw.getOrDefault("portalgo.enabled", "true"));
        this.algorithms = new LinkedHashMap<>();
        String global = raw.get("portalgo.algorithm");
        for (Protocol protocol : Protocol.values()) {
            for (AddressFamily family : AddressFamily.values()) {
                String chosen = raw.getOrDefault("portalgo." + protocol.id() + "." + family.id() + ".algorithm",
                        raw.getOrDefault("portalgo." + protocol.id() + ".algorithm",
                                raw.getOrDefault("portalgo." + family.id() + ".algorithm",
                                        global != null ? global : protocol == Protocol.TCP ? "doublehash" : "random_pick")));
                algorithms.put(protocol.id() + "." + family.id(), Algorithm.fromId(chosen));
            }
        }
        SelectorSettings.Builder selector = SelectorSettings.builder();
        String range = raw.get("portalgo.range");
        if (range != null) {
            String[] bounds = range.split("-");
            selector.range(PortRange.of(Integer.parseInt(bounds[0].trim()), Integer.parseInt(bounds[1].trim())));
        }
        if (raw.containsKey("portalgo.doublehash.table-size")) {
            selector.tableSize(Integer.parseInt(raw.get("portalgo.doublehash.table-size")));
        }
        if (raw.containsKey("portalgo.doublehash.noise")) {
            selector.noise(Integer.parseInt(raw.get("portalgo.doublehash.noise")));
        }
        if (raw.containsKey("portalgo.randinc.n")) {
            selector.randincN(Integer.parseInt(raw.get("portalgo.randinc.n")));
        }
        if (raw.containsKey("portalgo.rekey")) {
            String rekey = raw.get("portalgo.rekey").trim();
            selector.rekeyMillis(rekey.equals("0") ? 0 : Long.parseLong(rekey.replace("s", "")) * 1000);
        }
        this.selectorSettings = selector.build();
        this.listeners = Boolean.parseBoolean(raw.getOrDefault("portalgo.listeners", "true"));
        this.tcpMode = TcpMode.valueOf(raw.getOrDefault("portalgo.tcp.mode", "auto").toUpperCase(Locale.ROOT));
        this.maxAttempts = Integer.parseInt(raw.getOrDefault("portalgo.max-attempts", "64"));
        this.onExhaustion = ExhaustionPolicy.valueOf(raw.getOrDefault("portalgo.on-exhaustion", "kernel").toUpperCase(Locale.ROOT));
        this.seed = raw.containsKey("portalgo.seed") ? OptionalLong.of(Long.parseLong(raw.get("portalgo.seed"))) : OptionalLong.empty();
        this.logLevel = LogLevel.valueOf(raw.getOrDefault("portalgo.log.level", "info").toUpperCase(Locale.ROOT));
        this.jmx = Boolean.parseBoolean(raw.getOrDefault("portalgo.jmx", "true"));
    }

    /** Built-in defaults only. */
    public static PortalgoSettings defaults() {
        return new PortalgoSettings(Map.of());
    }

    /**
     * Every source, highest first: {@code agentArguments} ({@code key=value,...}, keys with or
     * without the {@code portalgo.} prefix), system properties, environment, file, defaults.
     *
     * @throws ConfigException for any bad value or unknown key
     */
    public static PortalgoSettings load(String agentArguments) {
        Map<String, String> raw = new LinkedHashMap<>();
        System.getProperties().forEach((key, value) -> {
            if (key.toString().startsWith("portalgo.")) {
                raw.put(key.toString(), value.toString());
            }
        });
        if (agentArguments != null && !agentArguments.isBlank()) {
            for (String pair : agentArguments.split(",")) {
                String[] kv = pair.split("=", 2);
                String key = kv[0].trim();
                raw.put(key.startsWith("portalgo.") ? key : "portalgo." + key, kv.length > 1 ? kv[1].trim() : "");
            }
        }
        try {
            return new PortalgoSettings(raw);
        } catch (RuntimeException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /**
     * A new snapshot with {@code changes} applied on top of this one, validated whole.
     *
     * @throws ConfigException and this snapshot stays in force
     */
    public PortalgoSettings withChanges(Map<String, String> changes, Source source) {
        Map<String, String> raw = new LinkedHashMap<>(toMap());
        changes.forEach((key, value) -> raw.put(key.startsWith("portalgo.") ? key : "portalgo." + key, value));
        try {
            return new PortalgoSettings(raw);
        } catch (RuntimeException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    public boolean enabled() {
        return enabled;
    }

    /** The algorithm for sockets of this protocol and family (most specific property wins). */
    public Algorithm algorithm(Protocol protocol, AddressFamily family) {
        return algorithms.get(protocol.id() + "." + family.id());
    }

    /**
     * The algorithm for a socket whose destination is known; {@code remote} may be null and
     * {@code remotePort} 0 when unknown. Destination rules ({@code portalgo.rules}) apply here.
     */
    public Algorithm algorithmFor(Protocol protocol, AddressFamily family, InetAddress remote, int remotePort) {
        return algorithm(protocol, family);
    }

    public SelectorSettings selectorSettings() {
        return selectorSettings;
    }

    public boolean listeners() {
        return listeners;
    }

    public TcpMode tcpMode() {
        return tcpMode;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public ExhaustionPolicy onExhaustion() {
        return onExhaustion;
    }

    /** The fixed seed for reproducible runs, if set. Never printed. */
    public OptionalLong seed() {
        return seed;
    }

    public LogLevel logLevel() {
        return logLevel;
    }

    public boolean jmx() {
        return jmx;
    }

    /** Every property with its effective value as text; a set seed shows as {@code (set)}. */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("portalgo.enabled", Boolean.toString(enabled));
        algorithms.forEach((scope, algorithm) -> map.put("portalgo." + scope + ".algorithm", algorithm.id()));
        map.put("portalgo.range", selectorSettings.range().toString());
        map.put("portalgo.reserved", selectorSettings.reserved().toString());
        map.put("portalgo.listeners", Boolean.toString(listeners));
        map.put("portalgo.tcp.mode", tcpMode.id());
        map.put("portalgo.hash", selectorSettings.prf().id());
        map.put("portalgo.rekey", selectorSettings.rekeyMillis() / 1000 + "s");
        map.put("portalgo.doublehash.table-size", Integer.toString(selectorSettings.tableSize()));
        map.put("portalgo.doublehash.noise", Integer.toString(selectorSettings.noise()));
        map.put("portalgo.randinc.n", Integer.toString(selectorSettings.randincN()));
        map.put("portalgo.max-attempts", Integer.toString(maxAttempts));
        map.put("portalgo.on-exhaustion", onExhaustion.id());
        map.put("portalgo.log.level", logLevel.id());
        map.put("portalgo.jmx", Boolean.toString(jmx));
        return map;
    }

    /** The one-line summary the agent logs at start: algorithms, range, mode. */
    public String describe() {
        return "tcp=" + algorithm(Protocol.TCP, AddressFamily.INET).id() + " udp="
                + algorithm(Protocol.UDP, AddressFamily.INET).id() + " range=" + selectorSettings.range()
                + " mode=" + tcpMode.id();
    }
}
