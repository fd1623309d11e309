package io.portalgo.config;

import io.portalgo.algorithms.PortRange;
import io.portalgo.algorithms.PortSet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Collects the text of every property from the start-up sources, highest first: agent
 * arguments, system properties, environment variables, the {@code portalgo.config} properties
 * file, defaults. For one key the highest source wins; across keys nothing is merged here
 * (scoped algorithms are resolved by specificity in {@link AlgorithmScopes}). Every name under
 * {@code portalgo.} / {@code PORTALGO_} must be a property: the product knows no other names.
 * System properties, environment variables and the file's entries are taken in sorted order, so
 * problems are listed the same way every time. Plain loops throughout: this runs before
 * {@code main} in every JVM, where each first lambda spins a class.
 */
final class Sources {
    private static final String ENV_PREFIX = "PORTALGO_";

    private final Environment environment;
    private final List<String> problems;

    private Sources(Environment environment, List<String> problems) {
        this.environment = environment;
        this.problems = problems;
    }

    /** Every property's winning assignment (defaults included); problems are added to {@code problems}. */
    static Map<Property<?>, Assignment> collect(String agentArguments, Environment environment, List<String> problems) {
        Sources sources = new Sources(environment, problems);
        Layer arguments = sources.agentArguments(agentArguments);
        Layer systemProperties = sources.systemProperties();
        Layer variables = sources.environmentVariables();
        Layer file = sources.file(firstOf(Property.CONFIG, arguments, systemProperties, variables));
        Map<Property<?>, Assignment> merged = sources.defaults();
        for (Layer layer : List.of(file, variables, systemProperties, arguments)) {
            merged.putAll(layer.assignments());
        }
        return merged;
    }

    /** The built-in defaults; range and reserved from the host where readable. */
    private Map<Property<?>, Assignment> defaults() {
        Map<Property<?>, Assignment> defaults = new LinkedHashMap<>();
        Origin builtIn = Origin.of(Source.DEFAULT);
        for (Property<?> property : Property.all()) {
            defaults.put(property, new Assignment(property.defaultText() == null ? "" : property.defaultText(), builtIn));
        }
        Optional<PortRange> range = HostPorts.range(environment);
        if (range.isPresent()) {
            defaults.put(Property.RANGE, new Assignment(range.get().toString(), Origin.defaultFrom(environment.portRangeFile())));
        }
        Optional<PortSet> reserved = HostPorts.reserved(environment);
        if (reserved.isPresent()) {
            defaults.put(Property.RESERVED, new Assignment(reserved.get().toString(),
                    Origin.defaultFrom(environment.reservedPortsFile())));
        }
        return defaults;
    }

    private Layer agentArguments(String text) {
        Layer layer = new Layer(problems);
        try {
            layer.putAll(AgentArguments.parse(text), Origin.of(Source.AGENT_ARGUMENT));
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        return layer;
    }

    private Layer systemProperties() {
        Layer layer = new Layer(problems);
        Origin origin = Origin.of(Source.SYSTEM_PROPERTY);
        Map<String, String> properties = environment.systemProperties();
        for (String key : sortedNames(properties.keySet(), Property.PREFIX)) {
            layer.put(key, properties.get(key), origin);
        }
        return layer;
    }

    private Layer environmentVariables() {
        Layer layer = new Layer(problems);
        Map<String, String> variables = environment.variables();
        for (String name : sortedNames(variables.keySet(), ENV_PREFIX)) {
            layer.putVariable(name, variables.get(name));
        }
        return layer;
    }

    /**
     * The properties file's entries, keys with or without the prefix; nothing if no file is
     * named. A path that is not a clean text is not read: its own value check reports it.
     */
    private Layer file(Assignment config) {
        Layer layer = new Layer(problems);
        String path = config == null ? "" : InputText.trimmed(config.text());
        if (path.isEmpty() || InputText.firstForbidden(path) >= 0) {
            return layer;
        }
        Properties properties;
        try {
            properties = PropertiesFile.read(environment, path);
        } catch (IOException | RuntimeException e) {
            problems.add(Problems.line(Property.CONFIG.key(), Echo.of(path), config.origin(), "cannot read the properties file ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + Echo.of(e.getMessage())) + "); "
                    + Property.CONFIG.accepted()));
            return layer;
        }
        Origin origin = Origin.file(path);
        for (String key : sortedNames(properties.stringPropertyNames(), "")) {
            String value = properties.getProperty(key);
            if (Property.byKey(key).orElse(null) == Property.CONFIG) {
                problems.add(Problems.line(Property.CONFIG.key(), Echo.of(InputText.trimmed(value)), origin,
                        "a properties file cannot name another one; set portalgo.config as an agent argument, system property "
                                + "or environment variable"));
                continue;
            }
            layer.put(key, value, origin);
        }
        return layer;
    }

    /** The names in {@code names} that start with {@code prefix}, in {@code String} order. */
    private static String[] sortedNames(Iterable<String> names, String prefix) {
        List<String> matching = new ArrayList<>();
        for (String name : names) {
            if (name.startsWith(prefix)) {
                matching.add(name);
            }
        }
        String[] sorted = matching.toArray(new String[0]);
        // Insertion sort: a handful of names, and Arrays.sort would load its sorting classes before main.
        for (int i = 1; i < sorted.length; i++) {
            String name = sorted[i];
            int j = i - 1;
            while (j >= 0 && sorted[j].compareTo(name) > 0) {
                sorted[j + 1] = sorted[j];
                j--;
            }
            sorted[j + 1] = name;
        }
        return sorted;
    }

    private static Assignment firstOf(Property<?> property, Layer... layers) {
        for (Layer layer : layers) {
            Assignment assignment = layer.get(property);
            if (assignment != null) {
                return assignment;
            }
        }
        return null;
    }
}
