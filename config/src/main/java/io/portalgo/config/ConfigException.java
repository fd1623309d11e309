package io.portalgo.config;

import java.util.List;

/**
 * One or more settings were rejected. Each problem is one line naming the property, the bad
 * value, where it came from and what is accepted, e.g. {@code portalgo.range=70000-80000
 * (system property): expected min-max with 1 <= min <= max <= 65535}; several problems give
 * several lines in one message, so a user fixes them all in one go.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigException(String message) {
        super(message);
        this.problems = List.of(message);
    }

    /** One line per problem; the message is the lines joined by newlines. */
    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, one line each, in the order found. */
    public List<String> problems() {
        return problems;
    }
}
