package io.portalgo.agent.javabase;

import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MutableCallSite;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;

/**
 * The only portalgo class that lives inside {@code java.base}. The installer renames this
 * template to {@code sun.nio.ch.PortalgoDispatch} and defines it with a private lookup into
 * {@code sun.nio.ch.Net}, so advice inlined into {@code Net}, {@code NetHooks} and
 * {@code DatagramChannelImpl} links to it without touching the boot class path (no CDS warning).
 *
 * <p>It names JDK types only. Each entry point calls the agent through a {@code static final}
 * {@link MutableCallSite} invoker: the JIT inlines it like a direct call and {@code setTarget}
 * rewires it at run time. Until the agent sets a target every entry point answers "not handled", so the JDK's own code runs. Only an
 * {@link IOException} the agent means the application to see crosses this class; anything else
 * is swallowed here, as the failure policy says: the kernel chooses and the application goes on.
 *
 * <p>The agent's runtime (settings in force, selector tables, statistics) is made on the first
 * call of any entry point, not at start-up: a JVM that never opens an internet socket never pays
 * for it (issue 11: the agent runs in every JVM a fleet starts). That first call loads the
 * agent's {@value #STARTER} through the system class loader (the one every agent jar is on) and
 * runs it; it wires the call sites and sets {@code started}. Until then, and for good if the
 * agent cannot start, every entry point answers "not handled".
 *
 * <p>Never referenced by agent code as a class: it is read as bytes only. It must stay a single
 * class (no lambdas, no nested classes), because only its own name is remapped.
 */
public final class PortalgoDispatch {
    /** {@code boolean bind(ProtocolFamily, FileDescriptor, InetAddress)}: true if the agent bound a port. */
    public static final MutableCallSite BIND = new MutableCallSite(MethodHandles.dropArguments(
            MethodHandles.constant(boolean.class, false), 0, ProtocolFamily.class, FileDescriptor.class, InetAddress.class));
    /** {@code void beforeTcpConnect(FileDescriptor, InetAddress, int)}. */
    public static final MutableCallSite BEFORE_TCP_CONNECT = new MutableCallSite(MethodHandles.dropArguments(
            MethodHandles.zero(void.class), 0, FileDescriptor.class, InetAddress.class, int.class));
    /** {@code boolean afterConnect(FileDescriptor, Throwable)}: true to repeat the connect. */
    public static final MutableCallSite AFTER_CONNECT = new MutableCallSite(MethodHandles.dropArguments(
            MethodHandles.constant(boolean.class, false), 0, FileDescriptor.class, Throwable.class));
    /** {@code void udpDestination(Object)}: a datagram target before an implicit bind, null after. */
    public static final MutableCallSite UDP_DESTINATION = new MutableCallSite(MethodHandles.dropArguments(
            MethodHandles.zero(void.class), 0, Object.class));

    /** {@code void udpBinding(boolean)}: inside {@code DatagramChannelImpl.bindInternal} (true), or out of it. */
    public static final MutableCallSite UDP_BINDING = new MutableCallSite(MethodHandles.dropArguments(
            MethodHandles.zero(void.class), 0, boolean.class));
    /** {@code void listenerBinding(boolean)}: inside a listening socket's bind (true), or out of it. */
    public static final MutableCallSite LISTENER_BINDING = new MutableCallSite(MethodHandles.dropArguments(
            MethodHandles.zero(void.class), 0, boolean.class));
    /** {@code void localAddressRead(FileDescriptor, InetSocketAddress)}: what the JDK read back after a connect. */
    public static final MutableCallSite LOCAL_ADDRESS_READ = new MutableCallSite(MethodHandles.dropArguments(
            MethodHandles.zero(void.class), 0, FileDescriptor.class, InetSocketAddress.class));

    /** The agent's class that makes the runtime and wires the call sites (a {@link Runnable}). */
    public static final String STARTER = "io.portalgo.agent.installer.RuntimeStarter";
    /** Set by the agent once the call sites are wired, or once it is known they never will be. */
    static volatile boolean started;

    private static final MethodHandle BIND_INVOKER = BIND.dynamicInvoker();
    private static final MethodHandle BEFORE_TCP_CONNECT_INVOKER = BEFORE_TCP_CONNECT.dynamicInvoker();
    private static final MethodHandle AFTER_CONNECT_INVOKER = AFTER_CONNECT.dynamicInvoker();
    private static final MethodHandle UDP_DESTINATION_INVOKER = UDP_DESTINATION.dynamicInvoker();
    private static final MethodHandle UDP_BINDING_INVOKER = UDP_BINDING.dynamicInvoker();
    private static final MethodHandle LISTENER_BINDING_INVOKER = LISTENER_BINDING.dynamicInvoker();
    private static final MethodHandle LOCAL_ADDRESS_READ_INVOKER = LOCAL_ADDRESS_READ.dynamicInvoker();

    private PortalgoDispatch() {
    }

    /** Every entry point's first line: a volatile read once the agent is started. */
    private static void startOnce() {
        if (!started) {
            start();
        }
    }

    /**
     * Makes the agent's runtime on the first call of any entry point. The starter returns at once
     * on the thread that is making the runtime already (its own sockets meet the JDK's code).
     */
    private static void start() {
        try {
            Class<?> starter = Class.forName(STARTER, true, ClassLoader.getSystemClassLoader());
            ((Runnable) starter.getConstructor().newInstance()).run();
        } catch (Throwable noAgent) {
            started = true; // the JDK's own code runs from now on
        }
    }

    /** From {@code Net.bind(ProtocolFamily, FileDescriptor, InetAddress, int)} when the port is 0. */
    public static boolean bind(ProtocolFamily family, FileDescriptor fd, InetAddress address) throws IOException {
        startOnce();
        try {
            return (boolean) BIND_INVOKER.invokeExact(family, fd, address);
        } catch (IOException meantForTheApplication) {
            throw meantForTheApplication;
        } catch (Throwable internal) {
            return false;
        }
    }

    /** From {@code NetHooks.beforeTcpConnect}: the socket is unbound and about to connect. */
    public static void beforeTcpConnect(FileDescriptor fd, InetAddress remote, int remotePort) throws IOException {
        startOnce();
        try {
            BEFORE_TCP_CONNECT_INVOKER.invokeExact(fd, remote, remotePort);
        } catch (IOException meantForTheApplication) {
            throw meantForTheApplication;
        } catch (Throwable internal) {
            // the kernel chooses
        }
    }

    /** From the exit of {@code Net.connect(ProtocolFamily, FileDescriptor, InetAddress, int)}. */
    public static boolean afterConnect(FileDescriptor fd, Throwable thrown) {
        startOnce();
        try {
            return (boolean) AFTER_CONNECT_INVOKER.invokeExact(fd, thrown);
        } catch (Throwable internal) {
            return false;
        }
    }

    /** From {@code DatagramChannelImpl}'s send and connect: where the datagrams go, or null when done. */
    public static void udpDestination(Object target) {
        startOnce();
        try {
            UDP_DESTINATION_INVOKER.invokeExact(target);
        } catch (Throwable internal) {
            // the destination stays unknown
        }
    }

    /** From {@code DatagramChannelImpl.bindInternal}: its {@code Net.bind} is a UDP bind. */
    public static void udpBinding(boolean inside) {
        startOnce();
        try {
            UDP_BINDING_INVOKER.invokeExact(inside);
        } catch (Throwable internal) {
            // the bind is taken for TCP
        }
    }

    /** From the binds of listening sockets: the {@code Net.bind} inside is a listener's. */
    public static void listenerBinding(boolean inside) {
        startOnce();
        try {
            LISTENER_BINDING_INVOKER.invokeExact(inside);
        } catch (Throwable internal) {
            // the bind is taken for a client's
        }
    }

    /** From the exit of {@code Net.localAddress(FileDescriptor)}. */
    public static void localAddressRead(FileDescriptor fd, InetSocketAddress local) {
        startOnce();
        try {
            LOCAL_ADDRESS_READ_INVOKER.invokeExact(fd, local);
        } catch (Throwable internal) {
            // nothing is checked
        }
    }
}
