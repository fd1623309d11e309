package io.portalgo.config;

import java.util.Locale;

/**
 * How the agent gives an unbound TCP socket its port at connect ({@code portalgo.tcp.mode}): the
 * algorithm chooses the port, the mode decides how the kernel is made to use it. The README's
 * "TCP modes" and docs/ARCHITECTURE.md tell the trade-offs (4-tuple sharing, TIME_WAIT,
 * visibility to the program).
 */
public enum TcpMode {
    /** {@code pin} where the kernel supports IP_LOCAL_PORT_RANGE (Linux 6.3+), else {@code share}. */
    AUTO,
    /** Pin the per-socket range to [p, p] and let connect autobind: the kernel's 4-tuple sharing and TIME_WAIT rules. */
    PIN,
    /** Bind p with SO_REUSEADDR before connect: ports shared across destinations. */
    SHARE,
    /** Bind p without options: one socket per port. */
    EXCLUSIVE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
