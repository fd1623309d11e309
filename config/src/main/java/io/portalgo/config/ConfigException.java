package io.portalgo.config;

/**
 * A setting was rejected. The message names the property, the bad value, where it came from
 * and what is accepted, e.g. {@code portalgo.range=70000-80000 (system property): expected
 * min-max with 1 <= min <= max <= 65535}.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
