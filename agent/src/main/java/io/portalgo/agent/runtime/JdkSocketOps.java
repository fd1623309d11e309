package io.portalgo.agent.runtime;

import io.portalgo.agent.runtime.SocketOps;
import io.portalgo.algorithms.Protocol;
import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;

/**
 * {@link SocketOps} on the JDK's own natives in {@code sun.nio.ch.Net}, reached through a
 * private lookup once {@code sun.nio.ch} is opened to the agent (no JNI, no FFM). The socket
 * option numbers are Linux's: {@code SOL_SOCKET} 1 with {@code SO_REUSEADDR} 2 and
 * {@code SO_TYPE} 3; {@code IPPROTO_IP} 0 with {@code IP_LOCAL_PORT_RANGE} 51, whose value
 * packs the upper bound in the high 16 bits and the lower in the low 16.
 */
public final class JdkSocketOps implements SocketOps {
    private static final int SOL_SOCKET = 1;
    private static final int SO_REUSEADDR = 2;
    private static final int SO_TYPE = 3;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int IPPROTO_IP = 0;
    private static final int IP_LOCAL_PORT_RANGE = 51;

    private final MethodHandle bind;
    private final MethodHandle localAddress;
    private final MethodHandle getIntOption;
    private final MethodHandle setIntOption;
    private final FreshSocket fresh;

    public JdkSocketOps(MethodHandles.Lookup net) throws ReflectiveOperationException {
        Class<?> netClass = net.lookupClass();
        this.bind = net.findStatic(netClass, "bind", MethodType.methodType(void.class, ProtocolFamily.class,
                FileDescriptor.class, InetAddress.class, int.class));
        this.localAddress = net.findStatic(netClass, "localAddress",
                MethodType.methodType(InetSocketAddress.class, FileDescriptor.class));
        this.getIntOption = net.findStatic(netClass, "getIntOption0", MethodType.methodType(int.class,
                FileDescriptor.class, boolean.class, int.class, int.class));
        this.setIntOption = net.findStatic(netClass, "setIntOption0", MethodType.methodType(void.class,
                FileDescriptor.class, boolean.class, int.class, int.class, int.class, boolean.class));
        this.fresh = FreshSocket.tryCreate(net);
    }

    @Override
    public boolean canRenew() {
        return fresh != null;
    }

    @Override
    public void renew(FileDescriptor fd, InetAddress wildcard, int port) throws IOException {
        if (fresh == null) {
            throw new UnsupportedOperationException("no fresh-socket retry on this JDK");
        }
        fresh.replace(fd, wildcard, port);
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
    public InetSocketAddress localAddress(FileDescriptor fd) throws IOException {
        try {
            return (InetSocketAddress) localAddress.invokeExact(fd);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public Protocol protocol(FileDescriptor fd) throws IOException {
        int type = getInt(fd, SOL_SOCKET, SO_TYPE);
        return type == SOCK_STREAM ? Protocol.TCP : type == SOCK_DGRAM ? Protocol.UDP : null;
    }

    @Override
    public void reuseAddress(FileDescriptor fd) throws IOException {
        setInt(fd, SOL_SOCKET, SO_REUSEADDR, 1);
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
