package io.portalgo.agent.premain;

/**
 * Tells a JDK tool ({@code jps}, {@code jcmd}, {@code jstack}, {@code jstat}, {@code jinfo},
 * {@code jmap}, {@code keytool}, {@code javac}, {@code jshell}, ...) from an application, so that
 * an agent rolled out through {@code JAVA_TOOL_OPTIONS} stays out of the tools an operator
 * diagnoses with: no output, no exit status 78 from a malformed {@code PORTALGO_*} variable,
 * and about nothing to pay (one system property read before anything else is loaded).
 *
 * <p>The JDK's launchers start every tool from its own module ({@code jps} is
 * {@code -m jdk.jcmd/sun.tools.jps.Jps}, {@code keytool} is
 * {@code -m java.base/sun.security.tools.keytool.Main}), so the launcher sets
 * {@code jdk.module.main} to a module named {@code jdk.*} or {@code java.*}; those names are
 * reserved for the JDK (JLS §7.7: an application module may not be named {@code java.*}, and
 * {@code jdk.*} is the JDK's by convention). A tool's sockets are the JDK's own loopback
 * plumbing (attach, JDI), not connections worth an RFC 6056 algorithm.
 */
public final class JdkTools {
    private JdkTools() {
    }

    /** True if this JVM runs a tool of the JDK itself. */
    public static boolean running() {
        return isJdkModule(System.getProperty("jdk.module.main"));
    }

    /** True for {@code jdk.jcmd}, {@code java.base}, ...: a module of the JDK. */
    static boolean isJdkModule(String mainModule) {
        return mainModule != null && (mainModule.startsWith("jdk.") || mainModule.startsWith("java."));
    }
}
