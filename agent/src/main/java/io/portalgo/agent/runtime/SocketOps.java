package io.portalgo.agent.runtime;

import io.portalgo.algorithms.Protocol;
import java.io.FileDescriptor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;

/**
 * The socket operations substitution needs, on a JDK file descriptor. The installer implements
 * them with method handles into {@code sun.nio.ch.Net}; tests implement them with a port table.
 */
public interface SocketOps {
    /** Binds {@code fd} to {@code address:port} ({@code port} is never 0 here). */
    void bind(ProtocolFamily family, FileDescriptor fd, InetAddress address, int port) throws IOException;

    /** getsockname: {@code 0.0.0.0:0} or {@code [::]:0} for an unbound socket. */
    InetSocketAddress localAddress(FileDescriptor fd) throws IOException;

    /** TCP or UDP, from {@code SO_TYPE}; null for anything else. */
    Protocol protocol(FileDescriptor fd) throws IOException;

    /** Sets {@code SO_REUSEADDR}, for the {@code share} mode. */
    void reuseAddress(FileDescriptor fd) throws IOException;

    /**
     * Linux 6.3+ {@code IP_LOCAL_PORT_RANGE}: narrows the ports connect may autobind to
     * {@code [port, port]}, or lifts the narrowing with 0.
     */
    void pinLocalPort(FileDescriptor fd, int port) throws IOException;

    /** True if {@link #renew} works on this JDK and system. */
    default boolean canRenew() {
        return false;
    }

    /**
     * Replaces {@code fd}'s TCP socket with a fresh one bound to {@code wildcard:port} (0: left
     * unbound), keeping the descriptor number, the options the application set and the blocking
     * mode; see {@link FreshSocket}.
     */
    default void renew(FileDescriptor fd, InetAddress wildcard, int port) throws IOException {
        throw new UnsupportedOperationException("no fresh-socket retry here");
    }
}
