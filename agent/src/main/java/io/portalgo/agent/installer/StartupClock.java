package io.portalgo.agent.installer;

import java.util.function.Supplier;

/**
 * Where the agent's start-up time goes, for {@code portalgo.log.level=debug}: wall time between
 * marks, e.g. {@code start-up: settings 9 ms, class cache 4 ms, java.base 2 ms, ...}. Built
 * with plain string building, so that measuring costs nothing worth measuring.
 */
final class StartupClock implements Supplier<String> {
    private final long started = System.nanoTime();
    private final StringBuilder marks = new StringBuilder("start-up:");
    private long last = started;

    /** Ends the phase {@code name} now. */
    void mark(String name) {
        long now = System.nanoTime();
        marks.append(marks.length() == "start-up:".length() ? " " : ", ").append(name).append(' ')
                .append(Math.round((now - last) / 1e5) / 10.0).append(" ms");
        last = now;
    }

    long totalMillis() {
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Override
    public String get() {
        return marks.toString();
    }

    /** A fixed text as a {@link Supplier}, for {@code Log.debug} without a lambda. */
    static Supplier<String> text(String text) {
        return new Fixed(text);
    }

    private static final class Fixed implements Supplier<String> {
        private final String text;

        Fixed(String text) {
            this.text = text;
        }

        @Override
        public String get() {
            return text;
        }
    }
}
