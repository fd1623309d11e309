package io.portalgo.agent.runtime;

import io.portalgo.algorithms.Protocol;
import java.io.FileDescriptor;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link SocketOps} over a simulated kernel: which ports are bound per protocol, which socket has
 * which protocol, system calls that change something recorded in order. Busy ports fail with the C-locale EADDRINUSE
 * text, exactly as the JDK reports it.
 */
final class SimulatedSockets implements SocketOps {
    final Set<String> bound = new HashSet<>();
    final Map<FileDescriptor, Protocol> protocols = new HashMap<>();
    final Map<FileDescriptor, Integer> localPorts = new HashMap<>();
    final Map<FileDescriptor, Integer> pins = new HashMap<>();
    final Set<FileDescriptor> reuseAddress = new HashSet<>();
    final List<String> calls = new ArrayList<>();
    IOException nextBindFailure;
    RuntimeException failEverything;
    /** True to offer {@link #renew} (a JDK with the natives of {@link FreshSocket}). */
    boolean renewable;

    FileDescriptor socket(Protocol protocol) {
        FileDescriptor fd = new FileDescriptor();
        protocols.put(fd, protocol);
        return fd;
    }

    void busy(Protocol protocol, int... ports) {
        for (int port : ports) {
            bound.add(protocol + ":" + port);
        }
    }

    @Override
    public void bind(ProtocolFamily family, FileDescriptor fd, InetAddress address, int port) throws IOException {
        fail();
        calls.add("bind " + port);
        if (nextBindFailure != null) {
            IOException failure = nextBindFailure;
            nextBindFailure = null;
            throw failure;
        }
        if (!bound.add(protocols.get(fd) + ":" + port)) {
            throw new BindException(BindFailures.ENGLISH_ADDRESS_IN_USE);
        }
        localPorts.put(fd, port);
    }

    /** What the JDK reads back after a connect. */
    InetSocketAddress localAddress(FileDescriptor fd) throws IOException {
        return new InetSocketAddress(InetAddress.getByName("0.0.0.0"), localPorts.getOrDefault(fd, 0));
    }

    @Override
    public boolean reuseAddress(FileDescriptor fd) {
        fail();
        return reuseAddress.contains(fd);
    }

    @Override
    public void reuseAddress(FileDescriptor fd, boolean on) {
        calls.add(on ? "SO_REUSEADDR" : "SO_REUSEADDR off");
        if (on) {
            reuseAddress.add(fd);
        } else {
            reuseAddress.remove(fd);
        }
    }

    @Override
    public boolean ipv6Sockets() {
        return false;
    }

    @Override
    public void pinLocalPort(FileDescriptor fd, int port) {
        fail();
        calls.add("pin " + port);
        pins.put(fd, port);
    }

    @Override
    public boolean canRenew() {
        return renewable;
    }

    /** A fresh socket under the same descriptor: the old one's port is released, the new one bound (unless 0). */
    @Override
    public void renew(FileDescriptor fd, int port) throws IOException {
        calls.add("renew " + port);
        if (port != 0 && bound.contains(protocols.get(fd) + ":" + port)) {
            throw new BindException(BindFailures.ENGLISH_ADDRESS_IN_USE);
        }
        Integer old = localPorts.remove(fd);
        if (old != null) {
            bound.remove(protocols.get(fd) + ":" + old);
        }
        if (port != 0) {
            bound.add(protocols.get(fd) + ":" + port);
            localPorts.put(fd, port);
        }
    }

    /** What the kernel does at connect for a socket bound before it: fail if its 4-tuple is taken. */
    Throwable connectBound(FileDescriptor fd, Set<Integer> takenTuples) {
        int port = localPorts.getOrDefault(fd, 0);
        if (port != 0 && takenTuples.contains(port)) {
            return new BindException(BindFailures.ENGLISH_ADDRESS_NOT_AVAILABLE);
        }
        localPorts.putIfAbsent(fd, 12345);
        return null;
    }

    /** What the kernel does at connect for a pinned socket: take the pinned port, or fail if its 4-tuple is taken. */
    Throwable connect(FileDescriptor fd, Set<Integer> takenTuples) {
        int pinned = pins.getOrDefault(fd, 0);
        if (pinned != 0 && takenTuples.contains(pinned)) {
            return new BindException(BindFailures.ENGLISH_ADDRESS_NOT_AVAILABLE);
        }
        localPorts.put(fd, pinned == 0 ? 12345 : pinned);
        return null;
    }

    private void fail() {
        if (failEverything != null) {
            throw failEverything;
        }
    }
}
