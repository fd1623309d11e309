package io.portalgo.agent.control;

import java.lang.management.ManagementFactory;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Starts the live controls of a running agent: registers {@link PortalgoMBean} as
 * {@value #OBJECT_NAME} in the platform MBean server, where {@code jconsole}, any JMX client
 * and the agent jar's CLI ({@code get}, {@code set}, {@code stats}, a second {@code attach})
 * find it.
 */
public final class MBeanRegistration {
    /** The MBean's name, as NetBSD's sysctl subtree {@code net.inet.ip.anonportalgo}. */
    public static final String OBJECT_NAME = "io.portalgo:type=PortAlgo";

    private MBeanRegistration() {
    }

    /** {@link #OBJECT_NAME} as an {@link ObjectName}. */
    public static ObjectName objectName() {
        try {
            return new ObjectName(OBJECT_NAME);
        } catch (MalformedObjectNameException e) {
            throw new AssertionError(OBJECT_NAME, e);
        }
    }

    /**
     * Called once by the agent after installation when {@code portalgo.jmx} is true. If an MBean
     * of that name is already registered (the agent was loaded again), it is replaced, so the
     * MBean always speaks for the newest {@code control}.
     *
     * @throws IllegalStateException if the platform MBean server refuses the registration
     */
    public static void start(AgentControl control) {
        register(ManagementFactory.getPlatformMBeanServer(), control);
    }

    /** {@link #start} on any MBean server (tests use their own). */
    static void register(MBeanServer server, AgentControl control) {
        PortalgoMBean bean = new PortalgoMBean(control);
        ObjectName name = objectName();
        try {
            if (server.isRegistered(name)) {
                try {
                    server.unregisterMBean(name);
                } catch (InstanceNotFoundException raced) {
                    // Someone else unregistered it first: the name is free either way.
                }
            }
            server.registerMBean(bean, name);
        } catch (JMException e) {
            throw new IllegalStateException("cannot register " + OBJECT_NAME + ": " + e, e);
        }
    }
}
