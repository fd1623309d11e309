package io.portalgo.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalgo.it.ForkedJvm;
import io.portalgo.it.Jdk;
import io.portalgo.it.Run;
import io.portalgo.it.Run.Result;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faults, each against the real agent in a forked JVM on the build's JDK, with a second process
 * ({@link PortHolder}, no agent) taking ports: the application never sees an exception the
 * same program would not see without the agent, and the ports stay in the range whenever a free
 * one exists there.
 */
class FaultsForkedTest {
    private static final List<String> ALGORITHMS = List.of("bsd", "random_start", "random_pick", "hash", "doublehash", "randinc");
    private static final List<String> MODES = List.of("pin", "share", "exclusive", "auto");

    private static Jdk jdk() {
        return Jdk.all().get(0);
    }

    /** A fresh block of {@code size} ports inside Linux's ephemeral range (where pin mode may pin). */
    private static int freshRangeStart(int size) {
        return ThreadLocalRandom.current().nextInt(35_000, 60_000 - size);
    }

    @Test
    void withAllButOnePortOfTheRangeBusyEveryAlgorithmFindsTheFreeOne() throws Exception {
        int start = freshRangeStart(10);
        int free = start + ThreadLocalRandom.current().nextInt(10);
        String busy = Stream.iterate(start, port -> port + 1).limit(10).filter(port -> port != free).map(String::valueOf)
                .collect(Collectors.joining(","));
        SoftAssertions softly = new SoftAssertions();
        try (Holder holder = Holder.start("hold", busy)) {
            for (String algorithm : ALGORITHMS) {
                Result result = run("algorithm=" + algorithm + ",range=" + start + "-" + (start + 9), "sequential", 20);
                System.out.println("one free port " + free + " of " + start + "-" + (start + 9) + ", " + algorithm + ": " + result);
                softly.assertThat(result.get("failed")).as("%s failures", algorithm).isEqualTo("0");
                for (String kind : new String[] {"tcp-ports", "bind-ports", "udp-ports"}) {
                    List<Integer> ports = ports(result.get(kind));
                    softly.assertThat(ports).as("%s of %s: the only free port is %d, got %d others: %s", kind, algorithm, free,
                            ports.stream().filter(port -> port != free).count(), ports).hasSize(20).containsOnly(free);
                }
            }
        }
        softly.assertAll();
    }

    @ParameterizedTest(name = "on-exhaustion={0}")
    @ValueSource(strings = {"kernel", "fail"})
    void withTheWholeRangeBusyTheKernelChoosesOrTheSocketFails(String onExhaustion) throws Exception {
        int start = freshRangeStart(5);
        String busy = Stream.iterate(start, port -> port + 1).limit(5).map(String::valueOf).collect(Collectors.joining(","));
        try (Holder holder = Holder.start("hold", busy)) {
            for (String algorithm : List.of("bsd", "random_pick", "doublehash")) {
                Result result = run("algorithm=" + algorithm + ",on-exhaustion=" + onExhaustion + ",range=" + start + "-" + (start + 4),
                        "sequential", 5);
                System.out.println("whole range busy, " + algorithm + ", on-exhaustion=" + onExhaustion + ": " + result);
                if (onExhaustion.equals("kernel")) {
                    assertThat(result.get("failed")).as(result.toString()).isEqualTo("0");
                    assertThat(result.get("tcp.kernel-fallbacks")).as(result.toString()).isEqualTo("10");
                    assertThat(result.get("udp.kernel-fallbacks")).as(result.toString()).isEqualTo("5");
                    assertThat(ports(result.get("tcp-ports"))).noneMatch(port -> port >= start && port <= start + 4);
                } else {
                    assertThat(result.get("ok")).as(result.toString()).isEqualTo("0");
                    assertThat(result.get("failed")).as(result.toString()).isEqualTo("15");
                    assertThat(result.get("tcp.exhaustions")).as(result.toString()).isEqualTo("10");
                    assertThat(result.get("udp.exhaustions")).as(result.toString()).isEqualTo("5");
                }
            }
        }
    }

    @Test
    void anotherProcessTakingChosenPortsBeforeTheBindOnlyCostsRetries() throws Exception {
        int start = freshRangeStart(40);
        String range = start + "-" + (start + 39);
        Map<String, String> retries = new LinkedHashMap<>();
        try (Holder holder = Holder.start("churn", start + " " + (start + 39))) {
            for (String algorithm : ALGORITHMS) {
                Result result = run("algorithm=" + algorithm + ",range=" + range, "sequential", 200);
                retries.put(algorithm, result.get("tcp.retries") + "/" + result.get("udp.retries"));
                assertThat(result.get("failed")).as("%s: %s", algorithm, result).isEqualTo("0");
                for (String kind : new String[] {"tcp-ports", "bind-ports", "udp-ports"}) {
                    assertThat(ports(result.get(kind))).as("%s %s: %s", algorithm, kind, result).hasSize(200)
                            .allMatch(port -> port >= start && port <= start + 39);
                }
            }
        }
        System.out.println("a process grabbing ports of " + range + " (about half busy, changing): retries tcp/udp per algorithm "
                + retries);
        assertThat(retries.values()).as("candidates taken by the other process were retried").anyMatch(value -> !value.equals("0/0"));
    }

    @Test
    void timeWaitPressureInEveryModeFailsNoConnect() throws Exception {
        Result baseline = runWithout("timewait", 1_000);
        SoftAssertions softly = new SoftAssertions();
        for (String mode : MODES) {
            int start = freshRangeStart(100);
            Result result = run("tcp.algorithm=doublehash,tcp.mode=" + mode + ",range=" + start + "-" + (start + 99), "timewait", 1_000);
            System.out.println("TIME_WAIT pressure, 1,000 connects over 100 ports, mode " + mode + ": " + result
                    + "; without the agent: " + baseline.get("failed") + " failed");
            softly.assertThat(Integer.parseInt(result.get("failed"))).as("mode %s: %s", mode, result)
                    .isLessThanOrEqualTo(Integer.parseInt(baseline.get("failed")));
        }
        softly.assertAll();
    }

    @Test
    void threeThousandSocketsOpenAtOnceInEveryMode() throws Exception {
        Result baseline = runWithout("open", 3_000);
        SoftAssertions softly = new SoftAssertions();
        for (String mode : MODES) {
            Result result = run("tcp.algorithm=random_pick,tcp.mode=" + mode, "open", 3_000);
            System.out.println("3,000 connections open at once, random_pick, mode " + mode + ": " + result + "; without the agent: "
                    + baseline.get("failed") + " failed");
            softly.assertThat(Integer.parseInt(result.get("failed"))).as("mode %s: %s", mode, result)
                    .isLessThanOrEqualTo(Integer.parseInt(baseline.get("failed")));
        }
        softly.assertAll();
    }

    @ParameterizedTest(name = "portalgo-test.fault={0}")
    @ValueSource(strings = {"bind", "connect", "udp", "all"})
    void anInjectedInternalFailureFallsBackToTheKernelAndIsCounted(String fault) throws Exception {
        Run run = ForkedJvm.on(jdk()).agentArguments("algorithm=bsd,listeners=false").jvmOption("-Dportalgo-test.fault=" + fault)
                .run(FaultApp.class, "sequential", "5");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.results()).as(run.describe()).hasSize(1);
        Result result = run.results().get(0);
        System.out.println("injected fault " + fault + ": " + result);
        assertThat(result.get("failed")).as(run.describe()).isEqualTo("0");
        long internalErrors = Long.parseLong(result.get("tcp.internal-errors")) + Long.parseLong(result.get("udp.internal-errors"));
        long expected = switch (fault) {
            case "all" -> 15;
            default -> 5;
        };
        assertThat(internalErrors).as("internal errors counted: %s", result).isGreaterThanOrEqualTo(expected);
        assertThat(run.stderr()).as("no stack trace reaches the application's output").noneMatch(line -> line.startsWith("\tat "));
    }

    private static Result run(String agentArguments, String scenario, int count) throws Exception {
        Run run = ForkedJvm.on(jdk()).agentArguments("listeners=false," + agentArguments).run(FaultApp.class, scenario, Integer.toString(count));
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.results()).as(run.describe()).hasSize(1);
        run.stderr().stream().filter(line -> line.startsWith("FAILURE")).limit(5).forEach(line -> System.out.println("  " + line));
        return run.results().get(0);
    }

    private static Result runWithout(String scenario, int count) throws Exception {
        Run run = ForkedJvm.on(jdk()).withoutAgent().run(FaultApp.class, scenario, Integer.toString(count));
        assertThat(run.exitCode()).as(run.describe()).isZero();
        return run.results().get(0);
    }

    private static List<Integer> ports(String list) {
        if (list == null || list.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(list.split(",")).map(Integer::valueOf).toList();
    }

    /** A running {@link PortHolder}; closing it ends the process and frees its ports. */
    private static final class Holder implements AutoCloseable {
        private final Process process;

        private Holder(Process process) {
            this.process = process;
        }

        static Holder start(String mode, String ports) throws Exception {
            List<String> args = new ArrayList<>(List.of(mode));
            args.addAll(List.of(ports.split(" ")));
            Process process = ForkedJvm.on(jdk()).withoutAgent().processBuilder(PortHolder.class, args.toArray(String[]::new))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String ready = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
            if (!"ready".equals(ready)) {
                process.destroyForcibly();
                throw new IllegalStateException("port holder did not start (" + ready + "); ports " + ports + " may be in use");
            }
            return new Holder(process);
        }

        @Override
        public void close() throws Exception {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
