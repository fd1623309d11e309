package io.portalgo.it.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.tools.attach.VirtualMachine;
import io.portalgo.it.ForkedJvm;
import io.portalgo.it.Jdk;
import io.portalgo.it.control.ProbeJvm.CliRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.management.Attribute;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Live control against the real shaded agent in forked JVMs on Java 17 and 25, with real
 * loopback connections: a change through JMX or {@code set} moves the very next ports, a
 * refused change leaves them where they were, {@code attach} takes over a JVM started without
 * the agent, {@code stats} counts a known workload.
 *
 * <p>How a change is seen: {@code bsd} counts down, so its ports descend one by one (a port held
 * by another program on this machine is skipped, hence steps of up to 3 are accepted); the
 * random algorithms this starts from make such a run of 6 ports in a range of 200 about as
 * likely as 1 in 10^9. Each JVM gets its own random range of 200 ports inside Linux's
 * ephemeral range, so tests running at the same time rarely meet.
 */
class LiveControlForkedTest {
    private static final ObjectName MBEAN = objectName();
    private static final int RANGE_SIZE = 200;
    private static final String MAX_ATTEMPTS_REFUSED = "portalgo.max-attempts=0 (live change): expected an integer from 1 to 65535";

    static List<Jdk> jdks() {
        return Jdk.all();
    }

    /** A range of {@link #RANGE_SIZE} ports inside 32768-60999, where pin mode may pin. */
    private static int freshRangeStart() {
        return ThreadLocalRandom.current().nextInt(40_000, 60_000 - RANGE_SIZE);
    }

    private static String range(int start) {
        return start + "-" + (start + RANGE_SIZE - 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aChangeThroughJmxMovesTheNextPortsAndARefusalKeepsThem(Jdk jdk) throws Exception {
        int start = freshRangeStart();
        try (ProbeJvm probe = ProbeJvm.start(jdk, ProbeJvm.javaagent("tcp.algorithm=random_pick,listeners=false,range=" + range(start)));
                JMXConnector jmx = connect(probe.pid())) {
            MBeanServerConnection mbean = jmx.getMBeanServerConnection();
            // A -javaagent JVM registers the MBean in the background, shortly after it starts.
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> mbean.isRegistered(MBEAN));
            List<Integer> before = probe.connect(6);
            assertThat(before).allMatch(port -> inRange(port, start));
            assertThat(countsDown(before)).as("random_pick ports %s", before).isFalse();

            mbean.setAttribute(MBEAN, new Attribute("TcpAlgorithm", "bsd"));
            List<Integer> after = probe.connect(6);
            assertThat(after).allMatch(port -> inRange(port, start));
            assertThat(countsDown(after)).as("bsd ports %s", after).isTrue();

            Throwable refused = catchThrowable(() -> mbean.invoke(MBEAN, "apply",
                    new Object[] {"tcp.algorithm=random_pick,max-attempts=0"}, new String[] {String.class.getName()}));
            assertThat(refused).isInstanceOf(RuntimeMBeanException.class);
            assertThat(((RuntimeMBeanException) refused).getTargetException())
                    .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage(MAX_ATTEMPTS_REFUSED);
            assertThat(mbean.getAttribute(MBEAN, "TcpAlgorithm")).isEqualTo("bsd");
            List<Integer> still = probe.connect(6);
            assertThat(countsDown(concat(after, still))).as("bsd ports after a refusal %s then %s", after, still).isTrue();
            assertThat(mbean.getAttribute(MBEAN, "Seed")).isEqualTo("");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void setThroughTheCliMovesTheNextPortsAndARefusalKeepsThem(Jdk jdk) throws Exception {
        int start = freshRangeStart();
        try (ProbeJvm probe = ProbeJvm.start(jdk, ProbeJvm.javaagent("tcp.algorithm=doublehash,listeners=false,range=" + range(start)))) {
            String pid = Long.toString(probe.pid());
            assertThat(countsDown(probe.connect(6))).isFalse();

            CliRun set = ProbeJvm.cli(jdk, "set", pid, "tcp.algorithm=bsd");
            assertThat(set.exitCode()).as(set.toString()).isZero();
            assertThat(set.out()).isEqualTo("portalgo.tcp.algorithm = bsd\n");
            List<Integer> after = probe.connect(6);
            assertThat(countsDown(after)).as("bsd ports %s", after).isTrue();

            CliRun refused = ProbeJvm.cli(jdk, "set", pid, "tcp.algorithm=random_pick,max-attempts=0");
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
            assertThat(refused.err()).isEqualTo("portalgo: " + MAX_ATTEMPTS_REFUSED + "\n");
            assertThat(refused.out()).isEmpty();
            List<Integer> still = probe.connect(6);
            assertThat(countsDown(concat(after, still))).as("bsd ports after a refusal %s then %s", after, still).isTrue();

            CliRun get = ProbeJvm.cli(jdk, "get", pid, "tcp.algorithm", "range", "seed");
            assertThat(get.exitCode()).as(get.toString()).isZero();
            assertThat(get.out()).isEqualTo("portalgo.tcp.algorithm = bsd\nportalgo.range = " + range(start) + "\nportalgo.seed =\n");
        }
    }

    /**
     * The agent makes its runtime at the first socket; a JVM that has opened none is still reached
     * by the CLI, which then makes it on the control thread.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void getStatsAndSetReachAJvmThatHasOpenedNoSocket(Jdk jdk) throws Exception {
        try (ProbeJvm idle = ProbeJvm.startIdle(jdk, ProbeJvm.javaagent("tcp.algorithm=hash"))) {
            String pid = Long.toString(idle.pid());
            CliRun get = ProbeJvm.cli(jdk, "get", pid, "tcp.algorithm");
            assertThat(get.exitCode()).as(get.toString()).isZero();
            assertThat(get.out()).isEqualTo("portalgo.tcp.algorithm = hash\n");
            CliRun stats = ProbeJvm.cli(jdk, "stats", pid);
            assertThat(stats.exitCode()).as(stats.toString()).isZero();
            assertThat(stats.out().lines()).contains("portalgo.stats.allocations = 0", "portalgo.stats.internal-errors = 0");
            CliRun set = ProbeJvm.cli(jdk, "set", pid, "tcp.algorithm=bsd");
            assertThat(set.exitCode()).as(set.toString()).isZero();
            assertThat(set.out()).isEqualTo("portalgo.tcp.algorithm = bsd\n");
            assertThat(idle.stderr()).doesNotContain("error").doesNotContain("not installed");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void statsCountsAKnownWorkload(Jdk jdk) throws Exception {
        int connections = 9;
        try (ProbeJvm probe = ProbeJvm.start(jdk,
                ProbeJvm.javaagent("tcp.algorithm=bsd,listeners=false,seed=12345,range=" + range(freshRangeStart())))) {
            assertThat(probe.connect(connections)).hasSize(connections);
            CliRun stats = ProbeJvm.cli(jdk, "stats", Long.toString(probe.pid()));
            assertThat(stats.exitCode()).as(stats.toString()).isZero();
            assertThat(stats.out().lines()).contains("portalgo.stats.allocations = " + connections,
                    "portalgo.stats.tcp.bsd.allocations = " + connections, "portalgo.stats.internal-errors = 0",
                    "portalgo.stats.kernel-fallbacks = 0");
            CliRun seed = ProbeJvm.cli(jdk, "get", Long.toString(probe.pid()));
            assertThat(seed.out()).contains("portalgo.seed = (set)\n").doesNotContain("12345");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void attachTakesOverAJvmStartedWithoutTheAgent(Jdk jdk) throws Exception {
        int start = freshRangeStart();
        String[] flags = jdk.feature() >= 21 ? new String[] {"-XX:+EnableDynamicAgentLoading"} : new String[0];
        try (ProbeJvm probe = ProbeJvm.start(jdk, flags)) {
            String pid = Long.toString(probe.pid());
            String held = probe.send("hold");
            assertThat(held).startsWith("held ");

            CliRun attach = ProbeJvm.cli(jdk, "attach", pid, "tcp.algorithm=bsd,listeners=false,range=" + range(start));
            assertThat(attach.exitCode()).as(attach.toString()).isZero();
            assertThat(attach.out()).startsWith("pid " + pid + ": portalgo ").contains(" loaded: tcp=bsd ", "range=" + range(start));
            List<Integer> after = probe.connect(6);
            assertThat(after).allMatch(port -> inRange(port, start));
            assertThat(countsDown(after)).as("bsd ports %s", after).isTrue();
            assertThat(probe.send("echo")).isEqualTo("echoed hello-from-" + held.substring("held ".length()));

            CliRun again = ProbeJvm.cli(jdk, "attach", pid, "tcp.algorithm=randinc");
            assertThat(again.exitCode()).as(again.toString()).isZero();
            assertThat(again.out()).isEqualTo("pid " + pid + ": portalgo " + version(jdk, pid)
                    + " already running; settings applied\nportalgo.tcp.algorithm = randinc\n");
            assertThat(probe.stderr()).doesNotContain("WARNING");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void getSetAndStatsNameAJvmWithoutTheAgent(Jdk jdk) throws Exception {
        try (ProbeJvm probe = ProbeJvm.start(jdk)) {
            String pid = Long.toString(probe.pid());
            for (String[] command : new String[][] {{"get", pid}, {"set", pid, "algorithm=bsd"}, {"stats", pid}}) {
                CliRun run = ProbeJvm.cli(jdk, command);
                assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
                assertThat(run.err()).isEqualTo("portalgo: pid " + pid + ": portalgo is not running there (or runs with "
                        + "portalgo.jmx=false); load it with: java -jar portalgo-agent.jar attach " + pid + "\n");
            }
            CliRun bad = ProbeJvm.cli(jdk, "attach", pid, "algorithm=bsd2");
            assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(3);
            assertThat(bad.err()).startsWith("portalgo: portalgo.algorithm=bsd2 (agent argument): ");
        }
        Process ended = new ProcessBuilder(jdk.java().toString(), "-version").start();
        long gone = ended.pid();
        ended.waitFor();
        CliRun noSuchPid = ProbeJvm.cli(jdk, "get", Long.toString(gone));
        assertThat(noSuchPid.exitCode()).isEqualTo(1);
        assertThat(noSuchPid.err()).isEqualTo("portalgo: pid " + gone + ": no such process\n");
    }

    /**
     * The CLI's reach: {@code get}, {@code set}, {@code stats} and {@code attach} talk to the
     * target over a Unix-domain socket, so afterwards the target holds no TCP listener it did not
     * hold before (the JDK's local JMX agent, which listens on every interface, is never started),
     * and none beyond loopback. The first {@code get} comes right after {@code main} started.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void cliCommandsLeaveTheTargetWithoutANewTcpListener(Jdk jdk) throws Exception {
        int start = freshRangeStart();
        try (ProbeJvm probe = ProbeJvm.start(jdk, ProbeJvm.javaagent("range=" + range(start)))) {
            String pid = Long.toString(probe.pid());
            java.util.Set<String> before = TcpListeners.of(probe.pid());
            CliRun get = ProbeJvm.cli(jdk, "get", pid, "range");
            assertThat(get.exitCode()).as(get.toString()).isZero();
            assertThat(get.out()).isEqualTo("portalgo.range = " + range(start) + "\n");
            assertThat(TcpListeners.of(probe.pid())).as("after get").isEqualTo(before);
            for (String[] command : new String[][] {{"set", pid, "tcp.algorithm=bsd"}, {"stats", pid},
                    {"attach", pid, "randinc.n=9"}}) {
                CliRun run = ProbeJvm.cli(jdk, command);
                assertThat(run.exitCode()).as(run.toString()).isZero();
                assertThat(TcpListeners.of(probe.pid())).as("after " + command[0]).isEqualTo(before);
            }
            assertThat(countsDown(probe.connect(4))).isTrue();
            assertThat(before).allMatch(TcpListeners::loopback);
        }
        try (ProbeJvm plain = ProbeJvm.start(jdk, "-XX:+EnableDynamicAgentLoading")) {
            java.util.Set<String> before = TcpListeners.of(plain.pid());
            String pid = Long.toString(plain.pid());
            CliRun attach = ProbeJvm.cli(jdk, "attach", pid, "tcp.algorithm=bsd,range=" + range(start));
            assertThat(attach.exitCode()).as(attach.toString()).isZero();
            CliRun get = ProbeJvm.cli(jdk, "get", pid, "tcp.algorithm");
            assertThat(get.out()).isEqualTo("portalgo.tcp.algorithm = bsd\n");
            assertThat(TcpListeners.of(plain.pid())).as("after attach and get").isEqualTo(before);
        }
    }

    @Test
    void java25WarnsOnADynamicAttachWithDefaultFlagsAndStillAttaches() throws Exception {
        Jdk jdk = java25();
        int start = freshRangeStart();
        try (ProbeJvm probe = ProbeJvm.start(jdk)) {
            CliRun attach = ProbeJvm.cli(jdk, "attach", Long.toString(probe.pid()), "tcp.algorithm=bsd,range=" + range(start));
            assertThat(attach.exitCode()).as(attach.toString()).isZero();
            assertThat(countsDown(probe.connect(6))).isTrue();
            assertThat(probe.stderr()).contains("WARNING: A Java agent has been loaded dynamically");
        }
    }

    @Test
    void java25WithDynamicAgentsDisabledRefusesTheAttach() throws Exception {
        Jdk jdk = java25();
        try (ProbeJvm probe = ProbeJvm.start(jdk, "-XX:-EnableDynamicAgentLoading")) {
            String pid = Long.toString(probe.pid());
            CliRun attach = ProbeJvm.cli(jdk, "attach", pid, "tcp.algorithm=bsd");
            assertThat(attach.exitCode()).as(attach.toString()).isEqualTo(1);
            assertThat(attach.err()).isEqualTo("portalgo: pid " + pid + ": refuses dynamic agents (started with "
                    + "-XX:-EnableDynamicAgentLoading); restart it with -javaagent:" + ForkedJvm.AGENT_JAR
                    + " or -XX:+EnableDynamicAgentLoading\n");
            CliRun get = ProbeJvm.cli(jdk, "get", pid);
            assertThat(get.exitCode()).isEqualTo(1);
            assertThat(probe.connect(2)).hasSize(2);
        }
    }

    /** Java 25 where the build has one ({@link Jdk} fails under CI when one is announced but missing). */
    private static Jdk java25() {
        Optional<Jdk> java25 = Jdk.all().stream().filter(jdk -> jdk.feature() == 25).findFirst();
        Assumptions.assumeTrue(java25.isPresent(), "no Java 25 JDK on this machine (JAVA25_HOME=none)");
        return java25.get();
    }

    private static String version(Jdk jdk, String pid) {
        CliRun attach = ProbeJvm.cli(jdk, "attach", pid);
        String out = attach.out();
        return out.substring(out.indexOf("portalgo ") + "portalgo ".length(), out.indexOf(" already running"));
    }

    /** True if each port is 1 to 3 below the one before it, wrapping from the bottom of the range to the top. */
    private static boolean countsDown(List<Integer> ports) {
        for (int i = 1; i < ports.size(); i++) {
            int step = Math.floorMod(ports.get(i - 1) - ports.get(i), RANGE_SIZE);
            if (step < 1 || step > 3) {
                return false;
            }
        }
        return true;
    }

    private static boolean inRange(int port, int start) {
        return port >= start && port < start + RANGE_SIZE;
    }

    private static List<Integer> concat(List<Integer> first, List<Integer> second) {
        List<Integer> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** What jconsole does for a local process: attach, start its local JMX agent (loopback only), connect. */
    private static JMXConnector connect(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        try {
            return JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
        } finally {
            vm.detach();
        }
    }

    private static ObjectName objectName() {
        try {
            return new ObjectName("io.portalgo:type=PortAlgo");
        } catch (javax.management.MalformedObjectNameException e) {
            throw new AssertionError(e);
        }
    }
}
