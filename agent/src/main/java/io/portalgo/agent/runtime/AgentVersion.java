package io.portalgo.agent.runtime;

/**
 * The agent jar's {@code Implementation-Version} ({@code dev} outside a jar), for the start-up
 * line and the live controls. A class of its own so that the start-up line, printed before the
 * runtime exists, does not initialise {@link PortalgoRuntime}.
 */
public final class AgentVersion {
    private AgentVersion() {
    }

    public static String ofThisJar() {
        String version = AgentVersion.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
