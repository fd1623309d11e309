package io.portalgo.agent.cli;

import io.portalgo.agent.control.ControlProtocol;
import io.portalgo.agent.control.ControlSocket;
import io.portalgo.agent.control.MBeanRegistration;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.management.JMException;
import javax.management.MBeanException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * The portalgo MBean of another JVM, seen through its control socket ({@link ControlSocket}, the
 * CLI's way) or a JMX connection (tests, any JMX client). Uses only the MBean's attribute and
 * operation names, never portalgo classes on the wire, exactly as any JMX client would. A refusal by the target's settings validation becomes a {@link CliFailure} of kind
 * {@link CliFailure#REFUSED} carrying the target's message unchanged.
 */
final class RemoteAgent {
    private final MBeanServerConnection connection;
    private final Path socket;
    private final ObjectName name = MBeanRegistration.objectName();
    private final long pid;

    RemoteAgent(MBeanServerConnection connection, long pid) {
        this.connection = connection;
        this.socket = null;
        this.pid = pid;
    }

    private RemoteAgent(Path socket, long pid) {
        this.connection = null;
        this.socket = socket;
        this.pid = pid;
    }

    /** The agent answering on the Unix-domain socket {@code socket}. */
    static RemoteAgent overSocket(Path socket, long pid) {
        return new RemoteAgent(socket, pid);
    }

    /** True if the target has the MBean, that is runs portalgo with {@code portalgo.jmx=true}. */
    boolean present() {
        if (socket != null) {
            return Files.exists(socket);
        }
        try {
            return connection.isRegistered(name);
        } catch (IOException e) {
            throw lost(e);
        }
    }

    String version() {
        return (String) attribute("Version");
    }

    /** The agent's one-line summary of its settings. */
    String summary() {
        return (String) attribute("Summary");
    }

    /** Every property with its canonical text, as the target's registry knows them. */
    Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        Collection<CompositeData> rows = (Collection<CompositeData>) ((TabularData) attribute("Settings")).values();
        for (CompositeData row : rows) {
            settings.put((String) row.get("key"), (String) row.get("value"));
        }
        return settings;
    }

    TabularData statistics() {
        return (TabularData) attribute("Statistics");
    }

    /** The canonical text of one property; an unknown key is refused with the target's message. */
    String get(String key) {
        return (String) invoke("get", key);
    }

    /** Applies changes in the agent-argument syntax, all or nothing; returns the new summary. */
    String apply(String changes) {
        return (String) invoke("apply", changes);
    }

    private Object attribute(String attribute) {
        if (socket != null) {
            return overSocket(new Object[] {"attribute", attribute});
        }
        return remote(() -> connection.getAttribute(name, attribute));
    }

    private Object invoke(String operation, String argument) {
        if (socket != null) {
            return overSocket(new Object[] {"invoke", operation, argument});
        }
        return remote(() -> connection.invoke(name, operation, new Object[] {argument},
                new String[] {String.class.getName()}));
    }

    /** One request over the control socket, its answer or refusal turned into what the CLI reports. */
    private Object overSocket(Object[] request) {
        Object[] answer;
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            ControlProtocol.write(Channels.newOutputStream(channel), request);
            answer = ControlProtocol.read(Channels.newInputStream(channel));
        } catch (IOException e) {
            throw CliFailure.target(pid, "lost the control socket " + socket + ": " + e.getMessage());
        }
        if (answer.length == 2 && ControlProtocol.OK.equals(answer[0])) {
            return answer[1];
        }
        if (answer.length == 2 && ControlProtocol.REFUSED.equals(answer[0])) {
            throw CliFailure.refused(String.valueOf(answer[1]));
        }
        throw CliFailure.target(pid, "the portalgo MBean failed: " + (answer.length == 2 ? answer[1] : "bad answer"));
    }

    /** One JMX call, its failures turned into what the CLI reports. */
    private Object remote(RemoteCall call) {
        try {
            return call.run();
        } catch (MBeanException e) {
            throw failure(e.getTargetException());
        } catch (RuntimeMBeanException e) {
            throw failure(e.getTargetException());
        } catch (JMException e) {
            throw failure(e);
        } catch (IOException e) {
            throw lost(e);
        }
    }

    @FunctionalInterface
    private interface RemoteCall {
        Object run() throws JMException, IOException;
    }

    private CliFailure failure(Throwable cause) {
        if (cause instanceof IllegalArgumentException) {
            return CliFailure.refused(cause.getMessage());
        }
        return CliFailure.target(pid, "the portalgo MBean failed: " + cause);
    }

    private CliFailure lost(IOException e) {
        return CliFailure.target(pid, "lost the JMX connection: " + e.getMessage());
    }
}
