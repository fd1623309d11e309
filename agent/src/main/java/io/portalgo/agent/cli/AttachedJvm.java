package io.portalgo.agent.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import io.portalgo.agent.control.ControlProtocol;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Another JVM reached through the attach API ({@code com.sun.tools.attach}), as {@code jcmd}
 * does. Its agent answers on a Unix-domain socket in a directory only this user may enter
 * ({@link io.portalgo.agent.control.ControlSocket}), whose path the attach API reads from the
 * target's agent properties: nothing is loaded into the target and no TCP listener is opened,
 * neither the JDK's local JMX agent nor anything else.
 */
final class AttachedJvm implements Target {
    /** What a JVM of Java 21 or later says when it runs with {@code -XX:-EnableDynamicAgentLoading}. */
    private static final String DYNAMIC_LOADING_DISABLED = "Dynamic agent loading is not enabled";

    private final long pid;
    private final VirtualMachine vm;

    private AttachedJvm(long pid, VirtualMachine vm) {
        this.pid = pid;
        this.vm = vm;
    }

    /** Attaches to {@code pid}; the {@link Target.Finder} of the real CLI. */
    static Target open(long pid) {
        if (ProcessHandle.of(pid).isEmpty()) {
            throw CliFailure.target(pid, "no such process");
        }
        try {
            return new AttachedJvm(pid, VirtualMachine.attach(Long.toString(pid)));
        } catch (AttachNotSupportedException | IOException e) {
            throw CliFailure.target(pid, "cannot attach (" + e.getMessage() + "); expected a JVM of Java 17 or later, "
                    + "run by this user, without -XX:+DisableAttachMechanism");
        }
    }

    /**
     * How long a target may take to open its control socket after it starts: half a second after
     * premain, on a background thread ({@code ControlSocket.OPEN_DELAY_MILLIS}), plus the time to
     * open it on a busy machine.
     */
    static final long REGISTRATION_WAIT_MILLIS = 3_000;

    @Override
    public Optional<RemoteAgent> agent() {
        try {
            String address = vm.getAgentProperties().getProperty(ControlProtocol.ADDRESS_PROPERTY);
            if (address == null) {
                return Optional.empty();
            }
            RemoteAgent agent = RemoteAgent.overSocket(Path.of(address), pid);
            return agent.present() ? Optional.of(agent) : Optional.empty();
        } catch (IOException e) {
            throw CliFailure.target(pid, "cannot read its agent properties: " + e.getMessage());
        }
    }

    /** Polls for up to {@link #REGISTRATION_WAIT_MILLIS}: the MBean of a JVM just started may not be there yet. */
    @Override
    public Optional<RemoteAgent> awaitAgent() {
        long deadline = System.nanoTime() + REGISTRATION_WAIT_MILLIS * 1_000_000L;
        Optional<RemoteAgent> agent = agent();
        while (agent.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return agent;
            }
            agent = agent();
        }
        return agent;
    }

    @Override
    public void loadAgent(Path agentJar, String arguments) {
        try {
            vm.loadAgent(agentJar.toString(), arguments);
        } catch (AgentLoadException e) {
            if (String.valueOf(e.getMessage()).contains(DYNAMIC_LOADING_DISABLED)) {
                throw CliFailure.target(pid, "refuses dynamic agents (started with -XX:-EnableDynamicAgentLoading); "
                        + "restart it with -javaagent:" + agentJar + " or -XX:+EnableDynamicAgentLoading");
            }
            throw CliFailure.target(pid, "cannot load " + agentJar + ": " + e.getMessage());
        } catch (AgentInitializationException e) {
            throw CliFailure.target(pid, "the agent did not start (agentmain failed with code " + e.returnValue()
                    + "); the target's standard error says why");
        } catch (IOException e) {
            throw CliFailure.target(pid, "lost the attach connection while loading the agent: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            vm.detach();
        } catch (IOException e) {
            // Same: the target is gone.
        }
    }
}
