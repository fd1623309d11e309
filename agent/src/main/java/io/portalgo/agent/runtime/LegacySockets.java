package io.portalgo.agent.runtime;

/**
 * Java 17's legacy socket implementations ({@code -Djdk.net.usePlainSocketImpl},
 * {@code -Djdk.net.usePlainDatagramSocketImpl}; gone from Java 18 on, where the properties mean
 * nothing) bind and connect through their own natives and never reach {@code Net.bind} or
 * {@code Net.connect}. Their connects of unbound TCP sockets still pass
 * {@code NetHooks.beforeTcpConnect}, where the port is bound exclusively before connect (in
 * {@code auto} and {@code pin} mode), because a pinned connect could not be retried there and an
 * exclusive port cannot clash with another 4-tuple; binds to port 0 of {@code Socket},
 * {@code ServerSocket} and every {@code DatagramSocket} are not covered. Said once, at start.
 */
public final class LegacySockets {
    /** The class of the legacy TCP implementation on a connect's stack. */
    static final String LEGACY_TCP_CLASS = "java.net.AbstractPlainSocketImpl";
    private static final int LEGACY_FEATURE = 17;

    private LegacySockets() {
    }

    /** True on Java 17 with {@code -Djdk.net.usePlainSocketImpl}. */
    static boolean tcpSelected() {
        return Runtime.version().feature() <= LEGACY_FEATURE && selected("jdk.net.usePlainSocketImpl");
    }

    public static void warnIfSelected() {
        if (tcpSelected()) {
            Log.warn("-Djdk.net.usePlainSocketImpl selects Java's legacy TCP sockets: their connects get portalgo's "
                    + "ports (bound exclusively before connect), but Socket.bind(0) and ServerSocket(0) keep the "
                    + "kernel's");
        }
        if (Runtime.version().feature() <= LEGACY_FEATURE && selected("jdk.net.usePlainDatagramSocketImpl")) {
            Log.warn("-Djdk.net.usePlainDatagramSocketImpl selects Java's legacy UDP sockets: DatagramSocket and "
                    + "MulticastSocket keep the kernel's ports (DatagramChannel is covered)");
        }
    }

    /** As the JDK reads it: set and empty, or {@code true} in any case. */
    private static boolean selected(String property) {
        String value = System.getProperty(property);
        return value != null && (value.isEmpty() || value.equalsIgnoreCase("true"));
    }
}
