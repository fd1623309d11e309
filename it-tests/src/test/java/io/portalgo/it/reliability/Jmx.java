package io.portalgo.it.reliability;

import com.sun.tools.attach.VirtualMachine;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** A JMX client of a local JVM, as {@code jconsole} makes one: attach, start its local agent (loopback), connect. */
final class Jmx implements AutoCloseable {
    static final ObjectName PORTALGO = name("io.portalgo:type=PortAlgo");

    private final JMXConnector connector;

    private Jmx(JMXConnector connector) {
        this.connector = connector;
    }

    /** Connects and waits up to 10 s for portalgo's MBean (registered in the background at start-up). */
    static Jmx connect(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        Jmx jmx;
        try {
            jmx = new Jmx(JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent())));
        } finally {
            vm.detach();
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!jmx.mbean().isRegistered(PORTALGO) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return jmx;
    }

    MBeanServerConnection mbean() throws java.io.IOException {
        return connector.getMBeanServerConnection();
    }

    Object get(String attribute) throws Exception {
        return mbean().getAttribute(PORTALGO, attribute);
    }

    void set(String attribute, String value) throws Exception {
        mbean().setAttribute(PORTALGO, new javax.management.Attribute(attribute, value));
    }

    Object apply(String settings) throws Exception {
        return mbean().invoke(PORTALGO, "apply", new Object[] {settings}, new String[] {String.class.getName()});
    }

    void rekey() throws Exception {
        mbean().invoke(PORTALGO, "rekey", new Object[0], new String[0]);
    }

    @Override
    public void close() throws java.io.IOException {
        connector.close();
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new AssertionError(e);
        }
    }
}
