package io.portalgo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalgo.agent.runtime.Statistics;
import io.portalgo.agent.runtime.Statistics.Event;
import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.Protocol;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The benchmark's setup and bodies, run by hand as JMH would, without timing anything. */
class SubstitutionBenchmarkTest {
    private static final int OPERATIONS = 2_000;

    static Stream<Arguments> everyParameter() {
        return Stream.of("bsd", "random_pick", "doublehash").flatMap(algorithm -> Stream.of("inet", "inet6")
                .flatMap(family -> Stream.of(1, 1024).map(count -> Arguments.of(algorithm, family, count))));
    }

    @ParameterizedTest(name = "{0}, {1}, {2} destinations")
    @MethodSource("everyParameter")
    void everyBodyIsOneAllocationByTheConfiguredAlgorithmAndNoFallback(String algorithm, String family, int count)
            throws Exception {
        SubstitutionBenchmark benchmark = new SubstitutionBenchmark();
        benchmark.algorithm = algorithm;
        benchmark.family = family;
        benchmark.destinations = count;
        benchmark.setUp();
        Algorithm chosen = Algorithm.fromId(algorithm);

        for (int i = 0; i < OPERATIONS; i++) {
            assertThat(benchmark.tcpPinnedConnect()).as("a pinned connect that succeeded is not repeated").isFalse();
            assertThat(benchmark.tcpSharedConnect()).as("a shared connect that succeeded is not repeated").isFalse();
            assertThat(benchmark.udpImplicitBind()).as("the implicit bind took a chosen port").isTrue();
        }

        assertCounted(benchmark.pinnedStatistics, Protocol.TCP, chosen);
        assertCounted(benchmark.pinnedStatistics, Protocol.UDP, chosen);
        assertCounted(benchmark.sharedStatistics, Protocol.TCP, chosen);
        Class<?> expected = "inet6".equals(family) ? Inet6Address.class : Inet4Address.class;
        assertThat(benchmark.servers).hasSize(count).allMatch(expected::isInstance);
        assertThat(Arrays.stream(benchmark.servers).distinct().count()).as("distinct servers").isEqualTo(count);
        assertThat(Arrays.stream(benchmark.resolvers).distinct().count()).as("distinct resolvers").isEqualTo(count);
    }

    private static void assertCounted(Statistics statistics, Protocol protocol, Algorithm algorithm) {
        assertThat(statistics.get(protocol, algorithm, Event.ALLOCATIONS)).as("%s allocations", protocol)
                .isEqualTo(OPERATIONS);
        assertThat(statistics.get(protocol, algorithm, Event.PROBES)).as("%s probes", protocol).isEqualTo(OPERATIONS);
        assertThat(statistics.total(Event.KERNEL_FALLBACKS)).as("kernel fallbacks").isZero();
        assertThat(statistics.total(Event.INTERNAL_ERRORS)).as("internal errors").isZero();
    }
}
