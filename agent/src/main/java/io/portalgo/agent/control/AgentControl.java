package io.portalgo.agent.control;

import io.portalgo.agent.stats.Statistics;
import io.portalgo.config.LiveSettings;

/**
 * What the running agent offers to its live controls (JMX, the CLI through attach). The agent
 * runtime implements it; {@link ControlPlane} exposes it.
 */
public interface AgentControl {
    /** The settings in force; changes made here apply from the next socket on. */
    LiveSettings settings();

    Statistics statistics();

    /** Draws fresh keys for every keyed selector now. */
    void rekey();

    /** The agent's version, e.g. {@code 0.1.0}. */
    String version();
}
