package io.portalgo.it;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine (root, network namespaces, PostgreSQL, a Java 25): under
 * {@code CI=true} a missing prerequisite fails the test, elsewhere the test is skipped and says
 * what is missing.
 */
public final class Prerequisites {
    private Prerequisites() {
    }

    public static boolean ci() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Fails under CI, skips elsewhere, when {@code missing} is not null. */
    public static void require(String what, String missing) {
        if (missing == null) {
            return;
        }
        if (ci()) {
            throw new IllegalStateException("CI=true but " + what + " is unavailable: " + missing);
        }
        Assumptions.abort(what + " is unavailable (required under CI=true): " + missing);
    }

    /** Null when this process runs as root, else why not. */
    public static String notRoot() {
        return "root".equals(System.getProperty("user.name")) ? null : "not root (user " + System.getProperty("user.name") + ")";
    }
}
