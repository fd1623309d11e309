package io.portalgo.config;

import java.util.Locale;

/** Verbosity of the agent's stderr logger ({@code portalgo.log.level}), most quiet first. */
public enum LogLevel {
    OFF, ERROR, WARN, INFO, DEBUG;

    /** True if a message at {@code level} is printed under this setting. */
    public boolean allows(LogLevel level) {
        return level != OFF && level.ordinal() <= ordinal();
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
