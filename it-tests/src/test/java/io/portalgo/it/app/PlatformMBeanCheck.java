package io.portalgo.it.app;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;

/**
 * An application that creates the platform MBean server itself, as monitoring libraries do:
 * prints whether portalgo's MBean is in it and what {@code javax.management.builder.initial}
 * reads afterwards.
 */
public final class PlatformMBeanCheck {
    private PlatformMBeanCheck() {
    }

    public static void main(String[] args) throws Exception {
        boolean registered = ManagementFactory.getPlatformMBeanServer().isRegistered(new ObjectName("io.portalgo:type=PortAlgo"));
        System.out.println("registered=" + registered);
        System.out.println("builder=" + System.getProperty("javax.management.builder.initial"));
        System.out.println("algorithm=" + ManagementFactory.getPlatformMBeanServer()
                .getAttribute(new ObjectName("io.portalgo:type=PortAlgo"), "TcpAlgorithm"));
    }
}
