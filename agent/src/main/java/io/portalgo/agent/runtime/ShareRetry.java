package io.portalgo.agent.runtime;

import io.portalgo.agent.runtime.Statistics.Event;
import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.FlowView;
import io.portalgo.algorithms.MutableFlow;
import io.portalgo.algorithms.PortCursor;
import io.portalgo.algorithms.Protocol;
import java.io.FileDescriptor;
import java.io.IOException;

/**
 * {@code share} mode without its one visible failure. A port bound with {@code SO_REUSEADDR}
 * before connect keeps the kernel's connect-time autobind, and with it Linux's host-wide
 * perturbation table, out of the connect ({@code __inet_check_established} checks the 4-tuple and
 * nothing else): the JVM's connections move no other process's ports (docs/EVALUATION.md,
 * "Isolation": an observer's port moves 2-16 while the JVM connects 200 times, as with no
 * connections at all; about 900 under {@code pin}, about 1,850 under the kernel alone). The price
 * was a clash: when the chosen port already carries a live or TIME-WAIT connection to the same
 * destination, connect fails with EADDRNOTAVAIL and the socket stays bound. Here that failure is
 * caught at the exit of the connect, the socket is replaced by a fresh one bound to the
 * algorithm's next candidate for the flow ({@link SocketOps#renew}) and the connect repeated, a
 * {@link PortSearch} of its own counting the attempts ({@code portalgo.max-attempts}); with none
 * left, {@code portalgo.on-exhaustion} decides (an unbound fresh socket, so the kernel chooses for
 * that one connect, or the application gets the kernel's error). Without the retry, {@code share}
 * with {@code random_pick} failed 1,920 of 15,000 connects at 5,000 per second to one server.
 *
 * <p>State per thread: a connect's exit follows its start on the same thread on every JDK path.
 */
final class ShareRetry {
    private final SocketOps ops;
    private final Statistics statistics;
    private final BindFailures failures;
    /** This thread's shared connect; made once per thread and reused, so arming allocates nothing. */
    private final ThreadLocal<Armed> armed = ThreadLocal.withInitial(Armed::new);

    ShareRetry(SocketOps ops, Statistics statistics, BindFailures failures) {
        this.ops = ops;
        this.statistics = statistics;
        this.failures = failures;
    }

    /** True where a clash can be retried invisibly (the JDK has the natives {@link FreshSocket} needs). */
    boolean enabled() {
        return ops.canRenew();
    }

    /** A shared port was bound on {@code fd} (and counted as taken); its connect follows on this thread. */
    void arm(FileDescriptor fd, RuntimeSnapshot snapshot, FlowView flow, Algorithm algorithm) {
        if (enabled()) {
            armed.get().arm(fd, snapshot, flow, algorithm);
        }
    }

    boolean owns(FileDescriptor fd) {
        return fd != null && armed.get().fd == fd;
    }

    void disarm() {
        armed.get().disarm();
    }

    /** The exit of {@code fd}'s connect: true to repeat it on the fresh socket now under {@code fd}. */
    boolean afterConnect(FileDescriptor fd, Throwable thrown) throws IOException {
        Armed now = armed.get();
        PortSearch search = now.search;
        if (thrown == null || !failures.addressNotAvailable(thrown)) {
            now.disarm();
            if (search != null) {
                if (thrown == null) {
                    search.taken(); // the retried port: counted and logged (via=retry) now it is connected
                } else {
                    search.abandoned(); // refused, unreachable, ...: the application's own error
                }
            }
            return false;
        }
        if (search == null) {
            // The port counted as taken at its bind clashed: it is a busy candidate after all.
            statistics.add(Protocol.TCP, now.algorithm, Event.ALLOCATIONS, -1);
            search = CallContext.current().search.start(now.snapshot, statistics, Protocol.TCP, now.algorithm, now.flow,
                    "retry");
            now.search = search;
        }
        search.busy();
        for (int port = search.next(); port != PortCursor.NO_PORT; port = search.next()) {
            try {
                ops.renew(fd, port);
                return true;
            } catch (IOException refused) {
                if (!failures.portInUse(refused)) {
                    now.disarm();
                    search.fellBack();
                    ops.renew(fd, 0);
                    return true;
                }
                search.busy();
            }
        }
        now.disarm();
        if (search.exhausted()) {
            return false; // on-exhaustion=fail: the kernel's own "Cannot assign requested address" reaches the application
        }
        ops.renew(fd, 0);
        return true;
    }

    /**
     * A shared connect in flight on one thread ({@code fd} null when none is), and its retry search
     * once a clash started one. The flow is a copy: the thread's own is refilled by its next search.
     */
    private static final class Armed {
        FileDescriptor fd;
        RuntimeSnapshot snapshot;
        final MutableFlow flow = new MutableFlow();
        Algorithm algorithm;
        PortSearch search;

        void arm(FileDescriptor socket, RuntimeSnapshot in, FlowView to, Algorithm with) {
            this.fd = socket;
            this.snapshot = in;
            this.flow.set(to);
            this.algorithm = with;
            this.search = null;
        }

        void disarm() {
            fd = null;
            snapshot = null;
            search = null;
        }
    }
}
