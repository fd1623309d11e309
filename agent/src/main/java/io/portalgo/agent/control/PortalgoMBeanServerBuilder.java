package io.portalgo.agent.control;

import io.portalgo.agent.runtime.Log;
import javax.management.MBeanServer;
import javax.management.MBeanServerBuilder;
import javax.management.MBeanServerDelegate;

/**
 * Registers the portalgo MBean in the platform MBean server as that server is born, whoever
 * creates it and whenever: {@code javax.management.builder.initial} names this class, and
 * {@code javax.management.MBeanServerFactory} asks it to build every MBean server. It builds them
 * as the builder it replaces would (the JDK's, or the application's own one if
 * {@code javax.management.builder.initial} was set before the agent started), and when the
 * server being built is the platform one ({@code ManagementFactory.getPlatformMBeanServer} is on
 * the stack) it registers the MBean and puts the property back as it was, so every later server
 * is built exactly as without the agent.
 *
 * <p>Limits: an application that sets {@code javax.management.builder.initial} itself after
 * start-up, before it creates the platform server, replaces this hook (the MBean is then
 * missing from JMX; the CLI, which uses {@link ControlSocket}, is unaffected). The class is
 * loaded by the thread's context class loader, as MBeanServerFactory loads any builder: a
 * context loader that cannot see the system class path (some OSGi set-ups) makes the platform
 * server's creation fail, exactly as it would with any other builder named there.
 */
public class PortalgoMBeanServerBuilder extends MBeanServerBuilder {
    /** The JMX system property that names the builder. */
    static final String BUILDER_PROPERTY = "javax.management.builder.initial";

    private static volatile AgentControl pending;
    private static volatile String replacedBuilder;

    private final MBeanServerBuilder builder;

    /** Called by {@code MBeanServerFactory}. */
    public PortalgoMBeanServerBuilder() {
        this.builder = replaced();
    }

    /**
     * From now on, the platform MBean server gets {@code control}'s MBean when it is created.
     * Costs a system property, nothing else.
     */
    static void registerWhenCreated(AgentControl control) {
        String own = System.getProperty(BUILDER_PROPERTY);
        replacedBuilder = own == null || own.isEmpty() ? null : own;
        pending = control;
        System.setProperty(BUILDER_PROPERTY, PortalgoMBeanServerBuilder.class.getName());
    }

    private static MBeanServerBuilder replaced() {
        String name = replacedBuilder;
        if (name == null) {
            return new MBeanServerBuilder();
        }
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Class<?> type = loader != null ? loader.loadClass(name) : Class.forName(name);
            return (MBeanServerBuilder) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new javax.management.JMRuntimeException("Failed to load MBeanServerBuilder class " + name + ": " + e);
        }
    }

    @Override
    public MBeanServerDelegate newMBeanServerDelegate() {
        return builder.newMBeanServerDelegate();
    }

    @Override
    public MBeanServer newMBeanServer(String defaultDomain, MBeanServer outer, MBeanServerDelegate delegate) {
        MBeanServer server = builder.newMBeanServer(defaultDomain, outer, delegate);
        AgentControl control = pending;
        if (control != null && buildingThePlatformServer()) {
            pending = null;
            restoreProperty();
            try {
                MBeanRegistration.register(outer != null ? outer : server, control);
            } catch (RuntimeException failure) {
                Log.error("JMX control unavailable, ports are still substituted: " + failure.getMessage());
            }
        }
        return server;
    }

    private static boolean buildingThePlatformServer() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(frame ->
                frame.getClassName().equals("java.lang.management.ManagementFactory")
                        && frame.getMethodName().equals("getPlatformMBeanServer")));
    }

    private static void restoreProperty() {
        if (PortalgoMBeanServerBuilder.class.getName().equals(System.getProperty(BUILDER_PROPERTY))) {
            if (replacedBuilder == null) {
                System.clearProperty(BUILDER_PROPERTY);
            } else {
                System.setProperty(BUILDER_PROPERTY, replacedBuilder);
            }
        }
    }
}
