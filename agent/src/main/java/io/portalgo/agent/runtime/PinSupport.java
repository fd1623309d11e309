package io.portalgo.agent.runtime;

import io.portalgo.algorithms.PortRange;
import io.portalgo.config.LogLevel;
import io.portalgo.config.PortalgoSettings;
import io.portalgo.config.TcpMode;
import java.util.Optional;

/**
 * Which mode {@code auto} becomes, and whether {@code pin} mode can work here. {@code auto} is
 * {@code share} with the fresh-socket retry ({@link ShareRetry}) wherever the JDK has its
 * natives: a port bound before connect keeps Linux's host-wide perturbation table out of the
 * connect (an observer's port moves 2-16 while the JVM connects 200 times, as with no
 * connections; about 900 under {@code pin}, about 1,850 under the kernel alone), and the retry
 * hides the clash binding first can meet. Without the retry, {@code auto} pins where it can.
 * Pinning needs Linux 6.3+ ({@code IP_LOCAL_PORT_RANGE}; older kernels answer ENOPROTOOPT, learnt
 * on the first pin and remembered) and a {@code portalgo.range} inside the kernel's
 * {@code ip_local_port_range}, because the per-socket range only narrows the kernel's: a pinned
 * port outside it would be ignored and the kernel would choose.
 */
final class PinSupport {
    private final Optional<PortRange> kernelRange;
    private final boolean shareRetried;
    private volatile boolean refusedByKernel;

    /** @param shareRetried true if a {@code share} clash is retried on a fresh socket ({@link ShareRetry}) */
    PinSupport(Optional<PortRange> kernelRange, boolean shareRetried) {
        this.kernelRange = kernelRange;
        this.shareRetried = shareRetried;
    }

    /** The mode a connect uses now: {@code pin}, {@code share} or {@code exclusive}. */
    TcpMode effectiveMode(PortalgoSettings settings) {
        TcpMode mode = settings.tcpMode();
        if (mode == TcpMode.AUTO && shareRetried) {
            return TcpMode.SHARE; // no leak into the kernel's port table, no clash the application sees
        }
        if (mode != TcpMode.AUTO && mode != TcpMode.PIN) {
            return mode;
        }
        String reason = whyNot(settings.selectorSettings().range());
        if (reason == null) {
            return TcpMode.PIN;
        }
        if (mode == TcpMode.PIN) {
            Log.once(LogLevel.WARN, "pin:" + reason, "portalgo.tcp.mode=pin cannot pin here (" + reason
                    + "); connecting in share mode instead");
        }
        return TcpMode.SHARE;
    }

    /**
     * What {@code auto} resolves to, for the start-up line: {@code auto(share+retry:isolates)}
     * where a clash can be retried on a fresh socket (no leak into the host's port table, no clash
     * the application sees); else {@code auto(pin)} (the JVM's connect count still reaches the
     * host's port table, halved) or {@code auto(share)} (a clash reaches the application).
     */
    String describe(PortalgoSettings settings) {
        if (settings.tcpMode() != TcpMode.AUTO) {
            return settings.tcpMode().id();
        }
        TcpMode mode = effectiveMode(settings);
        return "auto(" + (mode == TcpMode.SHARE && shareRetried ? "share+retry:isolates" : mode.id()) + ")";
    }

    void kernelRefused() {
        refusedByKernel = true;
    }

    private String whyNot(PortRange range) {
        if (refusedByKernel) {
            return "the kernel has no IP_LOCAL_PORT_RANGE (Linux 6.3+)";
        }
        if (kernelRange.isEmpty()) {
            return "the kernel's ip_local_port_range is unknown";
        }
        PortRange kernel = kernelRange.get();
        if (range.min() < kernel.min() || range.max() > kernel.max()) {
            return "portalgo.range=" + range + " is not inside the kernel's ip_local_port_range " + kernel;
        }
        return null;
    }
}
