package io.portalgo.agent.cli;

/**
 * A command failed in a way the user can act on: the message is printed as it is (one line per
 * problem, each prefixed {@code portalgo: }) and the CLI exits with {@link #exitCode()}.
 */
final class CliFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The target could not be reached or has no portalgo: no such process, attach refused, agent missing. */
    static final int TARGET = 1;
    /** The command line itself is wrong (picocli's code for usage errors). */
    static final int USAGE = 2;
    /** The settings were refused by portalgo's validation; nothing changed. */
    static final int REFUSED = 3;

    private final int exitCode;

    CliFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    static CliFailure target(long pid, String message) {
        return new CliFailure(TARGET, "pid " + pid + ": " + message);
    }

    static CliFailure refused(String message) {
        return new CliFailure(REFUSED, message);
    }

    int exitCode() {
        return exitCode;
    }
}
