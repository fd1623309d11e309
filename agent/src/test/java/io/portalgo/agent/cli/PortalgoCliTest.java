package io.portalgo.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalgo.agent.control.FakeAgentControl;
import io.portalgo.agent.control.MBeanRegistration;
import io.portalgo.agent.control.PortalgoMBean;
import io.portalgo.agent.runtime.Statistics.Event;
import io.portalgo.algorithms.AddressFamily;
import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.Protocol;
import io.portalgo.config.PortalgoSettings;
import io.portalgo.config.Property;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import org.junit.jupiter.api.Test;

/**
 * The CLI's commands and output against an MBean in this JVM (a fake {@link Target} stands in
 * for the attach API; the forked-JVM tests in it-tests use the real one).
 */
class PortalgoCliTest {
    private static final long PID = 4242;

    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private FakeAgentControl control;
    private final List<String> loads = new ArrayList<>();

    /** A target whose MBean lives in {@link #server}; loading the agent is recorded, not done. */
    private final Target.Finder targets = pid -> new Target() {
        @Override
        public Optional<RemoteAgent> agent() {
            RemoteAgent agent = new RemoteAgent(server, pid);
            return agent.present() ? Optional.of(agent) : Optional.empty();
        }

        @Override
        public void loadAgent(Path agentJar, String arguments) {
            loads.add(arguments);
        }

        @Override
        public void close() {
        }
    };

    private record Run(int exitCode, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PortalgoCli.run(args, targets, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private void agentRunning(String arguments) throws JMException {
        control = FakeAgentControl.withArguments(arguments);
        server.registerMBean(new PortalgoMBean(control), MBeanRegistration.objectName());
    }

    @Test
    void withoutArgumentsItPrintsItsUsage() {
        Run run = run();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: java -jar portalgo-agent.jar [-hV] [COMMAND]")
                .contains("attach", "get", "list", "set", "stats", "Exit codes");
    }

    @Test
    void listPrintsEveryAlgorithmInNetBsdOrderWithSectionAndTradeOff() {
        Run run = run("list");
        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(Algorithm.values().length);
        for (Algorithm algorithm : Algorithm.values()) {
            String line = lines.get(algorithm.index());
            assertThat(line).startsWith(algorithm.id() + " ").contains("RFC 6056 §" + algorithm.rfcSection() + " ")
                    .endsWith(algorithm.tradeOff());
        }
        assertThat(lines.get(0)).isEqualTo(
                "bsd           RFC 6056 §2.2    sequential baseline: fully predictable, longest global reuse cycle (n)");
    }

    @Test
    void getPrintsEverySettingLikeSysctlInRegistryOrder() throws JMException {
        agentRunning("tcp.algorithm=bsd,seed=987654321");
        Run run = run("get", Long.toString(PID));
        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).extracting(line -> line.split(" =")[0])
                .containsExactlyElementsOf(Property.all().stream().map(Property::key).toList());
        assertThat(lines).contains("portalgo.tcp.algorithm = bsd", "portalgo.range = 32768-60999", "portalgo.rules =",
                "portalgo.seed = (set)");
        assertThat(run.out()).doesNotContain("987654321");
    }

    @Test
    void getOfKeysPrintsThoseWithTheirFullNames() throws JMException {
        agentRunning(null);
        Run run = run("get", "4242", "tcp.algorithm", "portalgo.doublehash.table-size");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("portalgo.tcp.algorithm = doublehash\nportalgo.doublehash.table-size = 65536\n");
    }

    @Test
    void getOfAnUnknownKeyNamesTheClosestOne() throws JMException {
        agentRunning(null);
        Run run = run("get", "4242", "algoritm");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("portalgo: portalgo.algoritm: unknown property; did you mean portalgo.algorithm?\n");
    }

    @Test
    void setAppliesEveryChangeAndPrintsTheNewValues() throws JMException {
        agentRunning(null);
        Run run = run("set", "4242", "tcp.algorithm=BSD,reserved=40000,40002-40003", "rekey=1m");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("portalgo.tcp.algorithm = bsd\nportalgo.reserved = 40000,40002-40003\nportalgo.rekey = 1m\n");
        assertThat(control.settings().current().algorithm(Protocol.TCP, AddressFamily.INET6)).isEqualTo(Algorithm.BSD);
    }

    @Test
    void aRefusedSetPrintsEveryProblemOnItsOwnLineAndChangesNothing() throws JMException {
        agentRunning(null);
        PortalgoSettings before = control.settings().current();
        Run run = run("set", "4242", "tcp.algorithm=bsd,randinc.n=0,tcp.mode=fast");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).hasSize(2).allMatch(line -> line.startsWith("portalgo: portalgo."))
                .anyMatch(line -> line.startsWith("portalgo: portalgo.randinc.n=0 (live change): "))
                .anyMatch(line -> line.startsWith("portalgo: portalgo.tcp.mode=fast (live change): "));
        assertThat(control.settings().current()).isSameAs(before);
    }

    @Test
    void aControlCharacterAtTheEndOfASettingIsRefusedNotTrimmedAway() throws JMException {
        agentRunning(null);
        PortalgoSettings before = control.settings().current();
        Run run = run("set", "4242", "randinc.n=250\u0001");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("portalgo: portalgo.randinc.n=250\\x01 (live change): holds the control character \\x01 "
                + "at position 4; expected an integer from 1 to 65535\n");
        assertThat(control.settings().current()).isSameAs(before);
    }

    @Test
    void statsPrintsTotalsThenEachBusyProtocolAndAlgorithm() throws JMException {
        agentRunning(null);
        control.statistics().add(Protocol.TCP, Algorithm.DOUBLEHASH, Event.ALLOCATIONS, 12);
        control.statistics().add(Protocol.TCP, Algorithm.DOUBLEHASH, Event.PROBES, 13);
        control.statistics().add(Protocol.TCP, Algorithm.DOUBLEHASH, Event.RETRIES, 1);
        control.statistics().add(Protocol.UDP, Algorithm.RANDOM_PICK, Event.ALLOCATIONS, 3);
        control.statistics().add(Protocol.UDP, Algorithm.RANDOM_PICK, Event.PROBES, 3);
        Run run = run("stats", "4242");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(String.join("\n",
                "portalgo.stats.allocations = 15",
                "portalgo.stats.probes = 16",
                "portalgo.stats.retries = 1",
                "portalgo.stats.exhaustions = 0",
                "portalgo.stats.kernel-fallbacks = 0",
                "portalgo.stats.internal-errors = 0",
                "portalgo.stats.tcp.doublehash.allocations = 12",
                "portalgo.stats.tcp.doublehash.probes = 13",
                "portalgo.stats.tcp.doublehash.retries = 1",
                "portalgo.stats.tcp.doublehash.exhaustions = 0",
                "portalgo.stats.tcp.doublehash.kernel-fallbacks = 0",
                "portalgo.stats.tcp.doublehash.internal-errors = 0",
                "portalgo.stats.udp.random_pick.allocations = 3",
                "portalgo.stats.udp.random_pick.probes = 3",
                "portalgo.stats.udp.random_pick.retries = 0",
                "portalgo.stats.udp.random_pick.exhaustions = 0",
                "portalgo.stats.udp.random_pick.kernel-fallbacks = 0",
                "portalgo.stats.udp.random_pick.internal-errors = 0", ""));
    }

    @Test
    void getSetAndStatsNameAJvmWithoutPortalgo() {
        for (String[] command : new String[][] {{"get", "4242"}, {"set", "4242", "algorithm=bsd"}, {"stats", "4242"}}) {
            Run run = run(command);
            assertThat(run.exitCode()).as(command[0]).isEqualTo(1);
            assertThat(run.err()).isEqualTo("portalgo: pid 4242: portalgo is not running there (or runs with "
                    + "portalgo.jmx=false); load it with: java -jar portalgo-agent.jar attach 4242\n");
        }
    }

    @Test
    void attachToARunningAgentAppliesTheSettingsThroughItsMBean() throws JMException {
        agentRunning(null);
        Run run = run("attach", "4242", "udp.algorithm=randinc");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("pid 4242: portalgo 0.1.0-test already running; settings applied\n"
                + "portalgo.udp.algorithm = randinc\n");
        assertThat(loads).isEmpty();
        assertThat(control.settings().current().algorithm(Protocol.UDP, AddressFamily.INET)).isEqualTo(Algorithm.RANDINC);

        Run bare = run("attach", "4242");
        assertThat(bare.out()).startsWith("pid 4242: portalgo 0.1.0-test already running: tcp=doublehash udp=randinc ");
    }

    @Test
    void aFirstAttachChecksTheSettingsBeforeLoadingAnything() {
        Run run = run("attach", "4242", "algorithm=bsd,max-attempts=-1");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("portalgo: portalgo.max-attempts=-1 (agent argument): expected an integer from 1 to 65535\n");
        assertThat(loads).isEmpty();
    }

    @Test
    void aPidWithoutAProcessIsNamed() throws Exception {
        Process ended = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version").start();
        ended.waitFor();
        StringWriter err = new StringWriter();
        int code = PortalgoCli.run(new String[] {"stats", Long.toString(ended.pid())}, AttachedJvm::open,
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).isEqualTo(1);
        assertThat(err).hasToString("portalgo: pid " + ended.pid() + ": no such process\n");
    }

    @Test
    void aBadCommandLineIsAUsageError() {
        Run run = run("get", "not-a-pid");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Invalid value for positional parameter at index 0 (<pid>): 'not-a-pid' is not a long");
    }
}
