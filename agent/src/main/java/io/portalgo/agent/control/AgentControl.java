package io.portalgo.agent.control;

import io.portalgo.agent.runtime.Statistics;
import io.portalgo.config.LiveSettings;

/**
 * What the running agent offers to its live controls (JMX, the CLI through attach). The agent
 * runtime implements it; {@link MBeanRegistration} exposes it.
 */
public interface AgentControl {
    /** The settings in force; changes made here apply from the next socket on. */
    LiveSettings settings();

    Statistics statistics();

    /** Draws fresh keys for every keyed selector now. */
    void rekey();

    /**
     * The one-line summary of the settings in force, as the start-up line shows it; the agent
     * adds what {@code auto} resolved to ({@code mode=auto(pin)}).
     */
    default String describe() {
        return settings().current().describe();
    }

    /** Bytes held by the selectors in force; 0 where unknown. */
    default long selectorStateBytes() {
        return 0;
    }

    /** The agent's version, e.g. {@code 0.1.0}. */
    String version();
}
