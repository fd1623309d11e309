package io.portalgo.agent.runtime;

import java.io.FileDescriptor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ProtocolFamily;

/**
 * The socket operations substitution needs, on a JDK file descriptor. {@link JdkSocketOps}
 * implements them with method handles into {@code sun.nio.ch.Net}; tests implement them with a
 * port table. Each method is one system call, so the cost of a substitution can be counted from
 * the calls made here (docs/ARCHITECTURE.md, "System calls").
 */
public interface SocketOps {
    /** bind: {@code fd} to {@code address:port} ({@code port} is never 0 here). */
    void bind(ProtocolFamily family, FileDescriptor fd, InetAddress address, int port) throws IOException;

    /** getsockopt {@code SO_REUSEADDR}. */
    boolean reuseAddress(FileDescriptor fd) throws IOException;

    /** setsockopt {@code SO_REUSEADDR}, for the {@code share} mode. */
    void reuseAddress(FileDescriptor fd, boolean on) throws IOException;

    /**
     * setsockopt Linux 6.3+ {@code IP_LOCAL_PORT_RANGE}: narrows the ports connect may autobind
     * to {@code [port, port]}, or lifts the narrowing with 0.
     */
    void pinLocalPort(FileDescriptor fd, int port) throws IOException;

    /**
     * True if the JDK makes its inet sockets IPv6 (dual-stack) by default; no system call. A
     * socket opened for {@code StandardProtocolFamily.INET} is IPv4 even then.
     */
    boolean ipv6Sockets();

    /** True if {@link #renew} works on this JDK and system; no system call. */
    default boolean canRenew() {
        return false;
    }

    /**
     * Replaces {@code fd}'s TCP socket with a fresh one of the same family bound to the wildcard
     * address and {@code port} (0: left unbound, the kernel chooses at connect), keeping the
     * descriptor number, the options the application set and the blocking mode
     * ({@link FreshSocket}: socket, getsockopt/setsockopt per option set, bind, dup2, close).
     */
    default void renew(FileDescriptor fd, int port) throws IOException {
        throw new UnsupportedOperationException("no fresh-socket retry here");
    }
}
