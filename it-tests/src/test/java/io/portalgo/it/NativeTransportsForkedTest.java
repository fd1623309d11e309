package io.portalgo.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalgo.it.Run.Allocation;
import io.portalgo.it.Run.Result;
import io.portalgo.it.app.netty.GrpcPorts;
import io.portalgo.it.app.netty.NettyPorts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Netty's native transports under the real agent jar, on Java 17 and 25: epoll and io_uring
 * (Netty 4.2) TCP and UDP, and gRPC on {@code grpc-netty-shaded} (a relocated Netty 4.1 epoll).
 * The port each server saw is the port the agent says it chose, through the mechanism the
 * transport calls for (epoll connects as the JDK paths do; io_uring queues its connects, so they bind first),
 * and the ports follow the algorithm as on the JDK's paths. Under {@code CI=true} a transport
 * the kernel refuses fails the test instead of skipping it.
 */
class NativeTransportsForkedTest {
    private static final String RANGE = "range=50000-50999";
    private static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));

    static Stream<Arguments> jdksAndTransports() {
        return Jdk.all().stream().flatMap(jdk -> Stream.of(Arguments.of(jdk, "epoll"), Arguments.of(jdk, "io_uring")));
    }

    static Stream<Jdk> jdks() {
        return Jdk.all().stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jdksAndTransports")
    void everyNativePathGetsThePortTheAgentChoseFollowingTheAlgorithm(Jdk jdk, String transport) throws Exception {
        Run run = netty(jdk, "tcp.algorithm=hash,udp.algorithm=bsd,rekey=0," + RANGE + ",log.level=debug", transport,
                "tcp:AB:8", "udp-bind:2", "udp-connect:2", "udp-send:2");

        assertThat(run.stderr()).as(run.describe()).anyMatch(line -> line.contains(" native=on"))
                .anyMatch(line -> line.contains("native transport covered: io.netty.channel.unix.Socket"));
        List<Allocation> allocations = run.allocations();
        // epoll connects as the JDK paths do (auto: share with the fresh-socket retry); io_uring queues its
        // connects, which cannot be repeated, so it binds exclusively.
        String connectVia = transport.equals("epoll") ? "share" : "exclusive";
        SoftAssertions softly = new SoftAssertions();
        Map<String, List<Result>> byScenario = run.results().stream().collect(Collectors.groupingBy(r -> r.get("scenario")));
        softly.assertThat(byScenario.keySet()).containsExactlyInAnyOrder("tcp-connect", "udp-bind", "udp-connect", "udp-send");
        for (Result result : run.results()) {
            String scenario = result.get("scenario");
            int seen = Integer.parseInt(result.get("seen"));
            boolean tcp = scenario.startsWith("tcp");
            softly.assertThat(allocations).as(scenario + ": the server saw port " + seen + "\n" + run.describe())
                    .anySatisfy(allocation -> {
                        assertThat(allocation.port).isEqualTo(seen);
                        assertThat(allocation.protocol).isEqualTo(tcp ? "tcp" : "udp");
                        assertThat(allocation.algorithm).isEqualTo(tcp ? "hash" : "bsd");
                        assertThat(allocation.via).isEqualTo(tcp ? connectVia : "bind");
                        if (!scenario.equals("udp-bind")) {
                            assertThat(allocation.destination).startsWith("127.0.0.1:");
                        }
                    });
            if (!scenario.equals("udp-send")) { // Netty does not read back the port of an implicit bind
                softly.assertThat(result.port()).as(scenario + ": the channel's own local port").isEqualTo(seen);
            }
        }
        for (String listener : run.stdout().stream().filter(line -> line.startsWith("LISTENER ")).collect(Collectors.toList())) {
            int port = Integer.parseInt(listener.replaceAll(".*port=", ""));
            softly.assertThat(allocations).as("listener " + listener).anyMatch(a -> a.port == port && a.via.equals("listener"));
        }
        List<Allocation> udp = allocations.stream().filter(a -> a.protocol.equals("udp")).collect(Collectors.toList());
        softly.assertThat(udp).hasSize(3 + 6); // three JDK receivers and six Netty channels
        for (int i = 1; i < udp.size(); i++) {
            softly.assertThat(udp.get(i).port).as("udp: bsd counts down: %s then %s", udp.get(i - 1), udp.get(i))
                    .isEqualTo(udp.get(i - 1).port - udp.get(i).probes);
        }
        List<Result> connects = byScenario.getOrDefault("tcp-connect", List.of());
        softly.assertThat(connects).hasSize(8);
        // Algorithm 3's one counter moves once per candidate tried, to either server: between two
        // connections to one server it moved by the other server's candidates and its own, 1 + 1
        // when no candidate was busy (a listener of this JVM may hold one: then the probes say so).
        Map<Integer, Integer> probesOfPort = allocations.stream()
                .filter(a -> a.protocol.equals("tcp") && a.via.equals(connectVia))
                .collect(Collectors.toMap(a -> a.port, a -> a.probes, (first, second) -> second));
        for (int k = 2; k < connects.size(); k++) {
            Result previous = connects.get(k - 2);
            Result between = connects.get(k - 1);
            Result next = connects.get(k);
            int previousPort = Integer.parseInt(previous.get("seen"));
            int nextPort = Integer.parseInt(next.get("seen"));
            int step = probesOfPort.getOrDefault(Integer.parseInt(between.get("seen")), 0)
                    + probesOfPort.getOrDefault(nextPort, 0);
            softly.assertThat(next.get("server")).as("connections alternate between A and B").isEqualTo(previous.get("server"))
                    .isNotEqualTo(between.get("server"));
            softly.assertThat(Math.floorMod(nextPort - previousPort, 1000))
                    .as("hash, server %s: %d then %d ascend by the candidates tried in between (2 when none was busy), "
                            + "the shared counter moving once per candidate to either server", next.get("server"),
                            previousPort, nextPort)
                    .isEqualTo(step);
        }
        softly.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void randomPickSpreadsEpollPortsOverTheRange(Jdk jdk) throws Exception {
        Run run = netty(jdk, "algorithm=random_pick,listeners=false," + RANGE + ",log.level=debug", "epoll",
                "tcp:A:40", "udp-connect:40");

        for (String scenario : List.of("tcp-connect", "udp-connect")) {
            List<Integer> ports = run.results().stream().filter(r -> r.get("scenario").equals(scenario))
                    .map(r -> Integer.parseInt(r.get("seen"))).collect(Collectors.toList());
            assertThat(ports).as(run.describe()).hasSize(40).allMatch(port -> port >= 50000 && port <= 50999);
            assertThat(run.allocations()).extracting(a -> a.port).containsAll(ports);
            long ascents = 0;
            for (int i = 1; i < ports.size(); i++) {
                ascents += ports.get(i) > ports.get(i - 1) ? 1 : 0;
            }
            // 40 uniform draws from 1,000 ports: about 20 ascents of 39 steps; fewer than 8 or more than 31 has p < 1e-4.
            assertThat(ascents).as("%s: %s", scenario, ports).isBetween(8L, 31L);
            assertThat(ports.stream().distinct().count()).as(scenario).isGreaterThanOrEqualTo(35);
            int[] halves = new int[2];
            ports.forEach(port -> halves[(port - 50000) / 500]++);
            assertThat(Math.min(halves[0], halves[1])).as("%s: both halves of the range", scenario).isGreaterThanOrEqualTo(6);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aTakenFourTupleIsRetriedInsideConnectAndExhaustionFollowsThePolicy(Jdk jdk) throws Exception {
        // bsd over three ports: 50002, 50001, 50000, then 50002 again, whose 4-tuple the first connection to A holds;
        // then three held connections to B take all three ports and a fourth finds none.
        String arguments = "algorithm=bsd,range=50000-50002,tcp.mode=pin,listeners=false,log.level=debug,on-exhaustion=";
        Run kernel = netty(jdk, arguments + "kernel", "epoll", "tcp-hold:A:5:1", "tcp-hold:B:4:4");

        List<Result> results = kernel.results();
        assertThat(results).as(kernel.describe()).hasSize(9).allMatch(r -> r.get("outcome").equals("connected"));
        assertThat(results.subList(0, 5)).extracting(r -> r.get("seen"))
                .containsExactly("50002", "50001", "50000", "50001", "50000");
        Allocation retried = kernel.allocations().get(3);
        assertThat(retried.port).as(kernel.describe()).isEqualTo(50001);
        assertThat(retried.probes).isEqualTo(2);
        assertThat(retried.via).isEqualTo("pin");
        assertThat(kernel.allocations()).hasSize(8);
        assertThat(Integer.parseInt(results.get(8).get("seen"))).as("the kernel's port after exhaustion")
                .isNotIn(50000, 50001, 50002);

        Run fail = netty(jdk, arguments + "fail", "epoll", "tcp-hold:B:4:4");
        List<Result> failResults = fail.results();
        assertThat(failResults).as(fail.describe()).hasSize(4);
        assertThat(failResults.subList(0, 3)).allMatch(r -> r.get("outcome").equals("connected"));
        assertThat(failResults.get(3).get("outcome")).isEqualTo("failed");
        assertThat(failResults.get(3).get("cause")).contains("Cannot_assign_requested_address");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void switchedOffTheTransportsKeepTheKernelsPorts(Jdk jdk) throws Exception {
        Run disabled = netty(jdk, "enabled=false,algorithm=bsd," + RANGE + ",log.level=debug", "epoll", "tcp:A:3", "udp-send:2");
        assertThat(disabled.results()).as(disabled.describe()).hasSize(5);
        assertThat(disabled.allocations()).as("nothing chosen with enabled=false").isEmpty();

        Run off = netty(jdk, "native-transports=false,algorithm=bsd," + RANGE + ",log.level=debug", "epoll", "tcp:A:3",
                "udp-send:2");
        assertThat(off.results()).as(off.describe()).hasSize(5);
        assertThat(off.stderr()).anyMatch(line -> line.contains(" native=off"))
                .noneMatch(line -> line.contains("native transport covered"));
        List<Integer> chosen = off.allocations().stream().map(a -> a.port).collect(Collectors.toList());
        assertThat(off.allocations()).as("only the JDK's datagram receiver gets a port: " + off.describe())
                .allMatch(a -> a.protocol.equals("udp") && a.destination.equals("none"));
        assertThat(off.results()).extracting(r -> Integer.parseInt(r.get("seen"))).doesNotContainAnyElementsOf(chosen);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void grpcInAFatJarWithItsShadedNettyGetsThePortsOfTheAlgorithm(Jdk jdk, @org.junit.jupiter.api.io.TempDir Path directory)
            throws Exception {
        Path fatJar = TestJars.fatJar(directory.resolve("grpc-app.jar"), ForkedJvm.APP_CLASSES, Dependencies.grpc());
        Run run = ForkedJvm.on(jdk).agentArguments("algorithm=bsd," + RANGE + ",log.level=debug").onlyClassPath(fatJar)
                .run(GrpcPorts.class, "4");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stderr()).anyMatch(line -> line.contains(
                "native transport covered: io.grpc.netty.shaded.io.netty.channel.unix.Socket"));
        assertGrpcFollowsBsd(run);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aSpringBootStyleNestedJarIsCovered(Jdk jdk, @org.junit.jupiter.api.io.TempDir Path directory) throws Exception {
        Path nested = TestJars.nestedJar(directory.resolve("boot.jar"), ForkedJvm.APP_CLASSES, "io/portalgo/it/app/netty/",
                Dependencies.jars("netty-"));
        Run run = ForkedJvm.on(jdk).agentArguments("algorithm=bsd," + RANGE + ",log.level=debug")
                .run(io.portalgo.it.app.netty.NestedJarLauncher.class, nested.toString(), NettyPorts.class.getName(),
                        "epoll", "tcp:A:3", "udp-send:2");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stderr()).anyMatch(line -> line.contains("native transport covered: io.netty.channel.unix.Socket "
                + "(loader boot-inf"));
        assertThat(run.results()).as(run.describe()).hasSize(5);
        for (Result result : run.results()) {
            int seen = Integer.parseInt(result.get("seen"));
            assertThat(run.allocations()).as(result.toString()).anyMatch(a -> a.port == seen && !a.destination.equals("none"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aWarmClassCacheServesNettysClassesWithoutLoadingByteBuddy(Jdk jdk, @org.junit.jupiter.api.io.TempDir Path xdg)
            throws Exception {
        String arguments = "algorithm=bsd," + RANGE + ",log.level=debug";
        Run cold = ForkedJvm.on(jdk).environment("XDG_CACHE_HOME", xdg.toString()).agentArguments(arguments)
                .classPath(Dependencies.jars("netty-")).run(NettyPorts.class, "epoll", "tcp:A:1");
        assertThat(cold.stderr()).as(cold.describe()).anyMatch(line -> line.contains("native transport covered")
                && !line.contains("from cache"));

        Run warm = ForkedJvm.on(jdk).environment("XDG_CACHE_HOME", xdg.toString()).agentArguments(arguments)
                .jvmOption("-Xlog:class+load=info").classPath(Dependencies.jars("netty-")).run(NettyPorts.class, "epoll",
                        "tcp:A:1");
        assertThat(warm.exitCode()).as(warm.describe()).isZero();
        assertThat(warm.stderr()).anyMatch(line -> line.contains("native transport covered: io.netty.channel.unix.Socket")
                && line.contains("from cache"));
        List<String> loaded = warm.stdout();
        int socketLoaded = -1;
        for (int i = 0; i < loaded.size() && socketLoaded < 0; i++) {
            socketLoaded = loaded.get(i).contains(" io.netty.channel.unix.Socket source") ? i : -1;
        }
        assertThat(socketLoaded).as("Netty's Socket was loaded").isNotNegative();
        assertThat(loaded.subList(socketLoaded, loaded.size())).as("classes loaded from Netty's first socket class on")
                .noneMatch(line -> line.contains(".bytebuddy.") || line.contains("NativeTransportWeaver"));
        Result connect = warm.results().get(0);
        assertThat(warm.allocations()).anyMatch(a -> a.port == Integer.parseInt(connect.get("seen")) && a.via.equals("share"));
    }

    private static void assertGrpcFollowsBsd(Run run) {
        List<Integer> seen = run.results().stream().map(Result::port).collect(Collectors.toList());
        assertThat(seen).as(run.describe()).isNotEmpty();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < seen.size(); i++) {
            expected.add(seen.get(0) - i);
        }
        assertThat(seen).as("bsd counts down, one port per connection").isEqualTo(expected);
        for (int port : seen) {
            assertThat(run.allocations()).anyMatch(a -> a.port == port && a.via.equals("share") && a.protocol.equals("tcp"));
        }
        int listener = Integer.parseInt(run.stdout().stream().filter(l -> l.startsWith("LISTENER ")).findFirst()
                .orElseThrow().replaceAll(".*port=", ""));
        assertThat(seen.get(0)).as("the listener took the first port").isEqualTo(listener - 1);
    }

    /** NettyPorts under the agent; outside CI a transport the kernel refuses skips the test, under CI it fails. */
    private static Run netty(Jdk jdk, String agentArguments, String transport, String... scenarios) throws Exception {
        String[] args = Stream.concat(Stream.of(transport), Stream.of(scenarios)).toArray(String[]::new);
        Run run = ForkedJvm.on(jdk).agentArguments(agentArguments).classPath(Dependencies.jars("netty-"))
                .run(NettyPorts.class, args);
        assertThat(run.exitCode()).as(run.describe()).isZero();
        Optional<String> availability = run.stdout().stream().filter(line -> line.startsWith("TRANSPORT ")).findFirst();
        assertThat(availability).as(run.describe()).isPresent();
        if (!availability.get().startsWith("TRANSPORT available=true")) {
            if (CI) {
                throw new AssertionError("CI=true but " + transport + " is unavailable: " + availability.get());
            }
            Assumptions.abort(transport + " unavailable on this machine: " + availability.get());
        }
        return run;
    }
}
