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
 *       {@link PlatformServerBuilderTemplate}. Creating the platform MBean server at start-up would
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

    /**
     * For {@code -javaagent}: nothing here creates the MBean server or waits for the socket.
     *
     * @param builder {@link PlatformServerBuilderTemplate} as defined inside java.management, or null
     *        if it could not be (then the MBean is registered on a daemon thread, at the old price)
     */
    public static void startAtPremain(AgentControl control, Instrumentation instrumentation, Class<?> builder) {
        try {
            if (builder == null) {
                throw new IllegalStateException("no MBean server builder");
            }
            PlatformServerHook.install(control, builder);
        } catch (ReflectiveOperationException | RuntimeException failure) {
            Log.warn("registering the MBean now, in the background (" + failure + ")");
            Thread registration = new Thread(new Registration(control), "portalgo-jmx");
            registration.setDaemon(true);
            registration.start();
        }
        ControlSocket.openInBackground(control, instrumentation);
    }

    private static final class Registration implements Runnable {
        private final AgentControl control;

        Registration(AgentControl control) {
            this.control = control;
        }

        @Override
        public void run() {
            try {
                MBeanRegistration.start(control);
            } catch (RuntimeException | LinkageError failure) {
                Log.error("JMX control unavailable, ports are still substituted: " + failure.getMessage());
            }
        }
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
