package io.portalgo.it.reliability;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * The agent's counters as the application's own JVM sees them through the MBean
 * {@code io.portalgo:type=PortAlgo} (open data only, no portalgo class), summed per protocol:
 * {@code tcp.allocations}, {@code udp.kernel-fallbacks}, ... Empty when the JVM runs without the
 * agent.
 */
public final class AgentCounters {
    static final String[] EVENTS = {"allocations", "probes", "retries", "exhaustions", "kernel-fallbacks", "internal-errors"};

    private AgentCounters() {
    }

    private static Boolean present;

    /** Waits up to 5 s, once, for the MBean (registered in the background at start-up); false without the agent. */
    public static synchronized boolean present() throws Exception {
        if (present == null) {
            present = waitForRegistration();
        }
        return present;
    }

    private static boolean waitForRegistration() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("io.portalgo:type=PortAlgo");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!server.isRegistered(name)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** {@code tcp.allocations -> 100000}, per protocol summed over algorithms, plus {@code tcp.bsd.allocations} rows. */
    public static Map<String, Long> read() throws Exception {
        Map<String, Long> counters = new TreeMap<>();
        if (!present()) {
            return counters;
        }
        TabularData table = (TabularData) ManagementFactory.getPlatformMBeanServer()
                .getAttribute(new ObjectName("io.portalgo:type=PortAlgo"), "Statistics");
        for (Object value : table.values()) {
            CompositeData row = (CompositeData) value;
            String protocol = (String) row.get("protocol");
            String algorithm = (String) row.get("algorithm");
            for (String event : EVENTS) {
                long count = (Long) row.get(event);
                counters.merge(protocol + "." + event, count, Long::sum);
                counters.merge(protocol + "." + algorithm + "." + event, count, Long::sum);
            }
        }
        return counters;
    }

    /** {@code after - before} for every key, as {@code key=value} fields of a RESULT line. */
    public static String delta(Map<String, Long> before, Map<String, Long> after) {
        StringBuilder fields = new StringBuilder();
        for (Map.Entry<String, Long> entry : after.entrySet()) {
            long delta = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
            if (delta != 0 || entry.getKey().split("\\.").length == 2) {
                fields.append(' ').append(entry.getKey()).append('=').append(delta);
            }
        }
        return fields.toString();
    }
}
