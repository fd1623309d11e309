package io.portalgo.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Collects the text of every property from the start-up sources, highest first: agent
 * arguments, system properties, environment variables, the {@code portalgo.config} properties
 * file, defaults. For one key the highest source wins; across keys nothing is merged here
 * (scoped algorithms are resolved by specificity in {@link AlgorithmScopes}). Every name under
 * {@code portalgo.} / {@code PORTALGO_} must be a property: the product knows no other names.
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
        HostPorts.range(environment).ifPresent(range -> defaults.put(Property.RANGE,
                new Assignment(range.toString(), Origin.defaultFrom(environment.portRangeFile().toString()))));
        HostPorts.reserved(environment).ifPresent(reserved -> defaults.put(Property.RESERVED,
                new Assignment(reserved.toString(), Origin.defaultFrom(environment.reservedPortsFile().toString()))));
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
        new TreeMap<>(environment.systemProperties()).forEach((key, value) -> {
            if (key.startsWith(Property.PREFIX)) {
                layer.put(key, value, origin);
            }
        });
        return layer;
    }

    private Layer environmentVariables() {
        Layer layer = new Layer(problems);
        new TreeMap<>(environment.variables()).forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX)) {
                layer.putVariable(name, value);
            }
        });
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
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(environment.read(Path.of(path))));
        } catch (IOException | RuntimeException e) {
            problems.add(Problems.line(Property.CONFIG.key(), Echo.of(path), config.origin(), "cannot read the properties file ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + Echo.of(e.getMessage())) + "); "
                    + Property.CONFIG.accepted()));
            return layer;
        }
        Origin origin = Origin.file(path);
        new TreeMap<>(properties).forEach((key, value) -> {
            if (Property.byKey(key.toString()).orElse(null) == Property.CONFIG) {
                problems.add(Problems.line(Property.CONFIG.key(), Echo.of(InputText.trimmed(value.toString())), origin,
                        "a properties file cannot name another one; set portalgo.config as an agent argument, system property "
                                + "or environment variable"));
                return;
            }
            layer.put(key.toString(), value.toString(), origin);
        });
        return layer;
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
