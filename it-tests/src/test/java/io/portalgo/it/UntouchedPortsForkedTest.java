package io.portalgo.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalgo.it.Run.Allocation;
import io.portalgo.it.Run.Result;
import io.portalgo.it.app.UntouchedPorts;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the agent must not touch, on Java 17 and 25: explicit ports, Unix-domain sockets, every
 * socket when {@code enabled=false}, listeners when {@code listeners=false}. Debug logging is on
 * in every run, so a port the agent chose would show as an allocation line; each run also makes
 * sockets the agent does serve (or must not, when disabled), so a silent agent cannot pass.
 */
class UntouchedPortsForkedTest {
    private static final String RANGE = "range=40200-40299,log.level=debug";

    static Stream<Jdk> jdks() {
        return Jdk.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void explicitPortsAndUnixDomainSocketsAreLeftAloneWhileEphemeralOnesAreServed(Jdk jdk) throws Exception {
        Run run = ForkedJvm.on(jdk).agentArguments(RANGE).run(UntouchedPorts.class, "explicit", "unix", "ephemeral");
        Map<String, Result> results = byKind(run);

        for (String kind : List.of("explicit-serversocket", "explicit-socket", "explicit-datagramsocket")) {
            Result result = results.get(kind);
            assertThat(result).as(kind + "\n" + run.describe()).isNotNull();
            assertThat(result.port()).as(kind + ": the port asked for").isEqualTo(Integer.parseInt(result.get("asked")));
        }
        assertThat(results.get("explicit-socket").get("seen-by-server")).as("the server saw the client's fixed port")
                .isEqualTo(results.get("explicit-socket").get("asked"));
        assertThat(results.get("unix").get("exchanged")).as(run.describe()).isEqualTo("true");

        List<Allocation> allocations = run.allocations();
        assertThat(allocations).as("only the four ephemeral sockets got the agent's ports\n" + run.describe())
                .extracting(a -> a.port + " " + a.protocol + " " + a.via)
                .containsExactly(port(results, "ephemeral-connect") + " tcp share",
                        port(results, "ephemeral-listener") + " tcp listener",
                        port(results, "ephemeral-listener-client") + " tcp share",
                        port(results, "ephemeral-udp") + " udp bind");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void disabledLeavesEveryPortToTheKernel(Jdk jdk) throws Exception {
        Run run = ForkedJvm.on(jdk).agentArguments("enabled=false," + RANGE).run(UntouchedPorts.class, "ephemeral");
        Map<String, Result> results = byKind(run);

        assertThat(results).as(run.describe()).containsKeys("ephemeral-connect", "ephemeral-listener",
                "ephemeral-listener-client", "ephemeral-udp");
        assertThat(run.allocations()).as(run.describe()).isEmpty();
        assertThat(run.stderr()).as("the start-up line says so").anyMatch(line -> line.startsWith("[portalgo] portalgo ")
                && line.contains(": disabled "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void listenersFalseLeavesServerSocketZeroToTheKernelButServesItsClients(Jdk jdk) throws Exception {
        Run run = ForkedJvm.on(jdk).agentArguments("listeners=false," + RANGE).run(UntouchedPorts.class, "ephemeral");
        Map<String, Result> results = byKind(run);

        assertThat(run.allocations()).as(run.describe()).extracting(a -> a.port + " " + a.protocol + " " + a.via)
                .containsExactly(port(results, "ephemeral-connect") + " tcp share",
                        port(results, "ephemeral-listener-client") + " tcp share",
                        port(results, "ephemeral-udp") + " udp bind");
        assertThat(run.allocations()).extracting(a -> a.destination)
                .contains("127.0.0.1:" + port(results, "ephemeral-listener"));
    }

    private static int port(Map<String, Result> results, String kind) {
        return results.get(kind).port();
    }

    private static Map<String, Result> byKind(Run run) {
        assertThat(run.exitCode()).as(run.describe()).isZero();
        return run.results().stream().collect(Collectors.toMap(result -> result.get("kind"), result -> result));
    }
}
