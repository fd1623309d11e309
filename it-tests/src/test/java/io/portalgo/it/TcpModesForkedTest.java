package io.portalgo.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalgo.it.Run.Allocation;
import io.portalgo.it.Run.Result;
import io.portalgo.it.app.TcpModeScenario;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code portalgo.tcp.mode} on a two-port range with {@code bsd}, which hands out the top port
 * first: connection #1 to server A gets the top port, #2 to server B the other one, and #3 to A
 * again meets #1's 4-tuple on its first candidate. What each mode does then is the Linux port
 * sharing semantics that docs/ARCHITECTURE.md describes under TCP modes. Three UDP sockets follow in
 * the same two ports: UDP never shares, whatever the TCP mode. Each mode and JDK gets its own
 * pair of ports, so one run's sockets cannot disturb another's.
 */
class TcpModesForkedTest {
    private static final String CANNOT_ASSIGN = "java.net.BindException:Cannot_assign_requested_address";

    static Stream<Jdk> jdks() {
        return Jdk.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void pinRetriesAClashingFourTupleOnTheNextPortAndSharesItWithoutSoReuseaddr(Jdk jdk) throws Exception {
        int low = lowPort(jdk, 0);
        Scenario run = Scenario.run(jdk, "tcp.mode=pin", low, "mode=pin");

        run.assertConnection(1, low + 1, false);
        run.assertConnection(2, low, false);
        run.assertConnection(3, low, false);
        assertThat(run.tcpAllocations()).extracting(a -> a.port + " " + a.probes + " " + a.via)
                .containsExactly((low + 1) + " 1 pin", low + " 1 pin", low + " 2 pin");
        run.assertUdpNeverShares(low, "kernel");
        run.assertCounters("allocations=5 exhaustions=1 kernel-fallbacks=1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void autoSharesAndRetriesAClashOnAFreshSocket(Jdk jdk) throws Exception {
        int low = lowPort(jdk, 2);
        Scenario run = Scenario.run(jdk, "", low, "mode=auto(share+retry:isolates)");

        run.assertConnection(3, low, true);
        assertThat(run.tcpAllocations()).extracting(a -> a.via).containsExactly("share", "share", "share", "retry");
    }

    /** A clash is met after the bind; share mode puts a fresh socket bound to the next candidate under the descriptor. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void shareBindsWithSoReuseaddrAndRetriesAClashingFourTupleOnAFreshSocket(Jdk jdk) throws Exception {
        int low = lowPort(jdk, 4);
        Scenario run = Scenario.run(jdk, "tcp.mode=share", low, "mode=share");

        run.assertConnection(1, low + 1, true);
        run.assertConnection(2, low, true);
        run.assertConnection(3, low, true);
        assertThat(run.tcpAllocations()).extracting(a -> a.port + " " + a.via)
                .containsExactly((low + 1) + " share", low + " share", (low + 1) + " share", low + " retry");
        run.assertUdpNeverShares(low, "kernel");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void autoSharesAndRetriesWhenTheRangeLiesOutsideTheKernelsRange(Jdk jdk) throws Exception {
        int low = 61000 + (jdk.feature() >= 25 ? 100 : 0);
        Scenario run = Scenario.run(jdk, "", low, "mode=auto(share+retry:isolates)");

        run.assertConnection(1, low + 1, true);
        run.assertConnection(2, low, true);
        run.assertConnection(3, low, true);
        assertThat(run.tcpAllocations()).extracting(a -> a.via).containsExactly("share", "share", "share", "retry");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void exclusiveNeverSharesAndLetsTheKernelChooseWhenTheRangeIsFull(Jdk jdk) throws Exception {
        int low = lowPort(jdk, 6);
        Scenario run = Scenario.run(jdk, "tcp.mode=exclusive,on-exhaustion=kernel", low, "mode=exclusive");

        run.assertConnection(1, low + 1, false);
        run.assertConnection(2, low, false);
        Result third = run.tcp(3);
        assertThat(third.get("error")).as(run.describe()).isNull();
        assertThat(third.port()).as("#3: the kernel's port, outside the full range").isPositive().isNotIn(low, low + 1);
        assertThat(run.tcpAllocations()).as("no allocation for the kernel's port").hasSize(2);
        assertThat(run.run.stderr()).as("the fallback is counted and said once")
                .containsOnlyOnce("[portalgo] tcp bsd found no free port within 2 attempts; the kernel chose "
                        + "(portalgo.on-exhaustion=kernel)");
        run.assertUdpNeverShares(low, "kernel");
        run.assertCounters("allocations=4 exhaustions=2 kernel-fallbacks=2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void exclusiveWithOnExhaustionFailGivesTheApplicationTheKernelsBindException(Jdk jdk) throws Exception {
        int low = lowPort(jdk, 8);
        Scenario run = Scenario.run(jdk, "tcp.mode=exclusive,on-exhaustion=fail", low, "mode=exclusive");

        run.assertConnection(1, low + 1, false);
        run.assertConnection(2, low, false);
        assertThat(run.tcp(3).get("error")).as(run.describe()).startsWith(CANNOT_ASSIGN);
        assertThat(run.tcpAllocations()).hasSize(2);
        run.assertUdpNeverShares(low, "fail");
        run.assertCounters("allocations=4 exhaustions=2 kernel-fallbacks=0");
    }

    /** Two ports of 40000-40199 for one test and JDK, inside the kernel's 32768-60999. */
    private static int lowPort(Jdk jdk, int offset) {
        return 40000 + (jdk.feature() >= 25 ? 100 : 0) + offset;
    }

    /** One forked {@link TcpModeScenario} and what it printed. */
    private static final class Scenario {
        final Run run;
        final Map<String, Result> results;

        private Scenario(Run run) {
            this.run = run;
            this.results = run.results().stream().collect(Collectors.toMap(r -> r.get("kind") + r.get("n") + r.get("name"),
                    r -> r));
        }

        static Scenario run(Jdk jdk, String mode, int low, String startLineMode) throws Exception {
            String arguments = (mode.isEmpty() ? "" : mode + ",") + "algorithm=bsd,range=" + low + "-" + (low + 1)
                    + ",reserved=,listeners=false,log.level=debug";
            Scenario scenario = new Scenario(ForkedJvm.on(jdk).agentArguments(arguments).run(TcpModeScenario.class));
            assertThat(scenario.run.exitCode()).as(scenario.describe()).isZero();
            assertThat(scenario.run.stderr()).as(scenario.describe()).anyMatch(line -> line.startsWith("[portalgo] portalgo ")
                    && line.contains(" active (") && line.contains(" " + startLineMode + " "));
            return scenario;
        }

        Result tcp(int n) {
            return results.get("tcp" + n + "null");
        }

        Result udp(int n) {
            return results.get("udp" + n + "null");
        }

        List<Allocation> tcpAllocations() {
            return run.allocations().stream().filter(a -> a.protocol.equals("tcp")).toList();
        }

        void assertConnection(int n, int port, boolean reuseAddress) {
            Result result = tcp(n);
            assertThat(result.get("error")).as("#%d\n%s", n, describe()).isNull();
            assertThat(result.port()).as("#%d\n%s", n, describe()).isEqualTo(port);
            assertThat(result.get("reuse")).as("#%d: getReuseAddress()", n).isEqualTo(String.valueOf(reuseAddress));
            String server = results.get("servernull" + result.get("dest")).get("port");
            assertThat(tcpAllocations()).as("#%d: the agent chose %d for it", n, port)
                    .anyMatch(a -> a.port == port && a.destination.equals("127.0.0.1:" + server));
        }

        /**
         * Two UDP sockets take the two ports, without SO_REUSEADDR; the third finds none: the
         * kernel chooses another port, or (on-exhaustion=fail) the bind fails.
         */
        void assertUdpNeverShares(int low, String onExhaustion) {
            assertThat(udp(1).port()).as(describe()).isEqualTo(low + 1);
            assertThat(udp(2).port()).as(describe()).isEqualTo(low);
            assertThat(udp(1).get("reuse")).isEqualTo("false");
            assertThat(udp(2).get("reuse")).isEqualTo("false");
            if (onExhaustion.equals("fail")) {
                assertThat(udp(3).get("error")).as(describe()).startsWith(CANNOT_ASSIGN);
            } else {
                assertThat(udp(3).get("error")).as(describe()).isNull();
                assertThat(udp(3).port()).as(describe()).isPositive().isNotIn(low, low + 1);
            }
            assertThat(run.allocations().stream().filter(a -> a.protocol.equals("udp")).map(a -> a.port))
                    .containsExactly(low + 1, low);
        }

        /** The agent's totals over TCP and UDP, read from its MBean by the application. */
        void assertCounters(String expected) {
            Result stats = results.get("statsnullnull");
            assertThat(stats).as(describe()).isNotNull();
            assertThat("allocations=" + stats.get("allocations") + " exhaustions=" + stats.get("exhaustions")
                    + " kernel-fallbacks=" + stats.get("kernel-fallbacks")).as(describe()).isEqualTo(expected);
        }

        String describe() {
            return run.describe();
        }
    }
}
