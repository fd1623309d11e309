package io.portalgo.agent.runtime;

import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetAddress;
import java.net.ProtocolFamily;

/**
 * {@link SocketOps} on the JDK's own natives in {@code sun.nio.ch.Net}, reached through a
 * private lookup once {@code sun.nio.ch} is opened to the agent (no JNI, no FFM). The socket
 * option numbers are Linux's: {@code SOL_SOCKET} 1 with {@code SO_REUSEADDR} 2;
 * {@code IPPROTO_IP} 0 with {@code IP_LOCAL_PORT_RANGE} 51, whose value
 * packs the upper bound in the high 16 bits and the lower in the low 16.
 */
public final class JdkSocketOps implements SocketOps {
    private static final int SOL_SOCKET = 1;
    private static final int SO_REUSEADDR = 2;
    private static final int IPPROTO_IP = 0;
    private static final int IP_LOCAL_PORT_RANGE = 51;

    private final MethodHandle bind;
    private final MethodHandle getIntOption;
    private final MethodHandle setIntOption;
    private final boolean ipv6Sockets;
    private final FreshSocket fresh;

    public JdkSocketOps(MethodHandles.Lookup net) throws ReflectiveOperationException {
        Class<?> netClass = net.lookupClass();
        this.bind = net.findStatic(netClass, "bind", MethodType.methodType(void.class, ProtocolFamily.class,
                FileDescriptor.class, InetAddress.class, int.class));
        this.getIntOption = net.findStatic(netClass, "getIntOption0", MethodType.methodType(int.class,
                FileDescriptor.class, boolean.class, int.class, int.class));
        this.setIntOption = net.findStatic(netClass, "setIntOption0", MethodType.methodType(void.class,
                FileDescriptor.class, boolean.class, int.class, int.class, int.class, boolean.class));
        try {
            this.ipv6Sockets = (boolean) net.findStatic(netClass, "isIPv6Available", MethodType.methodType(boolean.class))
                    .invokeExact();
        } catch (ReflectiveOperationException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
        this.fresh = FreshSocket.tryCreate(net);
    }

    @Override
    public boolean canRenew() {
        return fresh != null;
    }

    @Override
    public void renew(FileDescriptor fd, int port) throws IOException {
        if (fresh == null) {
            throw new UnsupportedOperationException("no fresh-socket retry on this JDK");
        }
        fresh.replace(fd, port);
    }

    @Override
    public void bind(ProtocolFamily family, FileDescriptor fd, InetAddress address, int port) throws IOException {
        try {
            bind.invokeExact(family, fd, address, port);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public boolean reuseAddress(FileDescriptor fd) throws IOException {
        return getInt(fd, SOL_SOCKET, SO_REUSEADDR) != 0;
    }

    @Override
    public void reuseAddress(FileDescriptor fd, boolean on) throws IOException {
        setInt(fd, SOL_SOCKET, SO_REUSEADDR, on ? 1 : 0);
    }

    @Override
    public boolean ipv6Sockets() {
        return ipv6Sockets;
    }

    @Override
    public void pinLocalPort(FileDescriptor fd, int port) throws IOException {
        // An IPPROTO_IP option on IPv4 and IPv6 sockets alike.
        setInt(fd, IPPROTO_IP, IP_LOCAL_PORT_RANGE, (port << 16) | port);
    }

    private int getInt(FileDescriptor fd, int level, int option) throws IOException {
        try {
            return (int) getIntOption.invokeExact(fd, false, level, option);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** setsockopt; setIntOption0's last flag (is IPv6) only matters for IPV6_TCLASS, never set here. */
    private void setInt(FileDescriptor fd, int level, int option, int value) throws IOException {
        try {
            setIntOption.invokeExact(fd, false, level, option, value, false);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
