package io.portalgo.benchmarks.overhead;

import java.lang.instrument.Instrumentation;

/** A Java agent that does nothing: what any {@code -javaagent} costs a JVM, for {@link StartupOverhead}. */
public final class EmptyAgent {
    private EmptyAgent() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        // nothing: the cost measured is the JVM's own for having an agent
    }
}
