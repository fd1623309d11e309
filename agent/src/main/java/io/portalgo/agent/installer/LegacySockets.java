package io.portalgo.agent.installer;

import io.portalgo.agent.runtime.Log;

/**
 * Java 17's legacy socket implementations ({@code -Djdk.net.usePlainSocketImpl},
 * {@code -Djdk.net.usePlainDatagramSocketImpl}; removed in later JDKs) bind through their own
 * natives and never reach {@code Net.bind}. Connects of unbound TCP sockets still pass
 * {@code NetHooks.beforeTcpConnect} and stay covered; binds to port 0 of {@code Socket},
 * {@code ServerSocket} and every {@code DatagramSocket} do not. Said once, at start.
 */
final class LegacySockets {
    private LegacySockets() {
    }

    static void warnIfSelected() {
        if (selected("jdk.net.usePlainSocketImpl")) {
            Log.warn("-Djdk.net.usePlainSocketImpl selects Java's legacy TCP sockets: their connects get portalgo's "
                    + "ports, but Socket.bind(0) and ServerSocket(0) keep the kernel's");
        }
        if (selected("jdk.net.usePlainDatagramSocketImpl")) {
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
