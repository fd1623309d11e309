package io.portalgo.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The assignments one source makes, by property. Names are checked here, the same way for every
 * source and for live changes: a name no property has is a problem (with the closest known
 * name), and so is a property named twice in one source ({@code range} and
 * {@code portalgo.range} in one file); the first assignment stays. Values are not read here:
 * {@link Validation} parses every value once, from whichever source won.
 */
final class Layer {
    private final Map<Property<?>, Assignment> assignments = new LinkedHashMap<>();
    private final List<String> problems;

    /** A layer that adds its problems to {@code problems}. */
    Layer(List<String> problems) {
        this.problems = problems;
    }

    /**
     * Records {@code key=value}; the key with or without the prefix, any case.
     *
     * @return true if recorded; false if a problem was recorded instead
     */
    boolean put(String key, String value, Origin origin) {
        Optional<Property<?>> property = Property.byKey(key);
        if (property.isEmpty()) {
            problems.add(Problems.unknownKey(key, value, origin));
            return false;
        }
        if (assignments.containsKey(property.get())) {
            problems.add(Problems.setTwice(property.get(), value, origin));
            return false;
        }
        assignments.put(property.get(), new Assignment(value, origin));
        return true;
    }

    /** Records the environment variable {@code name}, which must be a property's exact {@link Property#envVar()}. */
    void putVariable(String name, String value) {
        Optional<Property<?>> property = Property.byEnvVar(name);
        if (property.isEmpty()) {
            problems.add(Problems.unknownVariable(name, value));
            return;
        }
        assignments.put(property.get(), new Assignment(value, Origin.environmentVariable(name)));
    }

    /** Every pair of {@code pairs}, in order, as {@link #put} records them. */
    Layer putAll(Iterable<? extends Map.Entry<String, String>> pairs, Origin origin) {
        for (Map.Entry<String, String> pair : pairs) {
            put(pair.getKey(), pair.getValue() == null ? "" : pair.getValue(), origin);
        }
        return this;
    }

    /** The recorded assignments, in the order given. */
    Map<Property<?>, Assignment> assignments() {
        return assignments;
    }

    /** The assignment of {@code property}, or null when this source does not set it. */
    Assignment get(Property<?> property) {
        return assignments.get(property);
    }
}
