package io.portalgo.agent.runtime;

import io.portalgo.agent.runtime.Statistics.Event;
import io.portalgo.algorithms.AddressFamily;
import io.portalgo.algorithms.Protocol;
import io.portalgo.config.LiveSettings;
import io.portalgo.config.LogLevel;
import io.portalgo.config.PortalgoSettings;
import io.portalgo.config.Property;
import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Netty's native transports (epoll, kqueue, io_uring and relocated copies such as gRPC's) seen
 * through the same {@link Substitution} as the JDK's sockets: same settings, algorithms, state,
 * modes, statistics, rules and failure policy. Netty keeps a socket as an {@code int} descriptor;
 * the JDK's own {@code sun.nio.ch.IOUtil.newFD(int)} wraps it in a {@link FileDescriptor} view
 * (never closed, no cleaner), so the JDK natives bind, pin and read it exactly as they do a JDK
 * socket. Netty maps an IPv4 wildcard on a dual-stack socket to {@code ::} as the JDK does, so
 * a bind through either lands on the same address.
 *
 * <p>Moments, from advice in Netty's classes:
 * <ul>
 *   <li>{@link #bind}: {@code Socket.bind} with port 0 (listeners per {@code portalgo.listeners}, UDP);</li>
 *   <li>{@link #beforeConnect}/{@link #afterConnect}: {@code Socket.connect} of an unbound socket
 *       (TCP: pin, share or exclusive, with the pinned retry inside the call; UDP: bind with the
 *       destination);</li>
 *   <li>{@link #beforeImplicitBind}: a UDP send, a TCP Fast Open connect or a queued io_uring
 *       connect on an unbound socket: bound first, with the destination. These connects cannot be
 *       retried, so {@code pin} binds exclusively for them.</li>
 * </ul>
 * Sends are frequent: a descriptor known bound costs one array read (forgotten when a new Netty
 * socket object takes the number).
 */
public final class NativeSockets {
    private static final String SERVER_CHANNEL = "ServerChannel";
    private static final String SERVER_SOCKET_CHANNEL = "ServerSocketChannel";
    private static final int STACK_FRAMES = 24;
    /** Descriptors below this number remember "bound"; larger ones ask the kernel each time. */
    private static final int REMEMBERED_DESCRIPTORS = 1 << 16;

    private static final int SOL_SOCKET = 1;
    private static final int SO_TYPE = 3;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_DGRAM = 2;

    private final LiveSettings live;
    private final Statistics statistics;
    private final Substitution substitution;
    private final BindFailures failures;
    private final MethodHandle newFd;
    private final MethodHandle localAddress;
    private final MethodHandle getIntOption;
    private final AtomicLongArray knownBound = new AtomicLongArray(REMEMBERED_DESCRIPTORS / 64);
    private final ThreadLocal<PendingConnect> repeating = new ThreadLocal<>();
    private final Set<String> covered = ConcurrentHashMap.newKeySet();
    private final ClassValue<MethodHandle> descriptorOf = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            return intValueHandle(type);
        }
    };

    /**
     * @param net a private lookup into {@code sun.nio.ch.Net}, for {@code IOUtil.newFD(int)},
     *        {@code Net.localAddress} (getsockname) and {@code Net.getIntOption0} (getsockopt)
     */
    public NativeSockets(PortalgoRuntime runtime, BindFailures failures, MethodHandles.Lookup net)
            throws ReflectiveOperationException {
        this.live = runtime.settings();
        this.statistics = runtime.statistics();
        this.substitution = runtime.substitution();
        this.failures = failures;
        Class<?> netClass = net.lookupClass();
        Class<?> ioUtil = Class.forName("sun.nio.ch.IOUtil", false, null);
        this.newFd = net.findStatic(ioUtil, "newFD", MethodType.methodType(FileDescriptor.class, int.class));
        this.localAddress = net.findStatic(netClass, "localAddress",
                MethodType.methodType(InetSocketAddress.class, FileDescriptor.class));
        this.getIntOption = net.findStatic(netClass, "getIntOption0", MethodType.methodType(int.class,
                FileDescriptor.class, boolean.class, int.class, int.class));
    }

    /** For the start-up line and the summary: whether native transports are handled, and which were met. */
    public String describe() {
        if (!live.current().value(Property.NATIVE_TRANSPORTS)) {
            return "native=off";
        }
        return covered.isEmpty() ? "native=on" : "native=on(" + String.join(",", covered) + ")";
    }

    /** A Netty socket class was transformed; {@code kind} names the transport ({@code epoll}, {@code io_uring}). */
    public void covered(String kind) {
        covered.add(kind);
    }

    /** {@code Socket.bind(local)} with port 0: true if a chosen port is now bound. */
    public boolean bind(Object socket, SocketAddress local) throws IOException {
        PortalgoSettings settings = live.current();
        if (!active(settings) || !(local instanceof InetSocketAddress)) {
            return false;
        }
        InetAddress address = ((InetSocketAddress) local).getAddress();
        if (address == null) {
            return false;
        }
        try {
            int fd = descriptor(socket);
            FileDescriptor view = view(fd);
            Protocol protocol = protocol(view);
            if (protocol == null) {
                return false;
            }
            boolean listener = protocol == Protocol.TCP && listenerOnStack();
            substitution.udpBinding(protocol == Protocol.UDP);
            substitution.listenerBinding(listener);
            boolean bound;
            try {
                bound = substitution.bind(familyOf(localAddress(view)), view, address);
            } finally {
                substitution.udpBinding(false);
                substitution.listenerBinding(false);
            }
            if (bound) {
                remember(fd);
            }
            return bound;
        } catch (BindException meantForTheApplication) {
            throw meantForTheApplication;
        } catch (IOException | RuntimeException | LinkageError internal) {
            internalError(settings, "native bind", internal);
            return false;
        }
    }

    /** The entry of {@code Socket.connect(remote)}: a token for {@link #afterConnect}, or null. */
    public Object beforeConnect(Object socket, SocketAddress remote) throws IOException {
        PortalgoSettings settings = live.current();
        if (!active(settings) || !(remote instanceof InetSocketAddress)) {
            return null;
        }
        InetSocketAddress destination = (InetSocketAddress) remote;
        if (destination.getAddress() == null) {
            return null;
        }
        try {
            int fd = descriptor(socket);
            PendingConnect again = repeating.get();
            if (again != null && again.fd == fd) {
                repeating.remove(); // the repeated method ran this entry again: the next candidate is pinned already
                return again;
            }
            FileDescriptor view = view(fd);
            InetSocketAddress local = localAddress(view);
            if (local.getPort() != 0) {
                return null;
            }
            Protocol protocol = protocol(view);
            if (protocol == Protocol.UDP) {
                bindDatagram(view, local, destination);
                remember(fd);
                return null;
            }
            if (protocol != Protocol.TCP) {
                return null;
            }
            substitution.beforeTcpConnect(view, destination.getAddress(), destination.getPort());
            return new PendingConnect(fd, view);
        } catch (BindException meantForTheApplication) {
            throw meantForTheApplication;
        } catch (IOException | RuntimeException | LinkageError internal) {
            internalError(settings, "native connect", internal);
            return null;
        }
    }

    /** The exit of {@code Socket.connect}: true to repeat it with the next pinned candidate. */
    public boolean afterConnect(Object token, Throwable thrown) {
        if (!(token instanceof PendingConnect)) {
            return false;
        }
        PendingConnect pending = (PendingConnect) token;
        boolean again = substitution.afterConnect(pending.view, asJdkFailure(thrown));
        if (again) {
            repeating.set(pending);
            return true;
        }
        repeating.remove();
        if (thrown == null) {
            remember(pending.fd);
            try {
                localAddress(pending.view); // the JDK's read-back, where the substitution checks that the pin held
            } catch (IOException | RuntimeException | LinkageError unreadable) {
                // the connect stands; only the check is lost
            }
        }
        return false;
    }

    /**
     * Before a send or a queued connect that would bind an unbound socket: UDP binds a chosen port
     * with the destination known; TCP (Fast Open, io_uring) binds one before the connect.
     */
    public void beforeImplicitBind(Object socket, InetAddress to, int port) throws IOException {
        PortalgoSettings settings = live.current();
        if (!active(settings)) {
            return;
        }
        int fd = -1;
        try {
            fd = descriptor(socket);
            if (remembered(fd)) {
                return;
            }
            FileDescriptor view = view(fd);
            InetSocketAddress local = localAddress(view);
            if (local.getPort() == 0) {
                Protocol protocol = protocol(view);
                if (protocol == Protocol.UDP) {
                    bindDatagram(view, local, to == null ? null : new InetSocketAddress(to, port));
                } else if (protocol == Protocol.TCP && to != null) {
                    substitution.beforeUnrepeatableTcpConnect(view, to, port);
                }
            }
            remember(fd); // after this call the kernel has bound it, whoever chose
        } catch (BindException meantForTheApplication) {
            throw meantForTheApplication;
        } catch (IOException | RuntimeException | LinkageError internal) {
            internalError(settings, "native send", internal);
        }
    }

    /** A new Netty socket object: its descriptor number says nothing about being bound any more. */
    public void opened(Object socket) {
        try {
            forget(descriptor(socket));
        } catch (RuntimeException | LinkageError internal) {
            // a socket the agent cannot read is never remembered either
        }
    }

    private void bindDatagram(FileDescriptor view, InetSocketAddress local, InetSocketAddress destination)
            throws IOException {
        substitution.udpDestination(destination);
        substitution.udpBinding(true);
        try {
            substitution.bind(familyOf(local), view, local.getAddress());
        } finally {
            substitution.udpBinding(false);
            substitution.udpDestination(null);
        }
    }

    /** Netty reports a connect's EADDRNOTAVAIL as "connect(..) failed: &lt;strerror&gt;"; the substitution knows the JDK's form. */
    private Throwable asJdkFailure(Throwable thrown) {
        if (!(thrown instanceof IOException) || thrown.getMessage() == null) {
            return thrown;
        }
        String message = thrown.getMessage();
        int colon = message.indexOf(": ");
        BindException jdkForm = new BindException(colon < 0 ? message : message.substring(colon + 2));
        return failures.addressNotAvailable(jdkForm) ? jdkForm : thrown;
    }

    /** getsockname, through the JDK's own native. */
    private InetSocketAddress localAddress(FileDescriptor view) throws IOException {
        try {
            return (InetSocketAddress) localAddress.invokeExact(view);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** TCP or UDP from {@code SO_TYPE}; null for anything else. */
    private Protocol protocol(FileDescriptor view) throws IOException {
        int type;
        try {
            type = (int) getIntOption.invokeExact(view, false, SOL_SOCKET, SO_TYPE);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
        return type == SOCK_STREAM ? Protocol.TCP : type == SOCK_DGRAM ? Protocol.UDP : null;
    }

    private static boolean active(PortalgoSettings settings) {
        return settings.enabled() && settings.value(Property.NATIVE_TRANSPORTS);
    }

    private int descriptor(Object socket) {
        try {
            return (int) descriptorOf.get(socket.getClass()).invokeExact(socket);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private FileDescriptor view(int fd) {
        try {
            return (FileDescriptor) newFd.invokeExact(fd);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** {@code intValue()} of Netty's public {@code FileDescriptor}, found by name so relocated copies match. */
    private static MethodHandle intValueHandle(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().endsWith(".channel.unix.FileDescriptor")) {
                try {
                    return MethodHandles.publicLookup().findVirtual(c, "intValue", MethodType.methodType(int.class))
                            .asType(MethodType.methodType(int.class, Object.class));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("no public intValue() in " + c.getName(), e);
                }
            }
        }
        throw new IllegalStateException(type.getName() + " is not a Netty FileDescriptor");
    }

    private static ProtocolFamily familyOf(InetSocketAddress local) {
        return local.getAddress() instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
    }

    /** A listening socket's bind: Netty's server channels are named {@code ...ServerSocketChannel}/{@code ...ServerChannel}. */
    private static boolean listenerOnStack() {
        return StackWalker.getInstance().walk(frames -> frames.limit(STACK_FRAMES).anyMatch(frame -> {
            String name = frame.getClassName();
            return name.endsWith(SERVER_SOCKET_CHANNEL) || name.endsWith(SERVER_CHANNEL);
        }));
    }

    private boolean remembered(int fd) {
        return fd >= 0 && fd < REMEMBERED_DESCRIPTORS && (knownBound.get(fd >>> 6) & (1L << fd)) != 0;
    }

    private void remember(int fd) {
        if (fd >= 0 && fd < REMEMBERED_DESCRIPTORS) {
            knownBound.getAndAccumulate(fd >>> 6, 1L << fd, (word, bit) -> word | bit);
        }
    }

    private void forget(int fd) {
        if (fd >= 0 && fd < REMEMBERED_DESCRIPTORS) {
            knownBound.getAndAccumulate(fd >>> 6, ~(1L << fd), (word, mask) -> word & mask);
        }
    }

    private void internalError(PortalgoSettings settings, String where, Throwable internal) {
        statistics.record(Protocol.TCP, settings.algorithm(Protocol.TCP, AddressFamily.INET), Event.INTERNAL_ERRORS);
        statistics.record(Protocol.TCP, settings.algorithm(Protocol.TCP, AddressFamily.INET), Event.KERNEL_FALLBACKS);
        Log.once(LogLevel.ERROR, "internal:" + where + ":" + internal.getClass().getName(), "internal error in " + where
                + " (" + internal + "); the kernel chose this port and will for any socket that hits it again");
    }

    /** A connect under way: the descriptor and the view the substitution knows it by. */
    private static final class PendingConnect {
        final int fd;
        final FileDescriptor view;

        PendingConnect(int fd, FileDescriptor view) {
            this.fd = fd;
            this.view = view;
        }
    }
}
