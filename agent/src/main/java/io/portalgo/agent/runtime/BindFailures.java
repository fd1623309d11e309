package io.portalgo.agent.runtime;

import java.io.IOException;
import java.net.BindException;
import java.util.Objects;

/**
 * Tells a busy port from every other bind or connect failure. Java reports errno only as the
 * (possibly localised) strerror text of a {@link BindException}, so the two texts that mean
 * "try the next candidate" are learnt once from a real probe at start-up: EADDRINUSE from a bind
 * (the port is taken) and EADDRNOTAVAIL from a pinned connect (that 4-tuple is taken). Any other
 * failure stops the search at once, so a bind to an address that is not local does not burn
 * every attempt before the application sees the same error (shared/research pitfall 12).
 */
public final class BindFailures {
    /** strerror(EADDRINUSE) in the C locale, used where a probe could not produce the JVM's own text. */
    public static final String ENGLISH_ADDRESS_IN_USE = "Address already in use";
    /** strerror(EADDRNOTAVAIL) in the C locale. */
    public static final String ENGLISH_ADDRESS_NOT_AVAILABLE = "Cannot assign requested address";

    private final String addressInUse;
    private final String addressNotAvailable;

    /** The C-locale texts, as a JVM under {@code LANG=C} reports them. */
    public static BindFailures english() {
        return new BindFailures(ENGLISH_ADDRESS_IN_USE, ENGLISH_ADDRESS_NOT_AVAILABLE);
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

    /** What the kernel says when no port is left, for {@code on-exhaustion=fail}. */
    IOException exhausted(String detail) {
        return new BindException(addressNotAvailable + " (portalgo: " + detail + ")");
    }

    private static boolean is(Throwable failure, String text) {
        return failure instanceof BindException && failure.getMessage() != null && failure.getMessage().startsWith(text);
    }
}
