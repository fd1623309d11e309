package io.portalgo.agent.runtime;

import io.portalgo.algorithms.PortRange;
import io.portalgo.config.LogLevel;
import io.portalgo.config.PortalgoSettings;
import io.portalgo.config.TcpMode;
import java.util.Optional;

/**
 * Whether {@code pin} mode can work here, and which mode {@code auto} becomes. Pinning needs
 * Linux 6.3+ ({@code IP_LOCAL_PORT_RANGE}; older kernels answer ENOPROTOOPT, learnt on the first
 * pin and remembered) and a {@code portalgo.range} inside the kernel's
 * {@code ip_local_port_range}, because the per-socket range only narrows the kernel's: a pinned
 * port outside it would be ignored and the kernel would choose.
 */
final class PinSupport {
    private final Optional<PortRange> kernelRange;
    private volatile boolean refusedByKernel;

    PinSupport(Optional<PortRange> kernelRange) {
        this.kernelRange = kernelRange;
    }

    /** The mode a connect uses now: {@code pin}, {@code share} or {@code exclusive}. */
    TcpMode effectiveMode(PortalgoSettings settings) {
        TcpMode mode = settings.tcpMode();
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

    /** What {@code auto} resolves to, for the start-up line. */
    String describe(PortalgoSettings settings) {
        return settings.tcpMode().id() + (settings.tcpMode() == TcpMode.AUTO
                ? "(" + effectiveMode(settings).id() + ")" : "");
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
