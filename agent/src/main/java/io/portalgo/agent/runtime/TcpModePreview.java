package io.portalgo.agent.runtime;

import io.portalgo.config.Environment;
import io.portalgo.config.HostPorts;
import io.portalgo.config.PortalgoSettings;
import io.portalgo.config.TcpMode;
import java.util.Optional;

/**
 * The TCP mode as the start-up line shows it before the runtime exists (it is made at the first
 * socket): what {@link Substitution#describeTcpMode()} will say, told from the settings, the
 * JDK's declared natives and, only where those are missing, the kernel's range. Kept apart from
 * {@link Substitution} and {@code FreshSocket} so that the start-up line initialises neither
 * (nor {@code InetAddress}).
 */
public final class TcpModePreview {
    private TcpModePreview() {
    }

    /** {@code auto(share+retry:isolates)}, {@code auto(pin)}, {@code auto(share)} or the mode configured. */
    public static String of(PortalgoSettings settings) {
        if (settings.tcpMode() != TcpMode.AUTO) {
            return settings.tcpMode().id();
        }
        boolean retried = freshSocketExpected();
        // With the retry, auto is share whatever the kernel's range: it is read only without.
        return new PinSupport(retried ? Optional.empty() : HostPorts.range(Environment.system()), retried)
                .describe(settings);
    }

    /**
     * Whether the fresh-socket retry can be expected here: Linux's {@code /proc/self/fdinfo} and
     * the JDK classes whose natives {@code FreshSocket} uses. Their methods are looked up when the
     * runtime is made; if one is missing then, the runtime says so in a warning and the summary
     * shows what {@code auto} really resolved to (reflecting on them here would load the classes
     * of every signature in {@code sun.nio.ch.Net} before {@code main}).
     */
    private static boolean freshSocketExpected() {
        if (!new java.io.File("/proc/self/fdinfo").isDirectory()) {
            return false;
        }
        try {
            Class.forName("sun.nio.ch.IOUtil", false, null);
            Class.forName("sun.nio.ch.InheritedChannel", false, null);
            return true;
        } catch (ClassNotFoundException | LinkageError missing) {
            return false;
        }
    }
}
