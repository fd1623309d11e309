package io.portalgo.config;

/** Where a setting came from, highest precedence first. Named in every error message. */
public enum Source {
    AGENT_ARGUMENT("agent argument"),
    SYSTEM_PROPERTY("system property"),
    ENVIRONMENT("environment variable"),
    FILE("properties file"),
    DEFAULT("default"),
    LIVE("live change");

    private final String description;

    Source(String description) {
        this.description = description;
    }

    /** Words for messages: "system property", "environment variable", ... */
    public String description() {
        return description;
    }
}
