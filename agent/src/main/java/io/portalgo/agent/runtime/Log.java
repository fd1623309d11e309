package io.portalgo.agent.runtime;

import io.portalgo.config.LogLevel;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The agent's stderr logger: one line per message, prefixed {@code [portalgo]}, filtered by
 * {@code portalgo.log.level} (live). No SLF4J, no java.util.logging: an agent must not initialise
 * the application's logging. {@link #once} keeps a repeated failure to one line.
 */
public final class Log {
    private static volatile LogLevel level = LogLevel.INFO;
    private static final PrintStream OUT = System.err;
    private static final Set<String> ONCE = ConcurrentHashMap.newKeySet();

    private Log() {
    }

    public static void level(LogLevel newLevel) {
        level = newLevel;
    }

    public static boolean debugEnabled() {
        return level.allows(LogLevel.DEBUG);
    }

    public static void error(String message) {
        print(LogLevel.ERROR, message);
    }

    public static void warn(String message) {
        print(LogLevel.WARN, message);
    }

    public static void info(String message) {
        print(LogLevel.INFO, message);
    }

    /** A debug line the caller built behind {@link #debugEnabled()}, so nothing is made when debug is off. */
    public static void debug(String message) {
        print(LogLevel.DEBUG, message);
    }

    public static void debug(Supplier<String> message) {
        if (debugEnabled()) {
            print(LogLevel.DEBUG, message.get());
        }
    }

    /** Logs {@code message} the first time {@code key} is seen in this JVM, never again. */
    public static void once(LogLevel at, String key, String message) {
        if (level.allows(at) && ONCE.add(key)) {
            print(at, message);
        }
    }

    private static void print(LogLevel at, String message) {
        if (level.allows(at)) {
            String prefix = at == LogLevel.INFO ? "[portalgo] " : "[portalgo] " + at.id().toLowerCase(Locale.ROOT) + ": ";
            OUT.println(prefix + message);
        }
    }
}
