package io.portalgo.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalgo.it.Run.Allocation;
import io.portalgo.it.Run.Result;
import io.portalgo.it.app.SocketPaths;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every path of the JDK that hands out an ephemeral port, in a JVM forked with the real agent
 * jar, on Java 17 and 25: the port the socket reports ({@code getLocalPort()}) is the port the
 * agent says it chose, through the mechanism the path calls for, and data crossed a real peer.
 */
class SocketPathsForkedTest {
    /**
     * Path -> protocol, family of the agent's state, and how the port is taken (on this Linux 6.3+
     * auto mode binds a shared port before connect, share+retry). {@code bind(null)} and {@code new DatagramSocket()} bind 0.0.0.0 on a
     * dual-stack socket unless {@code java.net.preferIPv6Addresses} is set, so they are IPv4 state.
     */
    private static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("tcp-socket-connect", "tcp inet share"),
            Map.entry("tcp-new-socket", "tcp inet share"),
            Map.entry("tcp-socket-ipv6", "tcp inet6 share"),
            Map.entry("tcp-channel-open", "tcp inet share"),
            Map.entry("tcp-channel-nonblocking", "tcp inet share"),
            Map.entry("tcp-channel-inet6", "tcp inet6 share"),
            Map.entry("tcp-channel-adaptor", "tcp inet share"),
            Map.entry("tcp-async-connect", "tcp inet share"),
            Map.entry("tcp-virtual-thread", "tcp inet share"),
            Map.entry("tcp-socket-bind0", "tcp inet bind"),
            Map.entry("tcp-channel-bind0", "tcp inet bind"),
            Map.entry("listener-serversocket", "tcp inet listener"),
            Map.entry("listener-serverchannel", "tcp inet listener"),
            Map.entry("listener-async", "tcp inet listener"),
            Map.entry("udp-channel-send", "udp inet bind"),
            Map.entry("udp-channel-connect", "udp inet bind"),
            Map.entry("udp-channel-bind0", "udp inet bind"),
            Map.entry("udp-channel-ipv6", "udp inet6 bind"),
            Map.entry("udp-datagramsocket", "udp inet bind"),
            Map.entry("udp-datagramsocket-unbound-send", "udp inet bind"),
            Map.entry("udp-multicastsocket", "udp inet bind"));

    static Stream<Jdk> jdks() {
        return Jdk.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void everyPathGetsThePortTheAgentChose(Jdk jdk) throws Exception {
        Run run = ForkedJvm.on(jdk).agentArguments("algorithm=bsd,range=40000-44999,log.level=debug")
                .run(SocketPaths.class);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        List<Result> results = run.results();
        List<String> expectedPaths = EXPECTED.keySet().stream()
                .filter(path -> jdk.feature() >= 21 || !path.equals("tcp-virtual-thread")).sorted().collect(Collectors.toList());
        assertThat(results.stream().map(result -> result.get("scenario")).sorted()).as(run.describe())
                .containsExactlyElementsOf(expectedPaths);
        List<Allocation> allocations = run.allocations();
        SoftAssertions softly = new SoftAssertions();
        for (Result result : results) {
            String path = result.get("scenario");
            softly.assertThat(result.get("exchanged")).as(path + " exchanged data").isEqualTo("true");
            String[] expected = EXPECTED.get(path).split(" ");
            softly.assertThat(result.port()).as(path).isBetween(40000, 44999);
            softly.assertThat(allocations).as(path + ": the agent chose port " + result.port())
                    .anySatisfy(allocation -> {
                        assertThat(allocation.port).isEqualTo(result.port());
                        assertThat(allocation.protocol).isEqualTo(expected[0]);
                        assertThat(allocation.family).isEqualTo(expected[1]);
                        assertThat(allocation.via).isEqualTo(expected[2]);
                        assertThat(allocation.algorithm).isEqualTo("bsd");
                    });
        }
        softly.assertAll();
    }
}
