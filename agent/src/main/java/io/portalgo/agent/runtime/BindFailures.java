package io.portalgo.agent.runtime;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.Objects;

/**
 * Tells a busy port from every other bind or connect failure. Java reports errno only as the
 * (possibly localised) strerror text of a {@link BindException}, so the two texts that mean
 * "try the next candidate" are learnt once from a real probe at start-up: EADDRINUSE from a bind
 * (the port is taken) and EADDRNOTAVAIL from a pinned connect (that 4-tuple is taken). Any other
 * failure stops the search at once, so a bind to an address that is not local does not burn
 * every attempt before the application sees the same error.
 */
public final class BindFailures {
    /** strerror(EADDRINUSE) in the C locale, used where a probe could not produce the JVM's own text. */
    public static final String ENGLISH_ADDRESS_IN_USE = "Address already in use";
    /** strerror(EADDRNOTAVAIL) in the C locale. */
    public static final String ENGLISH_ADDRESS_NOT_AVAILABLE = "Cannot assign requested address";

    private final String addressInUse;
    private final String addressNotAvailable;

    /**
     * The strerror texts of EADDRINUSE and EADDRNOTAVAIL as this JVM reports them (they follow the
     * C library's locale): a bind to a port a second socket holds, and a bind to 0.0.0.1, which
     * is never a local address. Run on the thread making the runtime, whose own sockets get the
     * kernel's ports; C-locale texts where a probe fails.
     */
    public static BindFailures probe() {
        String inUse = ENGLISH_ADDRESS_IN_USE;
        String notAvailable = ENGLISH_ADDRESS_NOT_AVAILABLE;
        try (DatagramChannel holder = DatagramChannel.open(StandardProtocolFamily.INET);
                DatagramChannel second = DatagramChannel.open(StandardProtocolFamily.INET)) {
            holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try {
                second.bind(holder.getLocalAddress());
            } catch (BindException expected) {
                inUse = expected.getMessage();
            }
            try (DatagramChannel third = DatagramChannel.open(StandardProtocolFamily.INET)) {
                third.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {0, 0, 0, 1}), 9));
            } catch (BindException expected) {
                notAvailable = expected.getMessage();
            }
        } catch (IOException | RuntimeException noIpv4) {
            Log.debug(() -> "failure texts not probed (" + noIpv4 + "); using the C locale's");
        }
        return new BindFailures(inUse, notAvailable);
    }

    public BindFailures(String addressInUse, String addressNotAvailable) {
        this.addressInUse = Objects.requireNonNull(addressInUse);
        this.addressNotAvailable = Objects.requireNonNull(addressNotAvailable);
    }

    /** EADDRINUSE: the port is bound by another socket. */
    boolean portInUse(Throwable failure) {
        return is(failure, addressInUse);
    }

    /** EADDRNOTAVAIL: no such local address, or (pinned connect) the 4-tuple is taken. */
    boolean addressNotAvailable(Throwable failure) {
        return is(failure, addressNotAvailable);
    }

    /**
     * Not a {@link BindException}: the JDK raises those only for EADDRINUSE, EADDRNOTAVAIL and
     * EACCES, so a bind of an IPv4 socket to {@code ::} (EAFNOSUPPORT) is a plain
     * {@code SocketException}.
     */
    boolean familyMismatch(Throwable failure) {
        return !(failure instanceof BindException);
    }

    /** What the kernel says when no port is left, for {@code on-exhaustion=fail}. */
    IOException exhausted(String detail) {
        return new BindException(addressNotAvailable + " (portalgo: " + detail + ")");
    }

    private static boolean is(Throwable failure, String text) {
        return failure instanceof BindException && failure.getMessage() != null && failure.getMessage().startsWith(text);
    }
}
