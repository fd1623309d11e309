package io.portalgo.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalgo.it.Run.Result;
import io.portalgo.it.app.UdpExhaustion;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code portalgo.on-exhaustion} for UDP: a two-port range held by two sockets, then three more
 * binds to port 0 ({@code DatagramChannel.bind(null)}, {@code new DatagramSocket()}, the implicit
 * bind of a first send). {@code fail} gives each the kernel's {@code BindException}; {@code kernel}
 * gives each a working socket on a port of the kernel's choosing. {@code random_start}, because it
 * covers the range: {@code random_pick} may miss the one free port, as the RFC allows.
 */
class ExhaustionForkedTest {
    private static final List<String> WAYS = List.of("channel-bind", "datagramsocket", "implicit-send");

    static Stream<Jdk> jdks() {
        return Jdk.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void failGivesTheApplicationCannotAssignRequestedAddress(Jdk jdk) throws Exception {
        int low = lowPort(jdk, 0);
        Map<String, Result> results = run(jdk, low, "fail");

        for (String way : WAYS) {
            assertThat(results.get(way).get("error")).as(way)
                    .startsWith("java.net.BindException:Cannot_assign_requested_address");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void kernelGivesAWorkingSocketOnAKernelPort(Jdk jdk) throws Exception {
        int low = lowPort(jdk, 2);
        Map<String, Result> results = run(jdk, low, "kernel");

        for (String way : WAYS) {
            assertThat(results.get(way).get("error")).as(way).isNull();
            assertThat(results.get(way).port()).as(way + ": echoed from a port outside the full range")
                    .isPositive().isNotIn(low, low + 1);
        }
    }

    private static Map<String, Result> run(Jdk jdk, int low, String onExhaustion) throws Exception {
        Run run = ForkedJvm.on(jdk).agentArguments("udp.algorithm=random_start,range=" + low + "-" + (low + 1)
                + ",reserved=,on-exhaustion=" + onExhaustion + ",log.level=debug").run(UdpExhaustion.class, "2");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        List<Result> holders = run.results().stream().filter(r -> r.get("kind").equals("holder")).toList();
        assertThat(holders).extracting(Result::port).as(run.describe()).containsExactlyInAnyOrder(low, low + 1);
        assertThat(run.allocations()).as("only the holders got the agent's ports").extracting(a -> a.port)
                .containsExactlyInAnyOrder(low, low + 1);
        Map<String, Result> results = run.results().stream().collect(Collectors.toMap(r -> r.get("kind"), r -> r,
                (first, second) -> first));
        assertThat(results).as(run.describe()).containsKeys(WAYS.toArray(String[]::new));
        return results;
    }

    /** Two ports of 40500-40699 for one test and JDK. */
    private static int lowPort(Jdk jdk, int offset) {
        return 40500 + (jdk.feature() >= 25 ? 100 : 0) + offset;
    }
}
