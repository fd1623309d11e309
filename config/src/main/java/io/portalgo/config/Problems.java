package io.portalgo.config;

import java.util.Optional;

/**
 * The shape of every configuration problem, one line: {@code key=value (source): reason},
 * e.g. {@code portalgo.range=70000-80000 (system property): expected min-max with 1 <= min <= max
 * <= 65535}. Keys and values are echoed through {@link Echo}, so no input can break the line.
 */
final class Problems {
    /** Ends an unknown-name problem when no known name is close. */
    static final String NO_SUGGESTION = " (no similar name; see the options table in the README)";

    private Problems() {
    }

    /** {@code key=shownValue (origin): reason}; {@code shownValue} is already as it may be shown. */
    static String line(String key, String shownValue, Object origin, String reason) {
        return Echo.oneLine(Echo.of(key) + "=" + shownValue + " (" + origin + "): " + reason);
    }

    /** {@code portalgo.range=3000-4000 (agent argument): set twice; give each property once} */
    static String setTwice(Property<?> property, String value, Origin origin) {
        return line(property.key(), property.shown(value), origin, "set twice; give each property once");
    }

    /**
     * {@code portalgo.algoritm=hash (system property): unknown property; did you mean
     * portalgo.algorithm?} A name holding a control character says so. The value is hidden when
     * the closest name is the seed's ({@code sed=42}).
     */
    static String unknownKey(String key, String value, Origin origin) {
        String qualified = Property.qualified(key);
        Optional<String> near = Suggestions.closest(qualified, Property.keys());
        return line(qualified, shown(value, near.flatMap(Property::byKey)), origin, "unknown property" + forbiddenInName(key)
                + near.map(n -> "; did you mean " + n + "?").orElse(NO_SUGGESTION));
    }

    /** {@code PORTALGO_RANGES=1-2 (environment variable): unknown property; did you mean PORTALGO_RANGE (portalgo.range)?} */
    static String unknownVariable(String name, String value) {
        Optional<String> near = Suggestions.closest(name, Property.envVars());
        return line(name, shown(value, near.flatMap(Property::byEnvVar)), Source.ENVIRONMENT.description(),
                "unknown property" + forbiddenInName(name) + near.map(n -> "; did you mean " + n + " ("
                        + Property.byEnvVar(n).orElseThrow().key() + ")?").orElse(NO_SUGGESTION));
    }

    /** {@code portalgo.rnage: unknown property; did you mean portalgo.range?}, for a key given without a value. */
    static String unknownKey(String key) {
        String qualified = Property.qualified(key);
        Optional<String> near = Suggestions.closest(qualified, Property.keys());
        return Echo.oneLine(Echo.of(qualified) + ": unknown property" + forbiddenInName(key)
                + near.map(n -> "; did you mean " + n + "?").orElse(NO_SUGGESTION));
    }

    /** A value as an error message may show it: trimmed, escaped, and never when it may be a seed. */
    private static String shown(String value, Optional<Property<?>> property) {
        return property.map(known -> known.shown(value)).orElseGet(() -> Echo.of(InputText.trimmed(value)));
    }

    private static String forbiddenInName(String name) {
        String forbidden = InputText.forbiddenReason(name);
        return forbidden == null ? "" : " (its name " + forbidden + ")";
    }
}
