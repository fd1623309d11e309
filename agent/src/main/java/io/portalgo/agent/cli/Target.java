package io.portalgo.agent.cli;

import java.nio.file.Path;
import java.util.Optional;

/** A running JVM the CLI talks to, found by pid. Closing detaches and drops any JMX connection. */
interface Target extends AutoCloseable {
    /** The target's portalgo MBean, or empty if portalgo is not loaded there (or runs with {@code portalgo.jmx=false}). */
    Optional<RemoteAgent> agent();

    /**
     * As {@link #agent()}, for a command that needs the agent: a JVM started with
     * {@code -javaagent} opens its control socket in the background, shortly after premain, so a
     * target may be given a moment.
     */
    default Optional<RemoteAgent> awaitAgent() {
        return agent();
    }

    /**
     * Loads {@code agentJar} into the target with {@code arguments} (agent-argument syntax), so
     * its {@code Agent-Class} runs there.
     *
     * @throws CliFailure if the target refuses dynamic agents or the agent fails to start
     */
    void loadAgent(Path agentJar, String arguments);

    @Override
    void close();

    /** How the CLI reaches a JVM: by the attach API for real, in-process in tests. */
    @FunctionalInterface
    interface Finder {
        /**
         * @throws CliFailure naming the pid if there is no such process or it cannot be attached to
         */
        Target open(long pid);
    }
}
