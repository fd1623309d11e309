package io.portalgo.it.app;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** The agent's counters as its MBean {@code io.portalgo:type=PortAlgo} shows them to the application's JVM. */
final class AgentStatistics {
    private AgentStatistics() {
    }

    /** How long the agent may take to register its MBean, which it does in the background at start-up. */
    private static final long REGISTRATION_WAIT_MILLIS = 5_000;

    /** {@code allocations=4 exhaustions=2 kernel-fallbacks=2}, or {@code error=...} without the MBean. */
    static String totals() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("io.portalgo:type=PortAlgo");
            long deadline = System.currentTimeMillis() + REGISTRATION_WAIT_MILLIS;
            while (!server.isRegistered(name) && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            return "allocations=" + server.getAttribute(name, "TotalAllocations")
                    + " exhaustions=" + server.getAttribute(name, "TotalExhaustions")
                    + " kernel-fallbacks=" + server.getAttribute(name, "TotalKernelFallbacks")
                    + " retries=" + server.getAttribute(name, "TotalRetries");
        } catch (JMException e) {
            return "error=" + Clients.field(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "error=interrupted";
        }
    }
}
