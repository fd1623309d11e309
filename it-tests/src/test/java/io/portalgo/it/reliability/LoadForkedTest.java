package io.portalgo.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalgo.it.ForkedJvm;
import io.portalgo.it.Jdk;
import io.portalgo.it.Run;
import io.portalgo.it.Run.Result;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Load: 2 threads x 50,000 loopback TCP connects and 100,000 UDP sends from fresh sockets, once
 * without the agent and once under it (the defaults: doublehash for TCP, random_pick for UDP), in
 * the same run. The agent may not add a single failure, and its counters add up to the
 * operations: every successful connect or send got its port either from the algorithm
 * ({@code allocations}) or, counted, from the kernel ({@code kernel-fallbacks}).
 */
class LoadForkedTest {
    private static final int THREADS = 2;
    private static final int CONNECTS_PER_THREAD = 50_000;
    private static final int SENDS = 100_000;

    static Stream<Jdk> jdks() {
        return Jdk.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theAgentAddsNoFailureAndItsCountersAddUpToTheOperations(Jdk jdk) throws Exception {
        Result without = load(ForkedJvm.on(jdk).withoutAgent());
        Result with = load(ForkedJvm.on(jdk).agentArguments("listeners=false"));
        System.out.println("load " + jdk + ": without the agent " + without + "; with it " + with);

        assertThat(Long.parseLong(with.get("tcp-failed"))).as("TCP failures with the agent (without: %s)", without.get("tcp-failed"))
                .isLessThanOrEqualTo(Long.parseLong(without.get("tcp-failed")));
        assertThat(Long.parseLong(with.get("udp-failed"))).as("UDP failures with the agent (without: %s)", without.get("udp-failed"))
                .isLessThanOrEqualTo(Long.parseLong(without.get("udp-failed")));
        assertThat(with.get("agent")).isEqualTo("true");
        for (String protocol : new String[] {"tcp", "udp"}) {
            long ok = Long.parseLong(with.get(protocol + "-ok"));
            long allocations = Long.parseLong(with.get(protocol + ".allocations"));
            long fallbacks = Long.parseLong(with.get(protocol + ".kernel-fallbacks"));
            assertThat(allocations + fallbacks).as("%s allocations %s + kernel fallbacks %s vs operations", protocol, allocations, fallbacks)
                    .isEqualTo(ok);
            assertThat(Long.parseLong(with.get(protocol + ".probes"))).as(protocol + " probes")
                    .isEqualTo(allocations + Long.parseLong(with.get(protocol + ".retries")));
            assertThat(Long.parseLong(with.get(protocol + ".internal-errors"))).as(protocol + " internal errors").isZero();
        }
    }

    private static Result load(ForkedJvm jvm) throws Exception {
        Run run = jvm.run(LoadApp.class, Integer.toString(THREADS), Integer.toString(CONNECTS_PER_THREAD), Integer.toString(SENDS));
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.results()).as(run.describe()).hasSize(1);
        return run.results().get(0);
    }
}
