package io.portalgo.agent.runtime;

import io.portalgo.config.PortalgoSettings;
import io.portalgo.config.TcpMode;

/**
 * Everything one socket operation reads, fixed at once: the settings, the selectors built for
 * them and the TCP mode {@code auto} resolved to. A live change builds the next snapshot on the
 * thread that applies it (JMX, {@code set}, a second attach), selectors included, and publishes
 * it with one volatile write; a socket reads it once, so it can never combine the new settings
 * with the old range's selectors, and no application thread ever builds a 64 MiB counter table.
 */
final class RuntimeSnapshot {
    private final PortalgoSettings settings;
    private final SelectorTable selectors;
    private final TcpMode tcpMode;

    private RuntimeSnapshot(PortalgoSettings settings, SelectorTable selectors, TcpMode tcpMode) {
        this.settings = settings;
        this.selectors = selectors;
        this.tcpMode = tcpMode;
    }

    /** The first snapshot of a JVM. */
    static RuntimeSnapshot first(PortalgoSettings settings, PinSupport pinSupport) {
        return of(settings, SelectorTable.of(settings, null), pinSupport);
    }

    /**
     * The snapshot for {@code next}: the selectors of this one are kept (with their counters and
     * keys) where {@code next} needs selectors of the same parameters, so switching an algorithm
     * back and forth does not restart any sequence.
     */
    RuntimeSnapshot next(PortalgoSettings next, PinSupport pinSupport) {
        return of(next, SelectorTable.of(next, selectors), pinSupport);
    }

    /** The same settings and selectors with the TCP mode resolved again (the kernel refused a pin). */
    RuntimeSnapshot remode(PinSupport pinSupport) {
        return of(settings, selectors, pinSupport);
    }

    private static RuntimeSnapshot of(PortalgoSettings settings, SelectorTable selectors, PinSupport pinSupport) {
        return new RuntimeSnapshot(settings, selectors, pinSupport.effectiveMode(settings));
    }

    PortalgoSettings settings() {
        return settings;
    }

    SelectorTable selectors() {
        return selectors;
    }

    /** {@code pin}, {@code share} or {@code exclusive}: never {@code auto}. */
    TcpMode tcpMode() {
        return tcpMode;
    }
}
