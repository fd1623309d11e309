package io.portalgo.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A live change layered on a running snapshot: only the keys given change (so
 * {@code algorithm=bsd} moves every scope with no more specific key set), an empty value unsets
 * an optional property, the seed may be given as {@code (set)} (as {@code get} shows it) to keep
 * it, and a start-up-only property ({@code portalgo.config}, {@code portalgo.jmx},
 * {@code portalgo.class-cache}) accepts only its running value.
 */
final class LiveChange {
    private LiveChange() {
    }

    /**
     * The assignments of {@code running} with {@code changes} on top; problems with the names and
     * the start-up-only properties are added to {@code problems} (values are checked when the
     * snapshot is built).
     */
    static Map<Property<?>, Assignment> layered(PortalgoSettings running, Iterable<? extends Map.Entry<String, String>> changes,
            Source source, List<String> problems) {
        Origin origin = Origin.of(source);
        Layer layer = new Layer(problems).putAll(changes, origin);
        Map<Property<?>, Assignment> next = new LinkedHashMap<>(running.assignments());
        layer.assignments().forEach((property, assignment) -> {
            String value = assignment.text();
            if (property.secret() && InputText.trimmed(value).equals(Values.SECRET_SHOWN_AS)) {
                if (running.seed().isEmpty()) {
                    problems.add(Problems.line(property.key(), Values.SECRET_SHOWN_AS, origin, "there is no seed to keep; "
                            + property.accepted()));
                }
                return;
            }
            if (property.startupOnly() && changesStartupValue(running, property, value)) {
                problems.add(Problems.line(property.key(), property.shown(value), origin, "read only at start-up; expected the "
                        + "running value '" + SettingsText.of(running, property) + "' (restart to change it)"));
                return;
            }
            next.put(property, assignment);
        });
        return next;
    }

    /** True if {@code value} is valid and differs from the running value; an invalid one is reported when the snapshot is built. */
    private static boolean changesStartupValue(PortalgoSettings running, Property<?> property, String value) {
        try {
            return !property.parse(value).equals(running.value(property));
        } catch (InvalidValue e) {
            return false;
        }
    }
}
