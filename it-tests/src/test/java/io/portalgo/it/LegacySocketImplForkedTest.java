package io.portalgo.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalgo.it.Run.Result;
import io.portalgo.it.app.TcpModeScenario;
import io.portalgo.it.app.UntouchedPorts;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Java 17's legacy {@code PlainSocketImpl} ({@code -Djdk.net.usePlainSocketImpl=true}; gone in
 * later JDKs, so these run on the build's Java 17 only): the agent warns once, and connects of
 * unbound sockets, which still pass {@code NetHooks.beforeTcpConnect}, get the agent's ports.
 * On later JDKs the property means nothing, so there is nothing to warn about.
 */
class LegacySocketImplForkedTest {
    private static final String LEGACY = "-Djdk.net.usePlainSocketImpl=true";

    private static Jdk java17() {
        return Jdk.all().stream().filter(jdk -> jdk.feature() == 17).findFirst()
                .orElseThrow(() -> new IllegalStateException("the build runs on Java 17; no Java 17 in " + Jdk.all()));
    }

    @Test
    void warnsOnceAndAConnectOfAnUnboundSocketGetsThePortTheAgentChose() throws Exception {
        Run run = ForkedJvm.on(java17()).agentArguments("range=40300-40399,log.level=debug").jvmOption(LEGACY)
                .run(UntouchedPorts.class, "ephemeral");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        Map<String, Result> results = run.results().stream().collect(Collectors.toMap(r -> r.get("kind"), r -> r));

        assertThat(run.stderr()).filteredOn(line -> line.startsWith("[portalgo] warn: ")).as(run.describe())
                .singleElement().asString().contains("usePlainSocketImpl");
        int connected = results.get("ephemeral-connect").port();
        assertThat(connected).as("the legacy connect got a port of the range").isBetween(40300, 40399);
        assertThat(run.allocations()).as("the agent says it chose %d\n%s", connected, run.describe())
                .anyMatch(allocation -> allocation.port == connected && allocation.protocol.equals("tcp"));
    }

    /** The failure policy: a clash the default implementation retries must not reach the application here either. */
    @Test
    void aFourTupleClashOfAPinnedLegacyConnectIsRetriedNotThrownAtTheApplication() throws Exception {
        Run run = ForkedJvm.on(java17()).agentArguments("algorithm=bsd,range=40400-40401,reserved=,tcp.mode=pin,"
                + "listeners=false,log.level=debug").jvmOption(LEGACY).run(TcpModeScenario.class);
        assertThat(run.exitCode()).as(run.describe()).isZero();
        List<Result> connections = run.results().stream().filter(r -> r.get("kind").equals("tcp")).toList();

        assertThat(connections).as(run.describe()).hasSize(3).allSatisfy(r -> assertThat(r.get("error")).isNull());
        List<Integer> announced = run.allocations().stream().filter(a -> a.protocol.equals("tcp")).map(a -> a.port).toList();
        assertThat(connections).extracting(Result::port).as("every port of the range is one the agent announced")
                .allSatisfy(port -> assertThat(port < 40400 || port > 40401 || announced.contains(port)).isTrue());
    }

    /** JDKs without the legacy implementations; none makes this test fail visibly (JUnit: no arguments). */
    static Stream<Jdk> jdksWithoutLegacySockets() {
        return Jdk.all().stream().filter(jdk -> jdk.feature() > 17);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdksWithoutLegacySockets")
    void laterJdksIgnoreThePropertySoTheAgentNeitherWarnsNorLeavesListenersToTheKernel(Jdk jdk) throws Exception {
        Run run = ForkedJvm.on(jdk).agentArguments("range=40300-40399,log.level=debug").jvmOption(LEGACY)
                .run(UntouchedPorts.class, "ephemeral");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        int listener = run.results().stream().filter(r -> r.get("kind").equals("ephemeral-listener")).findFirst()
                .orElseThrow().port();

        assertThat(run.allocations()).as("ServerSocket(0) got the agent's port").anyMatch(a -> a.port == listener
                && a.via.equals("listener"));
        assertThat(run.stderrBeyondDebug()).as("no warning about an implementation this JDK does not have\n"
                + run.describe()).noneMatch(line -> line.startsWith("[portalgo] warn: "));
    }
}
