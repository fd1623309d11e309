package io.portalgo.it.nat;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalgo.it.ForkedJvm;
import io.portalgo.it.Jdk;
import io.portalgo.it.Prerequisites;
import io.portalgo.it.Run.Result;
import io.portalgo.it.app.PortReflector;
import io.portalgo.it.app.ReflectedPorts;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 6056 §4 behind a randomizing NAT: nftables' {@code masquerade fully-random} gives every
 * connection a random outside port, whatever the host chose. Every algorithm's connections go
 * through it; what the server sees is the NAT's choice, not the algorithm's: the host's
 * {@code bsd} counts down by one, the server sees no order at all. So behind such a NAT the
 * host's algorithm decides only the inside ports (collisions inside, TIME_WAIT reuse on the
 * host); the outside world sees the NAT's randomness, which is as unpredictable as
 * {@code random_pick} for every algorithm (and hides bsd's sequence and hash's per-destination
 * runs alike).
 */
class NatRandomFullyForkedTest {
    private static final int CONNECTIONS = 100;
    private static NatTopology topology;

    @BeforeAll
    static void buildTopology() throws Exception {
        Prerequisites.require("network namespaces with nftables", NatTopology.missingPrerequisite());
        topology = NatTopology.create("h6nat", "masquerade fully-random");
    }

    @AfterAll
    static void removeTopology() {
        if (topology != null) {
            topology.close();
        }
    }

    @Test
    void everyAlgorithmsConnectionsPassAndTheServerSeesTheNatsRandomPorts() throws Exception {
        Map<String, String> seen = new LinkedHashMap<>();
        int serverPort = 8100;
        for (String algorithm : List.of("bsd", "random_start", "random_pick", "hash", "doublehash", "randinc")) {
            List<int[]> pairs = connect(algorithm, serverPort++);
            assertThat(pairs).as(algorithm).hasSize(CONNECTIONS);
            int kept = 0;
            int sameStep = 0;
            for (int i = 0; i < pairs.size(); i++) {
                if (pairs.get(i)[0] == pairs.get(i)[1]) {
                    kept++;
                }
                if (i > 0 && pairs.get(i)[0] - pairs.get(i - 1)[0] == pairs.get(i)[1] - pairs.get(i - 1)[1]) {
                    sameStep++;
                }
            }
            seen.put(algorithm, String.format("kept %d/%d, steps kept %d/%d, host %s.. server %s..", kept, CONNECTIONS, sameStep,
                    CONNECTIONS - 1, firstOf(pairs, 0), firstOf(pairs, 1)));
            assertThat(kept).as("%s: a fully-random NAT keeps almost no source port", algorithm).isLessThan(CONNECTIONS / 10);
            assertThat(sameStep).as("%s: nor the algorithm's steps", algorithm).isLessThan(CONNECTIONS / 10);
        }
        System.out.println("behind masquerade fully-random (" + CONNECTIONS + " connections per algorithm):");
        seen.forEach((algorithm, what) -> System.out.println("  " + algorithm + ": " + what));
    }

    private static String firstOf(List<int[]> pairs, int side) {
        return pairs.stream().limit(5).map(pair -> Integer.toString(pair[side])).toList().toString();
    }

    /** {@code [local, seen]} for each of {@link #CONNECTIONS} connections of one host running {@code algorithm}. */
    private static List<int[]> connect(String algorithm, int serverPort) throws Exception {
        Jdk jdk = Jdk.all().get(0);
        Process server = new ProcessBuilder(NatTopology.inNamespace(topology.server(), ForkedJvm.on(jdk).withoutAgent()
                .command(PortReflector.class, NatTopology.SERVER_ADDRESS, Integer.toString(serverPort)))).redirectErrorStream(true).start();
        try {
            BufferedReader serverOut = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            assertThat(serverOut.readLine()).isEqualTo("LISTENING");
            Process host = new ProcessBuilder(NatTopology.inNamespace(topology.host(1), ForkedJvm.on(jdk).agentArguments("algorithm="
                    + algorithm).command(ReflectedPorts.class, NatTopology.SERVER_ADDRESS, Integer.toString(serverPort),
                    Integer.toString(CONNECTIONS)))).start();
            String out = new String(host.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(host.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(host.exitValue()).as(out + new String(host.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
            List<int[]> pairs = new ArrayList<>();
            out.lines().filter(line -> line.startsWith("RESULT ")).map(Result::parseLine)
                    .forEach(result -> pairs.add(new int[] {Integer.parseInt(result.get("local")), Integer.parseInt(result.get("seen"))}));
            return pairs;
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
