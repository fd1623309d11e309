package io.portalgo.agent.control;

import io.portalgo.agent.runtime.Log;
import java.lang.instrument.Instrumentation;

/**
 * The live controls of a running agent, started without the start-up bill. Two ways in:
 * <ul>
 *   <li><b>JMX</b> ({@code jconsole}, any JMX client, an application's own monitoring): the MBean
 *       {@value MBeanRegistration#OBJECT_NAME} is registered in the platform MBean server at the
 *       moment that server is created, by whoever creates it (the application, a framework, or
 *       the JDK's management agent that {@code jconsole} starts by attaching), through
 *       {@link PortalgoMBeanServerBuilder}. Creating the platform MBean server at start-up would
 *       cost about 180 ms of CPU in every JVM, most of which never use JMX.</li>
 *   <li><b>the CLI</b> ({@code get}, {@code set}, {@code stats}, a second {@code attach}): a
 *       Unix-domain socket in a directory only this user may enter ({@link ControlSocket}), opened
 *       on a background thread; no TCP listener at all.</li>
 * </ul>
 * An attach registers the MBean at once and opens the socket before it returns, since its
 * caller looks for both right after.
 */
public final class LiveControl {
    private LiveControl() {
    }

    /** For {@code -javaagent}: nothing here creates the MBean server or waits for the socket. */
    public static void startAtPremain(AgentControl control, Instrumentation instrumentation) {
        PortalgoMBeanServerBuilder.registerWhenCreated(control);
        ControlSocket.openInBackground(control, instrumentation);
    }

    /** For an attach into a running JVM. */
    public static void startAtAttach(AgentControl control, Instrumentation instrumentation) {
        try {
            MBeanRegistration.start(control);
        } catch (RuntimeException failure) {
            Log.error("JMX control unavailable, ports are still substituted: " + failure.getMessage());
        }
        ControlSocket.open(control, instrumentation);
    }
}
