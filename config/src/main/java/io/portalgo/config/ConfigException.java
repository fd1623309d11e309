package io.portalgo.config;

import java.util.ArrayList;
import java.util.List;

/**
 * One or more settings were rejected. Each problem is one line naming the property, the bad
 * value, where it came from and what is accepted, e.g. {@code portalgo.range=70000-80000
 * (system property): expected min-max with 1 <= min <= max <= 65535}; several problems give
 * several lines in one message, so a user fixes them all in one go. A problem never spans two
 * lines: a line break or control character inside one is escaped ({@code \n}, {@code \x01}),
 * whatever it was built from.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /** One problem. */
    public ConfigException(String problem) {
        this(List.of(problem));
    }

    /** One line per problem; the message is the lines joined by newlines. */
    public ConfigException(List<String> problems) {
        this(oneLineEach(problems), null);
    }

    private ConfigException(List<String> lines, Void unused) {
        super(String.join("\n", lines));
        this.problems = lines;
    }

    private static List<String> oneLineEach(List<String> problems) {
        List<String> lines = new ArrayList<>(problems.size());
        for (String problem : problems) {
            lines.add(Echo.oneLine(problem));
        }
        return List.copyOf(lines);
    }

    /** Each problem, one line each, in the order found. */
    public List<String> problems() {
        return List.copyOf(problems); // already unmodifiable: no copy is made
    }
}
