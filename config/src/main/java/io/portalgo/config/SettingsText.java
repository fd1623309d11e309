package io.portalgo.config;

import io.portalgo.algorithms.Algorithm;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot as text, as {@code get} and the MBean show it: each property's canonical text,
 * which {@link PortalgoSettings#withChanges} reads back to an equal snapshot. A set seed shows
 * as {@code (set)}, an unset optional property as empty text, an algorithm key as the algorithm
 * its scope resolves to (the four {@code portalgo.{tcp,udp}.{inet,inet6}.algorithm} keys show
 * the algorithms in force).
 */
final class SettingsText {
    private SettingsText() {
    }

    /** The canonical text of {@code property} in {@code settings}. */
    static String of(PortalgoSettings settings, Property<?> property) {
        AlgorithmScopes scopes = settings.scopes();
        if (scopes.isAlgorithmKey(property)) {
            return scopes.resolved(property).map(Algorithm::id).orElse("");
        }
        return property.canonicalText(settings.value(property));
    }

    /** Every property in registry order with its canonical text. */
    static Map<String, String> map(PortalgoSettings settings) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Property<?> property : Property.all()) {
            map.put(property.key(), of(settings, property));
        }
        return map;
    }

    /**
     * The text of the property named {@code key} (with or without the prefix).
     *
     * @throws ConfigException for an unknown key, with the closest known name
     */
    static String get(PortalgoSettings settings, String key) {
        Optional<Property<?>> property = Property.byKey(key);
        if (property.isEmpty()) {
            throw new ConfigException(Problems.unknownKey(key));
        }
        return of(settings, property.get());
    }
}
