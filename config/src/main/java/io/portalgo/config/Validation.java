package io.portalgo.config;

import io.portalgo.algorithms.PortRange;
import io.portalgo.algorithms.PortSet;
import io.portalgo.algorithms.PrfKind;
import io.portalgo.algorithms.SelectorSettings;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the winning text of every property into its typed value and checks the values against
 * each other ({@code portalgo.reserved} must spare a port of {@code portalgo.range}). Every
 * problem of a snapshot is found in one pass, so a user fixes them all in one go.
 */
final class Validation {
    /** The typed value of every property, in registry order, and the selectors' settings built from them. */
    record Valid(Map<Property<?>, Object> values, SelectorSettings selectorSettings) {
    }

    private Validation() {
    }

    /**
     * Reads {@code assignments} (one per property).
     *
     * @param problems found earlier (unknown names, ...); thrown together with the values' problems
     * @throws ConfigException with every problem, one line each
     */
    static Valid validate(Map<Property<?>, Assignment> assignments, List<String> problems) {
        Map<Property<?>, Object> values = new LinkedHashMap<>();
        for (Property<?> property : Property.all()) {
            Assignment assignment = assignments.get(property);
            try {
                values.put(property, property.parse(assignment.text()));
            } catch (InvalidValue invalid) {
                for (InvalidValue.Issue issue : invalid.issues()) {
                    problems.add(Problems.line(property.key(), Echo.of(issue.shownValue()), assignment.origin(), issue.reason()));
                }
            }
        }
        PortRange range = (PortRange) values.get(Property.RANGE);
        PortSet reserved = (PortSet) values.get(Property.RESERVED);
        if (range != null && reserved != null && reserved.countIn(range) == range.size()) {
            problems.add(Problems.line(Property.RESERVED.key(), reserved.toString(), assignments.get(Property.RESERVED).origin(),
                    "leaves no usable port in " + Property.RANGE.key() + "=" + range + " ("
                            + assignments.get(Property.RANGE).origin() + "); expected a list that spares at least one port of "
                            + "the range"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Valid(Collections.unmodifiableMap(values), selectorSettings(values));
    }

    private static SelectorSettings selectorSettings(Map<Property<?>, Object> values) {
        try {
            return SelectorSettings.builder()
                    .range((PortRange) values.get(Property.RANGE))
                    .reserved((PortSet) values.get(Property.RESERVED))
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
    }
}
