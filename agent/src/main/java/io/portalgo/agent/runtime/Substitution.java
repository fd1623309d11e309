package io.portalgo.agent.runtime;

import io.portalgo.agent.runtime.Statistics.Event;
import io.portalgo.algorithms.AddressFamily;
import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.FlowView;
import io.portalgo.algorithms.PortCursor;
import io.portalgo.algorithms.PortRange;
import io.portalgo.algorithms.Protocol;
import io.portalgo.config.LiveSettings;
import io.portalgo.config.LogLevel;
import io.portalgo.config.PortalgoSettings;
import io.portalgo.config.TcpMode;
import java.io.FileDescriptor;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;

/**
 * Where a port the application did not choose becomes one the configured algorithm chose
 * (docs/ARCHITECTURE.md, "The path of a connect"). Three moments, one {@link PortSearch} each:
 * <ul>
 *   <li>{@link #bind}: a bind to port 0 (explicit {@code bind(0)}/{@code bind(null)}, listeners,
 *       the JDK's implicit bind of a UDP channel). Candidates are bound for real, exclusively
 *       (UDP ports are never shared: datagram stealing), until one succeeds.</li>
 *   <li>{@link #beforeTcpConnect}: an unbound TCP socket about to connect, with its destination.
 *       {@code pin}: narrow {@code IP_LOCAL_PORT_RANGE} to the candidate and let connect
 *       autobind it with the kernel's own 4-tuple and TIME_WAIT rules; {@code share}: bind it
 *       with {@code SO_REUSEADDR}; {@code exclusive}: bind it plain.</li>
 *   <li>{@link #afterConnect}: in pin mode a taken 4-tuple fails with EADDRNOTAVAIL and leaves the
 *       socket unbound, so the next candidate is pinned and the connect repeated.</li>
 * </ul>
 * Each reads the {@link RuntimeSnapshot} once. System calls beyond the JDK's own: the pin's one
 * {@code setsockopt} in pin mode, the binds in the other modes; the protocol comes from the
 * caller and the pinned port is checked against the address the JDK reads back anyway
 * ({@link #localAddressRead}). With no port found, {@code portalgo.on-exhaustion} decides.
 * Anything unexpected falls back to the kernel for that socket, is counted and logged once:
 * portalgo never breaks the application.
 */
public final class Substitution {
    /** Deep enough for the JDK's frames above {@code Net.bind} or {@code NetHooks} plus the agent's own. */
    private static final int STACK_FRAMES = 24;
    private static final Set<String> LEGACY_TCP_CLASSES = Set.of(LegacySockets.LEGACY_TCP_CLASS);
    private static final InetAddress ANY4 = wildcard(new byte[4]);
    private static final InetAddress ANY6 = wildcard(new byte[16]);
    /** How a candidate is tested, for the debug line: made once, so a search builds no string. */
    private static final String BIND = "bind";
    private static final String LISTENER = "listener";
    private static final String[] MODE_IDS = modeIds();

    private final Statistics statistics;
    private final SocketOps ops;
    private final BindFailures failures;
    private final PinSupport pinSupport;
    private final ShareRetry shareRetry;
    private final FaultInjection faults;
    private final boolean legacyTcp = LegacySockets.tcpSelected();
    private volatile RuntimeSnapshot snapshot;

    public Substitution(LiveSettings live, Statistics statistics, SocketOps ops, BindFailures failures,
            Optional<PortRange> kernelRange) {
        this(live, statistics, ops, failures, kernelRange, FaultInjection.fromSystemProperty());
    }

    Substitution(LiveSettings live, Statistics statistics, SocketOps ops, BindFailures failures,
            Optional<PortRange> kernelRange, FaultInjection faults) {
        this.statistics = statistics;
        this.ops = ops;
        this.failures = failures;
        this.faults = faults;
        this.shareRetry = new ShareRetry(ops, statistics, failures);
        this.pinSupport = new PinSupport(kernelRange, shareRetry.enabled());
        this.snapshot = RuntimeSnapshot.first(live.current(), pinSupport);
        live.commitWith(this::prepare);
        if (faults.any()) {
            Log.warn("internal failures are injected (" + FaultInjection.PROPERTY + "); for tests only");
        }
    }

    /**
     * Builds and publishes the snapshot of {@code next} on the thread applying it, before the
     * change is in force anywhere else; a failure here (say, no memory for a counter table)
     * refuses the change whole.
     */
    private void prepare(PortalgoSettings next) {
        RuntimeSnapshot built = snapshot.next(next, pinSupport);
        Log.level(next.logLevel());
        snapshot = built;
    }

    /** Fresh keys for every keyed selector (JMX {@code rekey()}). */
    public void rekey() {
        snapshot.selectors().rekey();
    }

    /** The TCP mode as the start-up line shows it: {@code auto(pin)}. */
    public String describeTcpMode() {
        RuntimeSnapshot now = snapshot;
        TcpMode configured = now.settings().tcpMode();
        return configured.id() + (configured == TcpMode.AUTO ? "(" + (now.tcpMode() == TcpMode.SHARE && shareRetry.enabled()
                ? "share+retry:isolates" : now.tcpMode().id()) + ")" : "");
    }

    /** The errno texts this substitution was made with (the native transports read the same). */
    public BindFailures failures() {
        return failures;
    }

    /** Bytes held by the selectors in force, {@code doublehash}'s counter tables above all. */
    public long selectorStateBytes() {
        return snapshot.selectors().stateBytes();
    }

    /**
     * A bind to port 0 of {@code fd} at {@code address}.
     *
     * @return true if a chosen port is now bound; false to let the JDK bind port 0 (kernel's choice)
     * @throws IOException only the "Cannot assign requested address" of {@code on-exhaustion=fail}
     */
    public boolean bind(ProtocolFamily family, FileDescriptor fd, InetAddress address) throws IOException {
        RuntimeSnapshot now = snapshot;
        PortalgoSettings settings = now.settings();
        if (!settings.enabled()) {
            return false;
        }
        CallContext context = CallContext.current();
        Protocol protocol = context.udpBinding ? Protocol.UDP : Protocol.TCP;
        Algorithm algorithm = null;
        PortSearch search;
        Outcome outcome;
        try {
            faults.atBind(protocol == Protocol.UDP);
            boolean listener = protocol == Protocol.TCP && context.listenerBinding;
            if (listener && !settings.listeners()) {
                return false;
            }
            InetSocketAddress destination = protocol == Protocol.UDP ? context.udpDestination : null;
            FlowView flow = destination != null && (address == null || address.isAnyLocalAddress())
                    ? context.flowTo(protocol, destination.getAddress(), destination.getPort())
                    : context.flowFrom(protocol, familyOf(address, family), address, destination);
            algorithm = settings.algorithmFor(protocol, flow.family(),
                    destination == null ? null : destination.getAddress(), flow.remotePort());
            search = context.search.start(now, statistics, protocol, algorithm, flow, listener ? LISTENER : BIND);
            outcome = bindCandidates(search, search.next(), family, fd, address, false);
        } catch (IOException | RuntimeException | LinkageError internal) {
            internalError(settings, protocol, algorithm, "bind", internal);
            return false;
        }
        if (outcome == Outcome.FAIL) {
            throw failures.exhausted(search.exhaustionDetail());
        }
        return outcome == Outcome.BOUND;
    }

    /** An unbound TCP socket is about to connect to {@code remote:remotePort}. */
    public void beforeTcpConnect(FileDescriptor fd, InetAddress remote, int remotePort) throws IOException {
        beforeTcpConnect(fd, remote, remotePort, true);
    }

    /**
     * As {@link #beforeTcpConnect}, for a connect whose failure nothing can retry (io_uring queues
     * it; a TCP Fast Open connect happens inside a send): {@code pin} binds exclusively instead,
     * so no taken 4-tuple can reach the application.
     */
    public void beforeUnrepeatableTcpConnect(FileDescriptor fd, InetAddress remote, int remotePort) throws IOException {
        beforeTcpConnect(fd, remote, remotePort, false);
    }

    private void beforeTcpConnect(FileDescriptor fd, InetAddress remote, int remotePort, boolean repeatable)
            throws IOException {
        RuntimeSnapshot now = snapshot;
        PortalgoSettings settings = now.settings();
        if (!settings.enabled() || remote == null) {
            return;
        }
        CallContext context = CallContext.current();
        context.pinned = null;
        Algorithm algorithm = null;
        PortSearch search;
        Outcome outcome;
        try {
            faults.atConnect();
            FlowView flow = context.flowTo(Protocol.TCP, remote, remotePort);
            algorithm = settings.algorithmFor(Protocol.TCP, flow.family(), remote, remotePort);
            TcpMode mode = now.tcpMode();
            boolean retriedAtConnect = mode == TcpMode.PIN || mode == TcpMode.SHARE && shareRetry.enabled();
            if (retriedAtConnect && (!repeatable || legacyTcp && isOnStack(LEGACY_TCP_CLASSES))) {
                // Its connect cannot be repeated (legacy sockets bypass Net.connect, an io_uring connect
                // is queued): a port bound exclusively cannot clash with a 4-tuple, so nothing reaches
                // the application.
                mode = TcpMode.EXCLUSIVE;
            }
            search = context.search.start(now, statistics, Protocol.TCP, algorithm, flow, via(mode));
            int first = search.next();
            if (mode == TcpMode.PIN && first != PortCursor.NO_PORT) {
                try {
                    ops.pinLocalPort(fd, first);
                    context.pinned = fd;
                    return;
                } catch (IOException refused) {
                    kernelRefusedPin(refused);
                    mode = TcpMode.SHARE;
                    search.testedVia(via(mode));
                }
            }
            outcome = bindBeforeConnect(search, first, mode, fd, remote);
            if (outcome == Outcome.BOUND && mode == TcpMode.SHARE) {
                shareRetry.arm(fd, now, flow, algorithm);
            }
        } catch (IOException | RuntimeException | LinkageError internal) {
            context.pinned = null;
            internalError(settings, Protocol.TCP, algorithm, "connect", internal);
            return;
        }
        if (outcome == Outcome.FAIL) {
            throw failures.exhausted(search.exhaustionDetail());
        }
    }

    /**
     * Binds the candidates before a connect, from {@code first} on. An IPv6 (dual-stack) socket is
     * bound to {@code ::}, an IPv4 one to {@code 0.0.0.0}; which one this socket is, the JDK does
     * not say here, so the default of the JVM is tried first and the other family once if the
     * kernel answers that the family does not fit (a channel opened for
     * {@code StandardProtocolFamily.INET} on an IPv6 host). In {@code share} mode
     * {@code SO_REUSEADDR} is set only if the socket does not have it, and cleared again if no
     * chosen port was bound, so a socket left to the kernel keeps its own options.
     */
    private Outcome bindBeforeConnect(PortSearch search, int first, TcpMode mode, FileDescriptor fd, InetAddress remote)
            throws IOException {
        if (first == PortCursor.NO_PORT) {
            return search.exhausted() ? Outcome.FAIL : Outcome.KERNEL;
        }
        boolean reuseSetHere = false;
        if (mode == TcpMode.SHARE && !ops.reuseAddress(fd)) {
            ops.reuseAddress(fd, true);
            reuseSetHere = true;
        }
        boolean ipv6 = remote instanceof Inet6Address || ops.ipv6Sockets();
        Outcome outcome;
        try {
            outcome = bindCandidates(search, first, ipv6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET, fd,
                    ipv6 ? ANY6 : ANY4, ipv6 && remote instanceof Inet4Address);
        } catch (FamilyMismatch ipv4Socket) {
            outcome = bindCandidates(search, ipv4Socket.port, StandardProtocolFamily.INET, fd, ANY4, false);
        }
        if (reuseSetHere && outcome != Outcome.BOUND) {
            ops.reuseAddress(fd, false);
        }
        return outcome;
    }

    /**
     * RFC 6056's loop with real binds as {@code check_suitable_port}: from {@code first} on, bind
     * each candidate until one is free. A busy port (EADDRINUSE) means the next candidate; any
     * other failure (an address that is not local, a closed socket) stops at once, so the JDK's
     * own bind of port 0 gives the application the error it would have had without portalgo.
     */
    private Outcome bindCandidates(PortSearch search, int first, ProtocolFamily family, FileDescriptor fd,
            InetAddress address, boolean mayBeIpv4Socket) throws IOException {
        for (int port = first; port != PortCursor.NO_PORT; port = search.next()) {
            try {
                ops.bind(family, fd, address, port);
                search.taken();
                return Outcome.BOUND;
            } catch (IOException refused) {
                if (failures.portInUse(refused)) {
                    search.busy();
                    continue;
                }
                if (mayBeIpv4Socket && failures.familyMismatch(refused)) {
                    throw new FamilyMismatch(port);
                }
                search.fellBack();
                return Outcome.KERNEL;
            }
        }
        return search.exhausted() ? Outcome.FAIL : Outcome.KERNEL;
    }

    /**
     * The exit of a connect.
     *
     * @return true to repeat the connect: the next candidate is pinned, or the pin was lifted so
     *         the kernel chooses
     */
    public boolean afterConnect(FileDescriptor fd, Throwable thrown) {
        if (shareRetry.owns(fd)) {
            try {
                return shareRetry.afterConnect(fd, thrown);
            } catch (IOException | RuntimeException | LinkageError internal) {
                shareRetry.disarm();
                internalError(snapshot.settings(), Protocol.TCP, null, "connect", internal);
                return false;
            }
        }
        CallContext context = CallContext.current();
        if (context.pinned != fd || fd == null) {
            return false;
        }
        PortSearch search = context.search;
        try {
            if (thrown == null) {
                context.pinned = null;
                context.verify = fd;
                context.verifyPort = search.port();
                search.taken();
                return false;
            }
            if (!failures.addressNotAvailable(thrown)) {
                context.pinned = null; // refused, unreachable, ...: the application's own error
                search.abandoned();
                return false;
            }
            search.busy();
            int next = search.next();
            if (next != PortCursor.NO_PORT) {
                ops.pinLocalPort(fd, next);
                return true;
            }
            context.pinned = null;
            if (search.exhausted()) {
                return false; // on-exhaustion=fail: the kernel's own "Cannot assign requested address" reaches the application
            }
            ops.pinLocalPort(fd, 0);
            return true;
        } catch (IOException | RuntimeException | LinkageError internal) {
            context.pinned = null;
            internalError(snapshot.settings(), Protocol.TCP, search.algorithm(), "connect", internal);
            return false;
        }
    }

    /**
     * The JDK read {@code fd}'s local address, as it does after every connect. If it is the socket
     * of a pinned connect that just succeeded, the port must be the pinned one; a kernel that
     * ignored the pin (its own range changed under the JVM) chose another, which is counted as a
     * kernel fallback instead of an allocation.
     */
    public void localAddressRead(FileDescriptor fd, InetSocketAddress local) {
        CallContext context = CallContext.current();
        if (context.verify != fd || fd == null) {
            return;
        }
        context.verify = null;
        int pinned = context.verifyPort;
        if (local != null && local.getPort() != pinned) {
            Algorithm algorithm = context.search.algorithm();
            statistics.add(Protocol.TCP, algorithm, Event.ALLOCATIONS, -1);
            statistics.record(Protocol.TCP, algorithm, Event.KERNEL_FALLBACKS);
            Log.once(LogLevel.WARN, "pin-ignored", "the kernel connected from port " + local.getPort()
                    + " instead of the pinned " + pinned + "; counted as a kernel fallback");
        }
    }

    /** Inside {@code DatagramChannelImpl.bindInternal}: the bind under way is UDP ({@code true}), or it is over. */
    public void udpBinding(boolean inside) {
        CallContext.current().udpBinding = inside;
    }

    /** Inside a listening socket's bind ({@code true}), or out of it. */
    public void listenerBinding(boolean inside) {
        CallContext.current().listenerBinding = inside;
    }

    /**
     * Where the datagrams of the send or connect under way go ({@link InetSocketAddress} or
     * {@link DatagramPacket}), or null when it is over. An implicit bind inside sees it.
     */
    public void udpDestination(Object target) {
        CallContext context = CallContext.current();
        if (target == null) {
            context.udpDestination = null;
            return;
        }
        try {
            Object address = target instanceof DatagramPacket ? ((DatagramPacket) target).getSocketAddress() : target;
            if (address instanceof InetSocketAddress && ((InetSocketAddress) address).getAddress() != null) {
                context.udpDestination = (InetSocketAddress) address;
            }
        } catch (IllegalArgumentException noAddress) {
            // a packet for a connected socket carries none
        }
    }

    private void kernelRefusedPin(IOException refused) {
        pinSupport.kernelRefused();
        RuntimeSnapshot now = snapshot;
        snapshot = now.remode(pinSupport);
        Log.once(LogLevel.WARN, "pin-refused", "the kernel refused IP_LOCAL_PORT_RANGE (" + refused.getMessage()
                + "); TCP connects use share mode from now on");
    }

    /** Counts under the socket's protocol and algorithm, or the configured ones where the failure came first. */
    private void internalError(PortalgoSettings settings, Protocol protocol, Algorithm algorithm, String where,
            Throwable internal) {
        Protocol countedProtocol = protocol == null ? Protocol.TCP : protocol;
        Algorithm countedAlgorithm = algorithm == null ? settings.algorithm(countedProtocol, AddressFamily.INET) : algorithm;
        statistics.record(countedProtocol, countedAlgorithm, Event.INTERNAL_ERRORS);
        statistics.record(countedProtocol, countedAlgorithm, Event.KERNEL_FALLBACKS);
        Log.once(LogLevel.ERROR, "internal:" + where + ":" + internal.getClass().getName(), "internal error in " + where
                + " (" + internal + "); the kernel chose this port and will for any socket that hits it again");
    }

    private static AddressFamily familyOf(InetAddress address, ProtocolFamily family) {
        if (address != null) {
            return address instanceof Inet4Address ? AddressFamily.INET : AddressFamily.INET6;
        }
        return family == StandardProtocolFamily.INET ? AddressFamily.INET : AddressFamily.INET6;
    }

    /** {@code mode.id()} without the new string it makes each time. */
    private static String via(TcpMode mode) {
        return MODE_IDS[mode.ordinal()];
    }

    private static String[] modeIds() {
        TcpMode[] modes = TcpMode.values();
        String[] ids = new String[modes.length];
        for (TcpMode mode : modes) {
            ids[mode.ordinal()] = mode.id();
        }
        return ids;
    }

    /** True if a frame near the top of this thread's stack belongs to one of {@code classNames}. */
    private static boolean isOnStack(Set<String> classNames) {
        return StackWalker.getInstance().walk(frames -> frames.limit(STACK_FRAMES)
                .anyMatch(frame -> classNames.contains(frame.getClassName())));
    }

    private static InetAddress wildcard(byte[] zeros) {
        try {
            return InetAddress.getByAddress(zeros);
        } catch (UnknownHostException impossible) {
            throw new AssertionError(impossible);
        }
    }

    /** How a search through real binds ended. */
    private enum Outcome {
        /** A chosen port is bound. */
        BOUND,
        /** The kernel chooses (a foreign failure, or exhaustion with {@code on-exhaustion=kernel}). */
        KERNEL,
        /** Exhaustion with {@code on-exhaustion=fail}: the application gets the kernel's error. */
        FAIL
    }

    /** The dual-stack guess was wrong: the socket is IPv4; {@code port} is the candidate to bind again. */
    private static final class FamilyMismatch extends IOException {
        private static final long serialVersionUID = 1L;
        final int port;

        FamilyMismatch(int port) {
            super(null, null);
            this.port = port;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
