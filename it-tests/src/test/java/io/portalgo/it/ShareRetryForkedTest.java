package io.portalgo.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalgo.it.Run.Result;
import io.portalgo.it.app.ShareRetryScenario;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The default TCP mode, {@code auto(share+retry:isolates)}, meets a taken 4-tuple at connect on
 * every JDK path ({@link ShareRetryScenario}: a two-port range, #3 to server A clashes with #1 on
 * its first candidate) and retries it on a fresh socket under the same descriptor: the
 * application connects from the next candidate, its socket options and blocking mode survive,
 * and it never sees the clash.
 */
class ShareRetryForkedTest {
    static Stream<Arguments> paths() {
        List<Arguments> cases = new ArrayList<>();
        for (Jdk jdk : Jdk.all()) {
            for (String path : List.of("socket", "socket-untimed", "channel", "channel-nonblocking", "async")) {
                cases.add(Arguments.of(jdk, path));
            }
            if (jdk.feature() >= 21) {
                cases.add(Arguments.of(jdk, "virtual"));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("paths")
    void aClashAtConnectIsRetriedOnAFreshSocketTheApplicationNeverSees(Jdk jdk, String path) throws Exception {
        int low = 40300 + (jdk.feature() >= 25 ? 50 : 0) + 2 * List.of("socket", "socket-untimed", "channel",
                "channel-nonblocking", "async", "virtual").indexOf(path);
        Run run = ForkedJvm.on(jdk).agentArguments("algorithm=bsd,range=" + low + "-" + (low + 1)
                + ",reserved=,listeners=false,log.level=debug").run(ShareRetryScenario.class, path);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stderr()).as(run.describe()).anyMatch(line -> line.startsWith("[portalgo] portalgo ")
                && line.contains(" mode=auto(share+retry:isolates) "));
        Result third = run.results().stream().filter(r -> "tcp".equals(r.get("kind"))).findFirst().orElseThrow();
        assertThat(third.get("error")).as(run.describe()).isNull();
        assertThat(third.port()).as("#3 connects from the next candidate\n%s", run.describe()).isEqualTo(low);
        assertThat(third.get("echo")).isEqualTo("ok");
        assertThat(third.get("nodelay")).as("TCP_NODELAY survives the fresh socket").isEqualTo("true");
        assertThat(third.get("keepalive")).as("SO_KEEPALIVE survives").isEqualTo("true");
        assertThat(third.get("reuse")).as("SO_REUSEADDR, as share mode binds").isEqualTo("true");
        String[] rcvbuf = third.get("rcvbuf").split("/");
        assertThat(rcvbuf[1]).as("SO_RCVBUF survives").isEqualTo(rcvbuf[0]);
        if (!third.get("linger").equals("none")) {
            assertThat(third.get("linger")).as("SO_LINGER survives").isEqualTo("7");
            assertThat(third.get("tos")).as("IP_TOS survives").isEqualTo("32");
        }
        assertThat(run.allocations()).as("the retried port, counted once connected\n%s", run.describe())
                .anyMatch(allocation -> allocation.port == low && allocation.via.equals("retry"));
        Result stats = run.results().stream().filter(r -> "stats".equals(r.get("kind"))).findFirst().orElseThrow();
        assertThat(stats.get("retries")).as(run.describe()).isEqualTo("1");
        assertThat(stats.get("kernel-fallbacks")).as(run.describe()).isEqualTo("0");
    }
}
