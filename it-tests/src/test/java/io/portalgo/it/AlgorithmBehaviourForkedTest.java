package io.portalgo.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalgo.it.AlgorithmRunCheck.Connection;
import io.portalgo.it.app.AlgorithmRun;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each algorithm on real sockets, in a JVM forked with the real agent jar on Java 17 and 25:
 * loopback TCP connects and UDP binds whose ports follow the selector's arithmetic, with every
 * {@code getLocalPort()} equal to the agent's chosen port and no port outside the range or
 * reserved. A step between two ports of a sequence is measured in usable ports (reserved ones
 * taken out), and a candidate the kernel refused (probes > 1) advances a counter once more,
 * which the expected steps include.
 */
class AlgorithmBehaviourForkedTest {
    /** 96 usable ports of 100, with reserved ports at the top, in the middle and near the bottom. */
    private static final String RESERVED = "41003,41050-41052,41099";
    private static final PortSpace SPACE = PortSpace.of(41000, 41099, RESERVED);
    /**
     * The runs whose UDP ports get a chi-square test at p > 0.001 are seeded: unseeded, each such
     * assertion fails once in a thousand runs by chance alone (it did), and a build must not.
     */
    private static final String SEEDED = "seed=6056,";
    private static final String COMMON = SPACE.agentArguments(RESERVED) + ",listeners=false,log.level=debug";
    private static final int UDP_BINDS = 3000;

    static Stream<Jdk> jdks() {
        return Jdk.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void bsdCountsDownThroughEveryUsablePortAndWrapsToTheTop(Jdk jdk) throws Exception {
        Run run = ForkedJvm.on(jdk).agentArguments("tcp.algorithm=bsd,udp.algorithm=random_start," + SEEDED + COMMON)
                .run(AlgorithmRun.class, "tcp:A:120", "udp:" + UDP_BINDS);
        AlgorithmRunCheck check = AlgorithmRunCheck.of(run, SPACE, "bsd", "random_start");

        List<Connection> connections = check.connections();
        assertThat(connections).hasSize(120);
        assertThat(connections.get(0).port()).as("the first port is the top usable one, after this JVM's first "
                + "candidates").isEqualTo(SPACE.usable().get(SPACE.size() - connections.get(0).probes()));
        for (int i = 1; i < connections.size(); i++) {
            Connection previous = connections.get(i - 1);
            Connection next = connections.get(i);
            assertThat(SPACE.stepUp(next.port(), previous.port())).as("connection %d: %d then %d, %d probes", i,
                    previous.port(), next.port(), next.probes()).isEqualTo(next.probes());
        }
        assertThat(connections.stream().map(Connection::port).distinct().count())
                .as("120 connections over %d usable ports visit every one", SPACE.size()).isEqualTo(SPACE.size());
        assertUniform(check.udpPorts(), "random_start");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void hashGivesOneDestinationConsecutivePortsAndSharesItsCounterAcrossDestinations(Jdk jdk) throws Exception {
        Run run = ForkedJvm.on(jdk).agentArguments("tcp.algorithm=hash,udp.algorithm=random_pick,rekey=0," + SEEDED + COMMON)
                .run(AlgorithmRun.class, "tcp:A:40", "tcp:AB:60", "udp:" + UDP_BINDS);
        AlgorithmRunCheck check = AlgorithmRunCheck.of(run, SPACE, "hash", "random_pick");

        List<Connection> connections = check.connections();
        assertThat(connections).hasSize(100);
        for (int i = 1; i < 40; i++) {
            assertThat(SPACE.stepUp(connections.get(i - 1).port(), connections.get(i).port()))
                    .as("A alone, connection %d: %s then %s", i, connections.get(i - 1), connections.get(i))
                    .isEqualTo(connections.get(i).probes());
        }
        assertStepsOfSharedCounter(connections.subList(39, 100));
        assertUniform(check.udpPorts(), "random_pick");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void doublehashKeepsAnIndependentSequencePerDestination(Jdk jdk) throws Exception {
        Run run = ForkedJvm.on(jdk).agentArguments("algorithm=doublehash,doublehash.noise=0,rekey=0," + COMMON)
                .run(AlgorithmRun.class, "tcp:AB:80");
        AlgorithmRunCheck check = AlgorithmRunCheck.of(run, SPACE, "doublehash", "doublehash");

        // With 65,536 buckets A and B share one with probability 1/65,536: then this test fails.
        for (String destination : List.of("A", "B")) {
            List<Connection> sequence = check.connectionsTo(destination);
            assertThat(sequence).hasSize(40);
            for (int i = 1; i < sequence.size(); i++) {
                assertThat(SPACE.stepUp(sequence.get(i - 1).port(), sequence.get(i).port()))
                        .as("%s, its connection %d, B's interleaved: %s then %s", destination, i, sequence.get(i - 1),
                                sequence.get(i))
                        .isEqualTo(sequence.get(i).probes());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void doublehashWithOneCounterSharesItAsHashDoes(Jdk jdk) throws Exception {
        Run run = ForkedJvm.on(jdk)
                .agentArguments("algorithm=doublehash,doublehash.noise=0,doublehash.table-size=1,rekey=0," + COMMON)
                .run(AlgorithmRun.class, "tcp:AB:80");
        AlgorithmRunCheck check = AlgorithmRunCheck.of(run, SPACE, "doublehash", "doublehash");

        assertStepsOfSharedCounter(check.connections());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void randincStepsByOneToNPerCandidate(Jdk jdk) throws Exception {
        int n = 8;
        Run run = ForkedJvm.on(jdk).agentArguments("algorithm=randinc,randinc.n=" + n + "," + COMMON)
                .run(AlgorithmRun.class, "tcp:A:100");
        AlgorithmRunCheck check = AlgorithmRunCheck.of(run, SPACE, "randinc", "randinc");

        List<Connection> connections = check.connections();
        Set<Integer> steps = new HashSet<>();
        for (int i = 1; i < connections.size(); i++) {
            int step = SPACE.stepUp(connections.get(i - 1).port(), connections.get(i).port());
            int probes = connections.get(i).probes();
            assertThat(step).as("connection %d: %s then %s", i, connections.get(i - 1), connections.get(i))
                    .isBetween(probes, n * probes);
            steps.add(step);
        }
        assertThat(steps).as("99 random steps of 1..%d take more than 3 values", n).hasSizeGreaterThan(3);
    }

    /**
     * One counter for every destination: between two connections to one destination the counter
     * moved once per candidate of every connection in between, whatever its destination (A, B,
     * A, B with one probe each: A's ports step by 2).
     */
    private static void assertStepsOfSharedCounter(List<Connection> connections) {
        for (int j = 1; j < connections.size(); j++) {
            int i = j - 1;
            int candidates = connections.get(j).probes();
            while (i >= 0 && !connections.get(i).destination().equals(connections.get(j).destination())) {
                candidates += connections.get(i).probes();
                i--;
            }
            if (i < 0) {
                continue;
            }
            assertThat(SPACE.stepUp(connections.get(i).port(), connections.get(j).port()))
                    .as("connection %d (%s) after %d (%s) with other destinations in between", j, connections.get(j), i,
                            connections.get(i))
                    .isEqualTo(candidates);
        }
        assertThat(connections.stream().map(Connection::destination).distinct()).containsExactlyInAnyOrder("A", "B");
    }

    /** Chi-square against the uniform distribution over the usable ports. */
    private static void assertUniform(List<Integer> ports, String algorithm) {
        assertThat(ports).hasSize(UDP_BINDS);
        long[] observed = new long[SPACE.size()];
        ports.forEach(port -> observed[SPACE.index(port)]++);
        double[] expected = new double[SPACE.size()];
        java.util.Arrays.fill(expected, (double) UDP_BINDS / SPACE.size());
        double p = new ChiSquareTest().chiSquareTest(expected, observed);
        assertThat(p).as("%s over %s: chi-square p-value of %s", algorithm, SPACE, java.util.Arrays.toString(observed))
                .isGreaterThan(0.001);
    }
}
