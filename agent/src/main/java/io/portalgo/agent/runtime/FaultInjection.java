package io.portalgo.agent.runtime;

import java.util.Locale;

/**
 * A test-only switch that makes the substitution fail internally, to prove the failure policy
 * on real sockets: the kernel chooses, the application sees nothing, the error is counted and
 * logged once. Set with the JVM system property {@value #PROPERTY} ({@code bind}, {@code connect},
 * {@code udp} or {@code all}); it is deliberately not a {@code portalgo.} setting, cannot be
 * changed live and is off unless set. Read once at start-up.
 */
final class FaultInjection {
    static final String PROPERTY = "portalgo-test.fault";
    static final FaultInjection NONE = new FaultInjection("");

    private final boolean bind;
    private final boolean connect;
    private final boolean udp;

    private FaultInjection(String where) {
        String value = where.trim().toLowerCase(Locale.ROOT);
        boolean all = value.equals("all");
        this.bind = all || value.equals("bind");
        this.connect = all || value.equals("connect");
        this.udp = all || value.equals("udp");
    }

    static FaultInjection fromSystemProperty() {
        String value = System.getProperty(PROPERTY);
        return value == null ? NONE : new FaultInjection(value);
    }

    static FaultInjection of(String where) {
        return new FaultInjection(where);
    }

    boolean any() {
        return bind || connect || udp;
    }

    /** Throws where the switch says the {@code bind} of a TCP ({@code bind}) or UDP ({@code udp}) socket fails. */
    void atBind(boolean isUdp) {
        if (isUdp ? udp : bind) {
            throw new IllegalStateException("fault injected by " + PROPERTY);
        }
    }

    void atConnect() {
        if (connect) {
            throw new IllegalStateException("fault injected by " + PROPERTY);
        }
    }
}
