package io.portalgo.agent.control;

import io.portalgo.agent.runtime.Log;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import javax.management.Attribute;
import javax.management.AttributeNotFoundException;
import javax.management.ReflectionException;

/**
 * The CLI's way into a running agent, as {@code jcmd}'s: a Unix-domain socket
 * {@code <java.io.tmpdir>/.portalgo-<user>/<pid>.sock} in a directory that only this user may
 * enter (mode 700, checked), so only this user (and root) can connect, and nothing listens on
 * any network address. Its path is published as the agent property
 * {@value ControlProtocol#ADDRESS_PROPERTY}, which the CLI reads through the attach API (the
 * JDK's own local JMX agent publishes its address the same way). A daemon thread waits in
 * {@code accept} and answers one request per connection ({@link ControlProtocol}) from the same
 * {@link PortalgoMBean} JMX clients see, without the MBean server; it uses no CPU while idle.
 */
public final class ControlSocket {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    /**
     * How long after {@code premain} the socket opens: a JVM that lives shorter than this (a CLI
     * tool, a build step, a test fork) never pays for it (about 15 ms of wall time and 10 ms of CPU
     * measured on hello world); the CLI waits for a JVM that has just started
     * ({@code AttachedJvm.REGISTRATION_WAIT_MILLIS}).
     */
    static final long OPEN_DELAY_MILLIS = 500;

    private ControlSocket() {
    }

    /**
     * For {@code -javaagent}: everything, the socket's classes included, happens on the daemon
     * thread, {@value #OPEN_DELAY_MILLIS} ms after start-up.
     */
    static void openInBackground(AgentControl control, Instrumentation instrumentation) {
        Thread opener = new Thread(new Opener(control, instrumentation), "portalgo-control");
        opener.setDaemon(true);
        opener.setPriority(Thread.MIN_PRIORITY);
        opener.start();
    }

    /** For an attach: the socket exists and is published when this returns; answered on a daemon thread. */
    static void open(AgentControl control, Instrumentation instrumentation) {
        ServerSocketChannel server = bindAndPublish(instrumentation);
        if (server != null) {
            Thread serving = new Thread(new Server(server, control), "portalgo-control");
            serving.setDaemon(true);
            serving.start();
        }
    }

    /** The private directory of this user's sockets: {@code <java.io.tmpdir>/.portalgo-<user>}. */
    public static Path directory(String tmpdir, String user) {
        return Path.of(tmpdir, ".portalgo-" + user);
    }

    private static ServerSocketChannel bindAndPublish(Instrumentation instrumentation) {
        Path directory = directory(System.getProperty("java.io.tmpdir"), System.getProperty("user.name"));
        try {
            if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // another JVM of this user made it: checked below like any other
                }
            }
            PosixFileAttributes attributes = Files.readAttributes(directory, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isDirectory() || !attributes.permissions().equals(OWNER_ONLY)
                    || !attributes.owner().getName().equals(System.getProperty("user.name"))) {
                Log.warn("CLI control unavailable: " + directory + " must be a directory of this user with mode 700");
                return null;
            }
            removeStaleSockets(directory);
            Path socket = directory.resolve(ProcessHandle.current().pid() + ".sock");
            Files.deleteIfExists(socket);
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            new File(socket.toString()).deleteOnExit();
            publish(instrumentation, socket.toString());
            closeAtExit(server);
            return server;
        } catch (IOException | RuntimeException failure) {
            Log.warn("CLI control unavailable, ports are still substituted: " + failure);
            return null;
        }
    }

    /**
     * Closes the socket when the JVM shuts down, so that the thread waiting in {@code accept} leaves
     * native code: a JVM that exits waits up to 300 ms for every Java thread still in native code
     * to come out (HotSpot's {@code wait_for_threads_in_native_to_block}), and the control thread
     * would otherwise add those 300 ms to the exit of every JVM that ran long enough to reach
     * {@code accept}.
     */
    private static void closeAtExit(ServerSocketChannel server) {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(new Closer(server), "portalgo-control-close"));
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting already
        }
    }

    private static final class Closer implements Runnable {
        private final ServerSocketChannel server;

        Closer(ServerSocketChannel server) {
            this.server = server;
        }

        @Override
        public void run() {
            try {
                server.close();
            } catch (IOException ignored) {
                // exiting anyway
            }
        }
    }

    /** Sockets of JVMs that are gone (killed before they could remove theirs). */
    private static void removeStaleSockets(Path directory) throws IOException {
        try (DirectoryStream<Path> sockets = Files.newDirectoryStream(directory, "*.sock")) {
            for (Path socket : sockets) {
                Path fileName = socket.getFileName();
                if (fileName == null) {
                    continue;
                }
                String name = fileName.toString();
                try {
                    long pid = Long.parseLong(name.substring(0, name.length() - ".sock".length()));
                    if (ProcessHandle.of(pid).isEmpty()) {
                        Files.deleteIfExists(socket);
                    }
                } catch (NumberFormatException | IOException notOurs) {
                    // left alone
                }
            }
        }
    }

    /**
     * Puts the socket's path among the JVM's agent properties ({@code jdk.internal.vm.VMSupport}),
     * which the attach API reads without loading anything into this JVM.
     */
    private static void publish(Instrumentation instrumentation, String address) {
        try {
            Module javaBase = Object.class.getModule();
            instrumentation.redefineModule(javaBase, Set.of(), Map.of("jdk.internal.vm",
                    Set.of(ControlSocket.class.getModule())), Map.of(), Set.of(), Map.of());
            Properties agentProperties = (Properties) Class.forName("jdk.internal.vm.VMSupport")
                    .getMethod("getAgentProperties").invoke(null);
            agentProperties.setProperty(ControlProtocol.ADDRESS_PROPERTY, address);
        } catch (ReflectiveOperationException | RuntimeException e) {
            Log.warn("CLI control unavailable: cannot publish " + address + " (" + e + ")");
        }
    }

    private static final class Opener implements Runnable {
        private final AgentControl control;
        private final Instrumentation instrumentation;

        Opener(AgentControl control, Instrumentation instrumentation) {
            this.control = control;
            this.instrumentation = instrumentation;
        }

        @Override
        public void run() {
            try {
                Thread.sleep(OPEN_DELAY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            ServerSocketChannel server = bindAndPublish(instrumentation);
            if (server != null) {
                new Server(server, control).run();
            }
        }
    }

    private static final class Server implements Runnable {
        private final ServerSocketChannel server;
        private final AgentControl control;
        /** Made at the first request: until then the thread has only waited in accept. */
        private PortalgoMBean bean;

        Server(ServerSocketChannel server, AgentControl control) {
            this.server = server;
            this.control = control;
        }

        @Override
        public void run() {
            while (true) {
                try (SocketChannel client = server.accept()) {
                    InputStream in = Channels.newInputStream(client);
                    OutputStream out = Channels.newOutputStream(client);
                    ControlProtocol.write(out, answer(ControlProtocol.read(in)));
                } catch (IOException | RuntimeException failure) {
                    if (!server.isOpen()) {
                        return;
                    }
                    Log.once(io.portalgo.config.LogLevel.WARN, "control-socket", "CLI control request failed: " + failure);
                }
            }
        }

        private Object[] answer(Object[] request) {
            try {
                if (bean == null) {
                    bean = new PortalgoMBean(control);
                }
                if (request.length == 2 && "attribute".equals(request[0]) && request[1] instanceof String) {
                    return new Object[] {ControlProtocol.OK, bean.getAttribute((String) request[1])};
                }
                if (request.length == 3 && "invoke".equals(request[0]) && request[1] instanceof String
                        && request[2] instanceof String) {
                    return new Object[] {ControlProtocol.OK, bean.invoke((String) request[1], new Object[] {request[2]},
                            new String[] {String.class.getName()})};
                }
                if (request.length == 3 && "set".equals(request[0]) && request[1] instanceof String) {
                    bean.setAttribute(new Attribute((String) request[1], request[2]));
                    return new Object[] {ControlProtocol.OK, null};
                }
                return new Object[] {ControlProtocol.FAILED, "unknown request"};
            } catch (IllegalArgumentException refused) {
                return new Object[] {ControlProtocol.REFUSED, refused.getMessage()};
            } catch (AttributeNotFoundException | ReflectionException | javax.management.InvalidAttributeValueException
                    | RuntimeException failed) {
                return new Object[] {ControlProtocol.FAILED, String.valueOf(failed)};
            }
        }
    }
}
