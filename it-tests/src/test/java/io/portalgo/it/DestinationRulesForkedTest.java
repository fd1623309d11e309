package io.portalgo.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalgo.it.Run.Allocation;
import io.portalgo.it.Run.Result;
import io.portalgo.it.app.DnsAndOtherDatagrams;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * NetBSD lets one socket choose its algorithm ({@code IP_PORTALGO}); portalgo chooses by
 * destination. With {@code rules=udp:*:53=random_pick} and {@code algorithm=bsd}, on real sockets:
 * datagrams to port 53 come from random ports, every other datagram from bsd's descending sequence,
 * even when the two interleave.
 */
class DestinationRulesForkedTest {
    private static final int EACH = 40;

    static Stream<Jdk> jdks() {
        return Jdk.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void dnsFollowsItsRuleAndEverythingElseTheDefault(Jdk jdk) throws Exception {
        Run run = ForkedJvm.on(jdk).agentArguments("algorithm=bsd,rules=udp:*:53=random_pick,range=46000-46999,log.level=debug")
                .run(DnsAndOtherDatagrams.class, Integer.toString(EACH));
        assertThat(run.exitCode()).as(run.describe()).isZero();

        List<Integer> dns = ports(run, "dns");
        List<Integer> other = ports(run, "other");
        assertThat(dns).hasSize(EACH);
        assertThat(other).hasSize(EACH);
        List<Allocation> allocations = run.allocations();
        for (int port : dns) {
            assertThat(allocations).as("port %d to :53", port).anySatisfy(allocation -> {
                assertThat(allocation.port).isEqualTo(port);
                assertThat(allocation.algorithm).isEqualTo("random_pick");
                assertThat(allocation.destination).isEqualTo("127.0.0.1:53");
            });
        }
        // bsd counts down from the top; the echo server took 46999 first, so the others start below it.
        for (int i = 1; i < other.size(); i++) {
            assertThat(other.get(i)).as("bsd step %d of %s", i, other).isEqualTo(other.get(i - 1) - 1);
        }
        List<Allocation> toEcho = allocations.stream().filter(a -> a.protocol.equals("udp")
                && a.destination.startsWith("127.0.0.1:") && !a.destination.equals("127.0.0.1:53")).collect(Collectors.toList());
        assertThat(toEcho).hasSize(EACH).allSatisfy(allocation -> assertThat(allocation.algorithm).isEqualTo("bsd"));
        assertThat(toEcho.stream().map(a -> a.port).collect(Collectors.toList())).isEqualTo(other);
        long descendingDnsSteps = java.util.stream.IntStream.range(1, dns.size())
                .filter(i -> dns.get(i) == dns.get(i - 1) - 1).count();
        assertThat(descendingDnsSteps).as("random_pick is not a sequence: %s", dns).isLessThan(3);
    }

    private static List<Integer> ports(Run run, String kind) {
        return run.results().stream().filter(result -> kind.equals(result.get("kind"))).map(Result::port)
                .collect(Collectors.toList());
    }
}
