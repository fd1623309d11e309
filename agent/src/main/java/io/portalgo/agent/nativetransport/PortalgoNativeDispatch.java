package io.portalgo.agent.nativetransport;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MutableCallSite;
import java.net.InetAddress;
import java.net.SocketAddress;

/**
 * The template of {@code java.net.PortalgoNativeDispatch}, the one class that advice inlined
 * into Netty's native sockets calls. Netty lives in application class loaders (the class path,
 * a shaded fat jar, Spring Boot's {@code BOOT-INF/lib}, a child loader), and inlined advice can
 * link only to classes its loader sees and its module may read. Every class loader delegates
 * {@code java.*} to the boot loader and {@code java.net} is exported to everyone, so a class
 * defined in {@code java.net} (with a private lookup, after the agent opened that package to
 * itself) is reachable from any of them without exporting a JDK-internal package to
 * application code. The installer renames this template into {@code java.net} with ASM.
 *
 * <p>It names JDK types only; a Netty socket travels as {@code Object}. Its call sites are
 * private, so application code can call the entry points (which only ask the agent for a
 * port) but cannot rewire them; the agent wires them through a private lookup. Until it does,
 * every entry point answers "not handled" and Netty runs as it would without portalgo. Only an
 * {@link IOException} meant for the application crosses this class. It must stay a single
 * class (no lambdas, no nested classes), because only its own name is remapped.
 */
public final class PortalgoNativeDispatch {
    /** {@code boolean bind(Object socket, SocketAddress local)}: true if the agent bound a port. */
    private static final MutableCallSite BIND = new MutableCallSite(MethodHandles.dropArguments(
            MethodHandles.constant(boolean.class, false), 0, Object.class, SocketAddress.class));
    /** {@code Object beforeConnect(Object socket, SocketAddress remote)}: a token for afterConnect, or null. */
    private static final MutableCallSite BEFORE_CONNECT = new MutableCallSite(MethodHandles.dropArguments(
            MethodHandles.constant(Object.class, null), 0, Object.class, SocketAddress.class));
    /** {@code boolean afterConnect(Object token, Throwable thrown)}: true to repeat the connect. */
    private static final MutableCallSite AFTER_CONNECT = new MutableCallSite(MethodHandles.dropArguments(
            MethodHandles.constant(boolean.class, false), 0, Object.class, Throwable.class));
    /** {@code void beforeImplicitBind(Object socket, InetAddress to, int port)}: a send or a queued connect. */
    private static final MutableCallSite BEFORE_IMPLICIT_BIND = new MutableCallSite(MethodHandles.dropArguments(
            MethodHandles.zero(void.class), 0, Object.class, InetAddress.class, int.class));
    /** {@code void opened(Object socket)}: a new socket object. */
    private static final MutableCallSite OPENED = new MutableCallSite(MethodHandles.dropArguments(
            MethodHandles.zero(void.class), 0, Object.class));

    private static final MethodHandle BIND_INVOKER = BIND.dynamicInvoker();
    private static final MethodHandle BEFORE_CONNECT_INVOKER = BEFORE_CONNECT.dynamicInvoker();
    private static final MethodHandle AFTER_CONNECT_INVOKER = AFTER_CONNECT.dynamicInvoker();
    private static final MethodHandle BEFORE_IMPLICIT_BIND_INVOKER = BEFORE_IMPLICIT_BIND.dynamicInvoker();
    private static final MethodHandle OPENED_INVOKER = OPENED.dynamicInvoker();

    private PortalgoNativeDispatch() {
    }

    /** From {@code Socket.bind(SocketAddress)} with port 0. */
    public static boolean bind(Object socket, SocketAddress local) throws IOException {
        try {
            return (boolean) BIND_INVOKER.invokeExact(socket, local);
        } catch (IOException meantForTheApplication) {
            throw meantForTheApplication;
        } catch (Throwable internal) {
            return false;
        }
    }

    /** From the entry of {@code Socket.connect(SocketAddress)}. */
    public static Object beforeConnect(Object socket, SocketAddress remote) throws IOException {
        try {
            return (Object) BEFORE_CONNECT_INVOKER.invokeExact(socket, remote);
        } catch (IOException meantForTheApplication) {
            throw meantForTheApplication;
        } catch (Throwable internal) {
            return null;
        }
    }

    /** From the exit of {@code Socket.connect(SocketAddress)}, with the token of its entry. */
    public static boolean afterConnect(Object token, Throwable thrown) {
        try {
            return (boolean) AFTER_CONNECT_INVOKER.invokeExact(token, thrown);
        } catch (Throwable internal) {
            return false;
        }
    }

    /**
     * Before a send that may bind implicitly (UDP {@code sendto}, TCP Fast Open) or a connect the
     * kernel completes later (io_uring); {@code to} is null when the destination is unknown.
     */
    public static void beforeImplicitBind(Object socket, InetAddress to, int port) throws IOException {
        try {
            BEFORE_IMPLICIT_BIND_INVOKER.invokeExact(socket, to, port);
        } catch (IOException meantForTheApplication) {
            throw meantForTheApplication;
        } catch (Throwable internal) {
            // the kernel chooses
        }
    }

    /** From the end of a socket's constructor. */
    public static void opened(Object socket) {
        try {
            OPENED_INVOKER.invokeExact(socket);
        } catch (Throwable internal) {
            // nothing to forget
        }
    }
}
