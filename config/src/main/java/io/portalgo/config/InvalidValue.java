package io.portalgo.config;

import java.util.List;

/**
 * Why a text is not a valid value for a property: one or more issues, each with the part of the
 * text it is about (the whole value, or one destination rule) and the reason, which ends with
 * what is accepted. Turned into lines of a {@link ConfigException} by the caller, who knows the
 * property and the source.
 */
final class InvalidValue extends Exception {
    private static final long serialVersionUID = 1L;

    /** One problem: {@code shownValue} is printed after {@code key=}, {@code reason} after the source. */
    record Issue(String shownValue, String reason) {
    }

    private final transient List<Issue> issues;

    InvalidValue(String shownValue, String reason) {
        this(List.of(new Issue(shownValue, reason)));
    }

    InvalidValue(List<Issue> issues) {
        super(issues.get(0).reason(), null, false, false);
        this.issues = List.copyOf(issues);
    }

    List<Issue> issues() {
        return issues;
    }
}
