package io.portalgo.agent.runtime;

import io.portalgo.agent.runtime.Statistics.Event;
import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.Flow;
import io.portalgo.algorithms.PortCursor;
import io.portalgo.algorithms.Protocol;
import io.portalgo.config.ExhaustionPolicy;
import io.portalgo.config.PortalgoSettings;
import java.io.FileDescriptor;
import java.io.IOException;
import java.net.InetAddress;

/**
 * {@code share} mode without its one visible failure. A port bound with {@code SO_REUSEADDR}
 * before connect keeps the kernel's connect-time autobind, and with it Linux's host-wide
 * perturbation table, out of the connect ({@code __inet_check_established} checks the 4-tuple and
 * nothing else): the JVM's connections move no other process's ports (measured in
 * docs/EVALUATION.md, "Isolation"). The price was a clash: when the chosen port already carries
 * a live or TIME-WAIT connection to the same destination, connect fails with EADDRNOTAVAIL and the
 * socket stays bound. Here that failure is caught at the exit of the connect, the socket is
 * replaced by a fresh one bound to the algorithm's next candidate ({@link SocketOps#renew}) and
 * the connect repeated, within {@code portalgo.max-attempts}; with none left,
 * {@code portalgo.on-exhaustion} decides (the kernel chooses for that one connect, or the
 * application gets the kernel's error). Measured at 5,000 connections per second to one server
 * with {@code random_pick}: 1,920 of 15,000 connects clashed, and none reached the application.
 */
final class ShareRetry {
    private final SocketOps ops;
    private final Statistics statistics;
    private final BindFailures failures;
    private final ThreadLocal<Pending> pending = new ThreadLocal<>();

    ShareRetry(SocketOps ops, Statistics statistics, BindFailures failures) {
        this.ops = ops;
        this.statistics = statistics;
        this.failures = failures;
    }

    /** True where a clash can be retried invisibly (the JDK has the natives {@link FreshSocket} needs). */
    boolean enabled() {
        return ops.canRenew();
    }

    /** A shared port was bound on {@code fd}; its connect follows on this thread. */
    void arm(FileDescriptor fd, InetAddress wildcard, Flow flow, Algorithm algorithm, PortCursor cursor, int attempts) {
        if (enabled()) {
            pending.set(new Pending(fd, wildcard, flow, algorithm, cursor, attempts));
        }
    }

    boolean owns(FileDescriptor fd) {
        Pending armed = pending.get();
        return armed != null && armed.fd == fd;
    }

    /** The exit of {@code fd}'s connect: true to repeat it on the fresh socket now under {@code fd}. */
    boolean afterConnect(FileDescriptor fd, Throwable thrown, PortalgoSettings settings) throws IOException {
        Pending armed = pending.get();
        if (thrown == null || !failures.addressNotAvailable(thrown)) {
            pending.remove();
            return false;
        }
        statistics.record(Protocol.TCP, armed.algorithm, Event.RETRIES);
        while (armed.attempts < settings.maxAttempts()) {
            int next = armed.cursor.next();
            if (next == PortCursor.NO_PORT) {
                break;
            }
            armed.attempts++;
            statistics.add(Protocol.TCP, armed.algorithm, Event.PROBES, 1);
            try {
                ops.renew(fd, armed.wildcard, next);
                armed.cursor.accept();
                Log.debug(() -> "clash at connect; retried on a fresh socket bound to port=" + next);
                Log.debug(() -> "chose port=" + next + " protocol=tcp family=" + armed.flow.family().id() + " algorithm="
                        + armed.algorithm.id() + " destination=" + destination(armed.flow) + " probes=" + armed.attempts
                        + " via=retry");
                return true;
            } catch (IOException refused) {
                if (!failures.portInUse(refused)) {
                    pending.remove();
                    return false;
                }
                statistics.record(Protocol.TCP, armed.algorithm, Event.RETRIES);
            }
        }
        pending.remove();
        statistics.record(Protocol.TCP, armed.algorithm, Event.EXHAUSTIONS);
        if (settings.onExhaustion() == ExhaustionPolicy.FAIL) {
            return false; // the kernel's own "Cannot assign requested address" reaches the application
        }
        ops.renew(fd, armed.wildcard, 0);
        statistics.record(Protocol.TCP, armed.algorithm, Event.KERNEL_FALLBACKS);
        return true;
    }

    private static String destination(Flow flow) {
        try {
            String address = InetAddress.getByAddress(flow.remoteAddress()).getHostAddress();
            return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + flow.remotePort();
        } catch (java.net.UnknownHostException impossible) {
            return "?";
        }
    }

    /** A shared connect in flight on one thread. */
    private static final class Pending {
        final FileDescriptor fd;
        final InetAddress wildcard;
        final Flow flow;
        final Algorithm algorithm;
        final PortCursor cursor;
        int attempts;

        Pending(FileDescriptor fd, InetAddress wildcard, Flow flow, Algorithm algorithm, PortCursor cursor, int attempts) {
            this.fd = fd;
            this.wildcard = wildcard;
            this.flow = flow;
            this.algorithm = algorithm;
            this.cursor = cursor;
            this.attempts = attempts;
        }
    }
}
