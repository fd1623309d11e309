package io.portalgo.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Collects the text of every property from the sources, highest first: agent arguments, system
 * properties, environment variables, the {@code portalgo.config} properties file, defaults.
 * For one key the highest source wins; across keys nothing is merged here (scoped algorithms
 * are resolved by specificity in {@link PortalgoSettings}). Unknown keys in any source are
 * problems, each with the closest known name.
 */
final class Sources {
    /**
     * Names under the portalgo prefix that are not settings: the build's pointer to a second JDK,
     * which CI exports and forked test JVMs inherit.
     */
    static final Set<String> NOT_SETTINGS = Set.of("portalgo.java25.home", "PORTALGO_JAVA25_HOME");

    private static final String ENV_PREFIX = "PORTALGO_";

    private final Environment environment;
    private final List<String> problems = new ArrayList<>();

    private Sources(Environment environment) {
        this.environment = environment;
    }

    /** Every property's winning assignment (defaults included); problems are added to {@code problems}. */
    static Map<Property<?>, Assignment> collect(String agentArguments, Environment environment, List<String> problems) {
        Sources sources = new Sources(environment);
        Map<Property<?>, Assignment> arguments = sources.agentArguments(agentArguments);
        Map<Property<?>, Assignment> systemProperties = sources.systemProperties();
        Map<Property<?>, Assignment> variables = sources.environmentVariables();
        Map<Property<?>, Assignment> file = sources.file(firstOf(Property.CONFIG, arguments, systemProperties, variables));
        Map<Property<?>, Assignment> merged = sources.defaults();
        merged.putAll(file);
        merged.putAll(variables);
        merged.putAll(systemProperties);
        merged.putAll(arguments);
        problems.addAll(sources.problems);
        return merged;
    }

    /** The built-in defaults; range and reserved from the host where readable. */
    private Map<Property<?>, Assignment> defaults() {
        Map<Property<?>, Assignment> defaults = new LinkedHashMap<>();
        Origin builtIn = Origin.of(Source.DEFAULT);
        for (Property<?> property : Property.all()) {
            defaults.put(property, new Assignment(property.defaultText() == null ? "" : property.defaultText(), builtIn));
        }
        HostPorts.range(environment).ifPresent(range -> defaults.put(Property.RANGE,
                new Assignment(range.toString(), Origin.defaultFrom(environment.portRangeFile().toString()))));
        HostPorts.reserved(environment).ifPresent(reserved -> defaults.put(Property.RESERVED,
                new Assignment(reserved.toString(), Origin.defaultFrom(environment.reservedPortsFile().toString()))));
        return defaults;
    }

    private Map<Property<?>, Assignment> agentArguments(String text) {
        Map<Property<?>, Assignment> assignments = new LinkedHashMap<>();
        List<Map.Entry<String, String>> pairs;
        try {
            pairs = AgentArguments.parse(text);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
            return assignments;
        }
        Origin origin = Origin.of(Source.AGENT_ARGUMENT);
        for (Map.Entry<String, String> pair : pairs) {
            String key = qualified(pair.getKey());
            put(assignments, key, pair.getValue(), origin);
        }
        return assignments;
    }

    private Map<Property<?>, Assignment> systemProperties() {
        Map<Property<?>, Assignment> assignments = new LinkedHashMap<>();
        Origin origin = Origin.of(Source.SYSTEM_PROPERTY);
        new TreeMap<>(environment.systemProperties()).forEach((key, value) -> {
            if (key.startsWith(Property.PREFIX) && !NOT_SETTINGS.contains(key)) {
                put(assignments, key, value, origin);
            }
        });
        return assignments;
    }

    private Map<Property<?>, Assignment> environmentVariables() {
        Map<Property<?>, Assignment> assignments = new LinkedHashMap<>();
        new TreeMap<>(environment.variables()).forEach((name, value) -> {
            if (!name.startsWith(ENV_PREFIX) || NOT_SETTINGS.contains(name)) {
                return;
            }
            Optional<Property<?>> property = Property.byEnvVar(name);
            if (property.isPresent()) {
                assignments.put(property.get(), new Assignment(value, Origin.environmentVariable(name)));
                return;
            }
            Optional<String> near = Suggestions.closest(name, Property.envVars());
            problems.add(name + "=" + shown(value, near.flatMap(Property::byEnvVar)) + " (" + Source.ENVIRONMENT.description()
                    + "): unknown property" + near.map(n -> "; did you mean " + n + " ("
                            + Property.byEnvVar(n).get().key() + ")?").orElse(NO_SUGGESTION));
        });
        return assignments;
    }

    /** The properties file's entries, keys with or without the prefix; nothing if no file is named. */
    private Map<Property<?>, Assignment> file(Assignment config) {
        Map<Property<?>, Assignment> assignments = new LinkedHashMap<>();
        if (config == null || config.text().isBlank()) {
            return assignments;
        }
        String path = config.text().trim();
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(environment.read(Path.of(path))));
        } catch (IOException | RuntimeException e) {
            problems.add(Property.CONFIG.key() + "=" + path + " (" + config.origin() + "): cannot read the properties file ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); "
                    + Property.CONFIG.accepted());
            return assignments;
        }
        Origin origin = Origin.file(path);
        new TreeMap<>(properties).forEach((key, value) -> {
            String qualified = qualified(key.toString());
            if (qualified.equals(Property.CONFIG.key())) {
                problems.add(qualified + "=" + value + " (" + origin + "): a properties file cannot name another one; "
                        + "set portalgo.config as an agent argument, system property or environment variable");
                return;
            }
            put(assignments, qualified, value.toString(), origin);
        });
        return assignments;
    }

    /** Records {@code key=value} or, for an unknown or repeated key, a problem. */
    private void put(Map<Property<?>, Assignment> assignments, String key, String value, Origin origin) {
        Optional<Property<?>> property = Property.byKey(key);
        if (property.isEmpty()) {
            problems.add(unknownKey(key, value, origin));
            return;
        }
        if (assignments.containsKey(property.get())) {
            problems.add(property.get().key() + "=" + shown(value, property) + " (" + origin + "): set twice; "
                    + "give each property once");
            return;
        }
        assignments.put(property.get(), new Assignment(value, origin));
    }

    private static final String NO_SUGGESTION = " (no similar name; see the options table in the README)";

    /** {@code portalgo.algoritm=hash (system property): unknown property; did you mean portalgo.algorithm?} */
    static String unknownKey(String key, String value, Origin origin) {
        Optional<String> near = Suggestions.closest(key, Property.keys());
        return key + "=" + shown(value, near.flatMap(Property::byKey)) + " (" + origin + "): unknown property"
                + near.map(n -> "; did you mean " + n + "?").orElse(NO_SUGGESTION);
    }

    /** A value as an error message may show it: a (possible) seed never appears. */
    static String shown(String value, Optional<Property<?>> property) {
        return property.isPresent() && property.get().secret() ? Values.SECRET_HIDDEN : value;
    }

    /** {@code range} and {@code portalgo.range} are both {@code portalgo.range}. */
    static String qualified(String key) {
        String trimmed = key.trim();
        return trimmed.startsWith(Property.PREFIX) ? trimmed : Property.PREFIX + trimmed;
    }

    @SafeVarargs
    private static Assignment firstOf(Property<?> property, Map<Property<?>, Assignment>... sources) {
        for (Map<Property<?>, Assignment> source : sources) {
            if (source.containsKey(property)) {
                return source.get(property);
            }
        }
        return null;
    }
}
