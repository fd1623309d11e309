package io.portalgo.agent.control;

import java.util.function.Consumer;
import javax.management.JMRuntimeException;
import javax.management.MBeanServer;
import javax.management.MBeanServerBuilder;
import javax.management.MBeanServerDelegate;

/**
 * The template of the MBean server builder that registers the portalgo MBean as the platform
 * MBean server is born. Never loaded under this name: the agent defines its bytes, renamed
 * {@code com.sun.jmx.mbeanserver.PortalgoMBeanServerBuilder}, inside the java.management module,
 * because {@code MBeanServerFactory} loads the builder named by
 * {@code javax.management.builder.initial} with the thread's context class loader, or without one
 * (the JDK's attach listener, which starts the management agent for {@code jconsole}) from the
 * boot loader: both find a class of java.management, neither always finds the agent jar. So it
 * may only use JDK types, has no lambdas and no nested classes; the agent reaches it through its
 * two static fields.
 *
 * <p>It builds every server as the builder it replaces would (the JDK's, or the application's
 * own one named before the agent started), and hands the platform server (the one
 * {@code ManagementFactory.getPlatformMBeanServer} is building) to {@link #platformServerCreated}
 * once.
 */
public class PlatformServerBuilderTemplate extends MBeanServerBuilder {
    /** Told the platform MBean server once, when it is built; then cleared. */
    public static volatile Consumer<MBeanServer> platformServerCreated;
    /** The builder named in {@code javax.management.builder.initial} before the agent, or null for the JDK's. */
    public static volatile String replacedBuilder;

    private final MBeanServerBuilder builder;

    public PlatformServerBuilderTemplate() {
        this.builder = replaced();
    }

    private static MBeanServerBuilder replaced() {
        String name = replacedBuilder;
        if (name == null) {
            return new MBeanServerBuilder();
        }
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Class<?> type = loader != null ? Class.forName(name, true, loader) : Class.forName(name);
            return (MBeanServerBuilder) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new JMRuntimeException("Failed to load MBeanServerBuilder class " + name + ": " + e);
        }
    }

    @Override
    public MBeanServerDelegate newMBeanServerDelegate() {
        return builder.newMBeanServerDelegate();
    }

    @Override
    public MBeanServer newMBeanServer(String defaultDomain, MBeanServer outer, MBeanServerDelegate delegate) {
        MBeanServer server = builder.newMBeanServer(defaultDomain, outer, delegate);
        Consumer<MBeanServer> hook = platformServerCreated;
        if (hook != null && buildingThePlatformServer()) {
            platformServerCreated = null;
            try {
                hook.accept(outer != null ? outer : server);
            } catch (RuntimeException | LinkageError e) {
                // the agent logs its own failures; the server is the application's either way
            }
        }
        return server;
    }

    private static boolean buildingThePlatformServer() {
        StackTraceElement[] frames = new Throwable().getStackTrace();
        for (StackTraceElement frame : frames) {
            if ("java.lang.management.ManagementFactory".equals(frame.getClassName())
                    && "getPlatformMBeanServer".equals(frame.getMethodName())) {
                return true;
            }
        }
        return false;
    }
}
