package io.portalgo.agent.control;

/**
 * Starts the live controls of a running agent. SKELETON: the live-control issue registers the
 * MBean {@code io.portalgo:type=PortAlgo} here.
 */
public final class ControlPlane {
    private ControlPlane() {
    }

    /** Called once by the agent after installation when {@code portalgo.jmx} is true. */
    public static void start(AgentControl control) {
    }
}
