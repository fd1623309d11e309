package io.portalgo.agent.runtime;

import io.portalgo.agent.runtime.Statistics.Event;
import io.portalgo.algorithms.AddressFamily;
import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.Flow;
import io.portalgo.algorithms.PortCursor;
import io.portalgo.algorithms.PortRange;
import io.portalgo.algorithms.Protocol;
import io.portalgo.config.ExhaustionPolicy;
import io.portalgo.config.LiveSettings;
import io.portalgo.config.LogLevel;
import io.portalgo.config.PortalgoSettings;
import io.portalgo.config.TcpMode;
import java.io.FileDescriptor;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.util.Optional;
import java.util.Set;

/**
 * Where a port the application did not choose becomes one the configured algorithm chose
 * (shared/DESIGN.md §3). Three moments:
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
 * Every real attempt counts against {@code portalgo.max-attempts}. With no port found,
 * {@code portalgo.on-exhaustion} decides: the kernel chooses, or the application gets the
 * kernel's "Cannot assign requested address". Anything unexpected falls back to the kernel for
 * that socket, is counted and logged once: portalgo never breaks the application.
 */
public final class Substitution {
    /** Frames of a listening socket's bind, for {@code portalgo.listeners=false}. */
    private static final Set<String> LISTENER_CLASSES = Set.of("java.net.ServerSocket",
            "sun.nio.ch.ServerSocketChannelImpl", "sun.nio.ch.AsynchronousServerSocketChannelImpl",
            "sun.nio.ch.UnixAsynchronousServerSocketChannelImpl");
    /** Deep enough for the JDK's frames above {@code Net.bind} or {@code NetHooks} plus the agent's own. */
    private static final int STACK_FRAMES = 24;
    private static final Set<String> LEGACY_TCP_CLASSES = Set.of(LegacySockets.LEGACY_TCP_CLASS);

    private final LiveSettings live;
    private final Statistics statistics;
    private final SocketOps ops;
    private final BindFailures failures;
    private final PinSupport pinSupport;
    private final ShareRetry shareRetry;
    private final ThreadLocal<PendingPin> pendingPin = new ThreadLocal<>();
    private final ThreadLocal<InetSocketAddress> udpDestination = new ThreadLocal<>();
    private final boolean legacyTcp = LegacySockets.tcpSelected();
    private volatile SelectorTable selectors;

    public Substitution(LiveSettings live, Statistics statistics, SocketOps ops, BindFailures failures,
            Optional<PortRange> kernelRange) {
        this.live = live;
        this.statistics = statistics;
        this.ops = ops;
        this.failures = failures;
        this.shareRetry = new ShareRetry(ops, statistics, failures);
        this.pinSupport = new PinSupport(kernelRange, shareRetry.enabled());
        this.selectors = SelectorTable.of(live.current());
        live.onChange(this::settingsChanged);
    }

    private void settingsChanged(PortalgoSettings next) {
        Log.level(next.logLevel());
        if (!selectors.servesAlike(next)) {
            selectors = SelectorTable.of(next);
        }
    }

    /** Fresh keys for every keyed selector (JMX {@code rekey()}). */
    public void rekey() {
        selectors.rekey();
    }

    /** The TCP mode as the start-up line shows it: {@code auto(pin)}. */
    public String describeTcpMode() {
        return pinSupport.describe(live.current());
    }

    /**
     * A bind to port 0 of {@code fd} at {@code address}.
     *
     * @return true if a chosen port is now bound; false to let the JDK bind port 0 (kernel's choice)
     * @throws IOException only the "Cannot assign requested address" of {@code on-exhaustion=fail}
     */
    public boolean bind(ProtocolFamily family, FileDescriptor fd, InetAddress address) throws IOException {
        PortalgoSettings settings = live.current();
        if (!settings.enabled()) {
            return false;
        }
        Protocol protocol = null;
        Algorithm algorithm = null;
        try {
            protocol = ops.protocol(fd);
            if (protocol == null) {
                return false;
            }
            boolean listener = protocol == Protocol.TCP && (!settings.listeners() || Log.debugEnabled()) && isListenerBind();
            if (listener && !settings.listeners()) {
                return false;
            }
            InetSocketAddress destination = protocol == Protocol.UDP ? udpDestination.get() : null;
            Flow flow = destination == null
                    ? Flow.of(protocol, familyOf(address, family), address == null ? null : address.getAddress(), null, 0)
                    : Flow.of(protocol, address != null && sameFamily(address, destination.getAddress()) ? address : null,
                            destination.getAddress(), destination.getPort());
            algorithm = settings.algorithmFor(protocol, flow.family(),
                    destination == null ? null : destination.getAddress(), flow.remotePort());
            PortCursor cursor = selectors.selector(protocol, flow.family(), algorithm).open(flow);
            int attempts = 0;
            while (attempts < settings.maxAttempts()) {
                int port = cursor.next();
                if (port == PortCursor.NO_PORT) {
                    break;
                }
                attempts++;
                try {
                    ops.bind(family, fd, address, port);
                } catch (IOException refused) {
                    if (failures.portInUse(refused)) {
                        statistics.record(protocol, algorithm, Event.RETRIES);
                        continue;
                    }
                    // Not about the port (an address that is not local, a closed socket): the JDK's
                    // own bind of port 0 gives the application the error it would have had.
                    statistics.add(protocol, algorithm, Event.PROBES, attempts);
                    statistics.record(protocol, algorithm, Event.KERNEL_FALLBACKS);
                    return false;
                }
                cursor.accept();
                allocated(protocol, algorithm, flow, port, attempts, listener ? "listener" : "bind");
                return true;
            }
            return exhausted(settings, protocol, algorithm, attempts, "bind");
        } catch (PortalgoExhausted exhausted) {
            throw exhausted.failure;
        } catch (IOException | RuntimeException | LinkageError internal) {
            internalError(settings, protocol, algorithm, "bind", internal);
            return false;
        }
    }

    /** An unbound TCP socket is about to connect to {@code remote:remotePort}. */
    public void beforeTcpConnect(FileDescriptor fd, InetAddress remote, int remotePort) throws IOException {
        PortalgoSettings settings = live.current();
        if (!settings.enabled() || remote == null) {
            return;
        }
        Algorithm algorithm = null;
        try {
            Flow flow = Flow.of(Protocol.TCP, null, remote, remotePort);
            algorithm = settings.algorithmFor(Protocol.TCP, flow.family(), remote, remotePort);
            PortCursor cursor = selectors.selector(Protocol.TCP, flow.family(), algorithm).open(flow);
            TcpMode mode = pinSupport.effectiveMode(settings);
            if ((mode == TcpMode.PIN || mode == TcpMode.SHARE && shareRetry.enabled()) && legacyTcp && isOnStack(LEGACY_TCP_CLASSES)) {
                // Its connect bypasses Net.connect, where a pinned connect is retried; a port bound
                // exclusively cannot clash with a 4-tuple, so nothing reaches the application.
                mode = TcpMode.EXCLUSIVE;
            }
            int first = cursor.next();
            if (mode == TcpMode.PIN && first != PortCursor.NO_PORT) {
                try {
                    ops.pinLocalPort(fd, first);
                    pendingPin.set(new PendingPin(fd, flow, algorithm, cursor, first));
                    return;
                } catch (IOException refused) {
                    pinSupport.kernelRefused();
                    Log.once(LogLevel.WARN, "pin-refused", "the kernel refused IP_LOCAL_PORT_RANGE (" + refused.getMessage()
                            + "); TCP connects use share mode from now on");
                    mode = TcpMode.SHARE;
                }
            }
            InetAddress wildcard = ops.localAddress(fd).getAddress(); // 0.0.0.0 or ::, the socket's family
            bindBeforeConnect(settings, mode, fd, wildcard, flow, algorithm, cursor, first);
        } catch (PortalgoExhausted exhausted) {
            throw exhausted.failure;
        } catch (IOException | RuntimeException | LinkageError internal) {
            pendingPin.remove();
            internalError(settings, Protocol.TCP, algorithm, "connect", internal);
        }
    }

    private void bindBeforeConnect(PortalgoSettings settings, TcpMode mode, FileDescriptor fd, InetAddress wildcard,
            Flow flow, Algorithm algorithm, PortCursor cursor, int first)
            throws IOException, PortalgoExhausted {
        if (mode == TcpMode.SHARE) {
            ops.reuseAddress(fd);
        }
        ProtocolFamily family = wildcard instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
        int attempts = 0;
        int port = first;
        while (port != PortCursor.NO_PORT && attempts < settings.maxAttempts()) {
            attempts++;
            try {
                ops.bind(family, fd, wildcard, port);
                cursor.accept();
                allocated(Protocol.TCP, algorithm, flow, port, attempts, mode.id());
                if (mode == TcpMode.SHARE) {
                    shareRetry.arm(fd, wildcard, flow, algorithm, cursor, attempts);
                }
                return;
            } catch (IOException refused) {
                if (!failures.portInUse(refused)) {
                    statistics.add(Protocol.TCP, algorithm, Event.PROBES, attempts);
                    statistics.record(Protocol.TCP, algorithm, Event.KERNEL_FALLBACKS);
                    return;
                }
                statistics.record(Protocol.TCP, algorithm, Event.RETRIES);
            }
            port = cursor.next();
        }
        exhausted(settings, Protocol.TCP, algorithm, attempts, mode.id());
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
                return shareRetry.afterConnect(fd, thrown, live.current());
            } catch (IOException | RuntimeException | LinkageError internal) {
                internalError(live.current(), Protocol.TCP, null, "connect", internal);
                return false;
            }
        }
        PendingPin pin = pendingPin.get();
        if (pin == null || pin.fd != fd) {
            return false;
        }
        try {
            PortalgoSettings settings = live.current();
            if (thrown == null) {
                pendingPin.remove();
                pin.cursor.accept();
                int bound = ops.localAddress(fd).getPort();
                if (bound != pin.port) {
                    statistics.add(Protocol.TCP, pin.algorithm, Event.PROBES, pin.attempts);
                    statistics.record(Protocol.TCP, pin.algorithm, Event.KERNEL_FALLBACKS);
                    Log.once(LogLevel.WARN, "pin-ignored", "the kernel connected from port " + bound + " instead of the pinned "
                            + pin.port + "; counted as a kernel fallback");
                    return false;
                }
                allocated(Protocol.TCP, pin.algorithm, pin.flow, pin.port, pin.attempts, "pin");
                return false;
            }
            if (!failures.addressNotAvailable(thrown)) {
                pendingPin.remove(); // refused, unreachable, ...: the application's own error
                return false;
            }
            statistics.record(Protocol.TCP, pin.algorithm, Event.RETRIES);
            int next = pin.attempts < settings.maxAttempts() ? pin.cursor.next() : PortCursor.NO_PORT;
            if (next != PortCursor.NO_PORT) {
                ops.pinLocalPort(fd, next);
                pin.port = next;
                pin.attempts++;
                return true;
            }
            pendingPin.remove();
            statistics.add(Protocol.TCP, pin.algorithm, Event.PROBES, pin.attempts);
            statistics.record(Protocol.TCP, pin.algorithm, Event.EXHAUSTIONS);
            if (settings.onExhaustion() == ExhaustionPolicy.FAIL) {
                return false; // the kernel's own "Cannot assign requested address" reaches the application
            }
            ops.pinLocalPort(fd, 0);
            statistics.record(Protocol.TCP, pin.algorithm, Event.KERNEL_FALLBACKS);
            return true;
        } catch (IOException | RuntimeException | LinkageError internal) {
            pendingPin.remove();
            internalError(live.current(), Protocol.TCP, pin.algorithm, "connect", internal);
            return false;
        }
    }

    /**
     * Where the datagrams of the send or connect under way go ({@link InetSocketAddress} or
     * {@link DatagramPacket}), or null when it is over. An implicit bind inside sees it.
     */
    public void udpDestination(Object target) {
        if (target == null) {
            udpDestination.remove();
            return;
        }
        try {
            Object address = target instanceof DatagramPacket ? ((DatagramPacket) target).getSocketAddress() : target;
            if (address instanceof InetSocketAddress && ((InetSocketAddress) address).getAddress() != null) {
                udpDestination.set((InetSocketAddress) address);
            }
        } catch (IllegalArgumentException noAddress) {
            // a packet for a connected socket carries none
        }
    }

    private boolean exhausted(PortalgoSettings settings, Protocol protocol, Algorithm algorithm, int attempts, String via)
            throws PortalgoExhausted {
        statistics.add(protocol, algorithm, Event.PROBES, attempts);
        statistics.record(protocol, algorithm, Event.EXHAUSTIONS);
        if (settings.onExhaustion() == ExhaustionPolicy.FAIL) {
            throw new PortalgoExhausted(failures.exhausted("no free port in " + settings.selectorSettings().range()
                    + " after " + attempts + " attempts, " + protocol.id() + " " + algorithm.id() + " " + via));
        }
        statistics.record(protocol, algorithm, Event.KERNEL_FALLBACKS);
        Log.once(LogLevel.INFO, "exhausted:" + protocol + algorithm, protocol.id() + " " + algorithm.id()
                + " found no free port within " + attempts + " attempts; the kernel chose (portalgo.on-exhaustion=kernel)");
        return false;
    }

    private void allocated(Protocol protocol, Algorithm algorithm, Flow flow, int port, int attempts, String via) {
        statistics.record(protocol, algorithm, Event.ALLOCATIONS);
        statistics.add(protocol, algorithm, Event.PROBES, attempts);
        Log.debug(() -> "chose port=" + port + " protocol=" + protocol.id() + " family=" + flow.family().id()
                + " algorithm=" + algorithm.id() + " destination=" + destination(flow) + " probes=" + attempts
                + " via=" + via);
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

    private static String destination(Flow flow) {
        if (!flow.hasDestination()) {
            return "none";
        }
        try {
            InetAddress address = InetAddress.getByAddress(flow.remoteAddress());
            String text = address.getHostAddress();
            return (flow.family() == AddressFamily.INET6 ? "[" + text + "]" : text) + ":" + flow.remotePort();
        } catch (java.net.UnknownHostException impossible) {
            return "?";
        }
    }

    private static AddressFamily familyOf(InetAddress address, ProtocolFamily family) {
        if (address != null) {
            return address instanceof Inet4Address ? AddressFamily.INET : AddressFamily.INET6;
        }
        return family == StandardProtocolFamily.INET ? AddressFamily.INET : AddressFamily.INET6;
    }

    private static boolean sameFamily(InetAddress a, InetAddress b) {
        return (a instanceof Inet4Address) == (b instanceof Inet4Address);
    }

    private static boolean isListenerBind() {
        return isOnStack(LISTENER_CLASSES);
    }

    /** True if a frame near the top of this thread's stack belongs to one of {@code classNames}. */
    private static boolean isOnStack(Set<String> classNames) {
        return StackWalker.getInstance().walk(frames -> frames.limit(STACK_FRAMES)
                .anyMatch(frame -> classNames.contains(frame.getClassName())));
    }

    /** Carries the application's exhaustion error past the catch-all of internal errors. */
    private static final class PortalgoExhausted extends Exception {
        private static final long serialVersionUID = 1L;
        final transient IOException failure;

        PortalgoExhausted(IOException failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }
}
