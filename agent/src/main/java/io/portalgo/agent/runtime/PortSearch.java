package io.portalgo.agent.runtime;

import io.portalgo.agent.runtime.Statistics.Event;
import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.FlowView;
import io.portalgo.algorithms.PortCursor;
import io.portalgo.algorithms.Protocol;
import io.portalgo.config.ExhaustionPolicy;
import io.portalgo.config.LogLevel;
import io.portalgo.config.PortalgoSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * One socket's search for a port, whatever tests the candidates: a real bind, a bind before
 * connect, or a pinned connect whose outcome arrives later (RFC 6056 §3.3's loop, with the
 * kernel as {@code check_suitable_port}). It hands out the algorithm's candidates while
 * {@code portalgo.max-attempts} real attempts remain, and it alone counts: every outcome ends in
 * exactly one of {@link #taken}, {@link #fellBack} or {@link #exhausted}, so allocations,
 * probes, retries, exhaustions and fallbacks always add up.
 *
 * <p>One instance per thread is reused ({@link CallContext}), and so is its cursor: each search
 * restarts the previous search's cursor for its own selector
 * ({@link io.portalgo.algorithms.PortSelector#open(FlowView, PortCursor)}), so a search allocates
 * nothing of its own. Not thread-safe: the cursor never leaves this thread's instance.
 */
final class PortSearch {
    private Statistics statistics;
    private PortalgoSettings settings;
    private Protocol protocol;
    private Algorithm algorithm;
    /** The thread's flow while the search lasts (for the debug line). */
    private FlowView flow;
    /** The cursor of the search under way, or the last one's, kept to be restarted by the next. */
    private PortCursor cursor;
    private String via;
    private int attempts;
    private int port;
    private String detail;

    /** Starts a search for {@code flow}; {@code via} names the way a port is tested, for the debug line. */
    PortSearch start(RuntimeSnapshot snapshot, Statistics counters, Protocol forProtocol, Algorithm withAlgorithm,
            FlowView forFlow, String testedVia) {
        this.statistics = counters;
        this.settings = snapshot.settings();
        this.protocol = forProtocol;
        this.algorithm = withAlgorithm;
        this.flow = forFlow;
        this.via = testedVia;
        this.attempts = 0;
        this.port = PortCursor.NO_PORT;
        this.cursor = snapshot.selectors().selector(forProtocol, forFlow.family(), withAlgorithm).open(forFlow, cursor);
        return this;
    }

    /** The next candidate, counted as one attempt, or {@link PortCursor#NO_PORT} when none is left. */
    int next() {
        if (attempts >= settings.maxAttempts()) {
            return PortCursor.NO_PORT;
        }
        int candidate = cursor.next();
        if (candidate != PortCursor.NO_PORT) {
            attempts++;
            port = candidate;
        }
        return candidate;
    }

    /** The candidate is tested another way now (a pin the kernel refused becomes a bind). */
    void testedVia(String testedVia) {
        this.via = testedVia;
    }

    /** The last candidate was busy; the search goes on. */
    void busy() {
        statistics.record(protocol, algorithm, Event.RETRIES);
    }

    /** The last candidate is now the socket's port. */
    void taken() {
        cursor.accept();
        statistics.record(protocol, algorithm, Event.ALLOCATIONS);
        statistics.add(protocol, algorithm, Event.PROBES, attempts);
        if (Log.debugEnabled()) {
            Log.debug("chose port=" + port + " protocol=" + protocol.id() + " family=" + flow.family().id()
                    + " algorithm=" + algorithm.id() + " destination=" + destination(flow) + " probes=" + attempts
                    + " via=" + via);
        }
        release();
    }

    /** The kernel chooses instead: a failure that is not about the port, or a pin it ignored. */
    void fellBack() {
        statistics.add(protocol, algorithm, Event.PROBES, attempts);
        statistics.record(protocol, algorithm, Event.KERNEL_FALLBACKS);
        release();
    }

    /**
     * No candidate was suitable within the attempts: counted, and {@code portalgo.on-exhaustion}
     * decides.
     *
     * @return true if the application is to get the kernel's "Cannot assign requested address"
     *         ({@code on-exhaustion=fail}, see {@link #exhaustionDetail()}); false to let the
     *         kernel choose
     */
    boolean exhausted() {
        statistics.add(protocol, algorithm, Event.PROBES, attempts);
        statistics.record(protocol, algorithm, Event.EXHAUSTIONS);
        boolean fail = settings.onExhaustion() == ExhaustionPolicy.FAIL;
        if (fail) {
            detail = "no free port in " + settings.selectorSettings().range() + " after " + attempts + " attempts, "
                    + protocol.id() + " " + algorithm.id() + " " + via;
        } else {
            statistics.record(protocol, algorithm, Event.KERNEL_FALLBACKS);
            Log.once(LogLevel.INFO, "exhausted:" + protocol + algorithm, protocol.id() + " " + algorithm.id()
                    + " found no free port within " + attempts
                    + " attempts; the kernel chose (portalgo.on-exhaustion=kernel)");
        }
        release();
        return fail;
    }

    /** What the last {@link #exhausted()} that failed tried, for the application's exception. */
    String exhaustionDetail() {
        return detail;
    }

    /** The application's own error ended the search (refused, unreachable): nothing to count. */
    void abandoned() {
        release();
    }

    int port() {
        return port;
    }

    Protocol protocol() {
        return protocol;
    }

    Algorithm algorithm() {
        return algorithm;
    }

    /** The search is over; its cursor stays, as the next search's spare, holding no selector. */
    private void release() {
        flow = null;
        cursor.release();
    }

    private static String destination(FlowView flow) {
        if (!flow.hasDestination()) {
            return "none";
        }
        try {
            String text = InetAddress.getByAddress(flow.remoteAddress()).getHostAddress();
            return (flow.family() == io.portalgo.algorithms.AddressFamily.INET6 ? "[" + text + "]" : text) + ":"
                    + flow.remotePort();
        } catch (UnknownHostException impossible) {
            return "?";
        }
    }
}
