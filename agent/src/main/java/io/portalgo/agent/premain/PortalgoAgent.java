package io.portalgo.agent.premain;

import io.portalgo.agent.installer.Installer;
import java.lang.instrument.Instrumentation;

/**
 * The jar's {@code Premain-Class} and {@code Agent-Class}: hands the {@link Instrumentation} to
 * the installer and does nothing else, so that nothing here can fail. In a JDK tool
 * ({@link JdkTools}) {@code premain} returns at once, before the settings are even read.
 */
public final class PortalgoAgent {
    private PortalgoAgent() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        if (JdkTools.running()) {
            return;
        }
        Installer.premain(arguments, instrumentation);
    }

    public static void agentmain(String arguments, Instrumentation instrumentation) {
        Installer.agentmain(arguments, instrumentation);
    }
}
