package io.portalgo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.Selection;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.infra.Blackhole;

/** The benchmark's setup and body, run by hand as JMH would, without timing anything. */
class SelectionBenchmarkTest {
    private static final int SELECTIONS = 3_000;

    static Stream<Arguments> algorithmsAndBusyShares() {
        return Arrays.stream(Algorithm.values())
                .flatMap(algorithm -> Stream.of(0, 50, 90).map(busy -> Arguments.of(algorithm.id(), busy)));
    }

    @ParameterizedTest(name = "{0} at {1} % busy")
    @MethodSource("algorithmsAndBusyShares")
    void setUpGivesASelectorThatFindsFreePortsInLinuxsRange(String algorithm, int busyPercent) {
        SelectionBenchmark benchmark = benchmark(algorithm, busyPercent);

        for (int i = 0; i < SELECTIONS; i++) {
            Selection selection = benchmark.selector.select(benchmark.flows[i % benchmark.flows.length],
                    benchmark.occupancy);
            assertThat(selection.isFound()).as("selection %d: %s", i, selection).isTrue();
            assertThat(selection.port()).isBetween(32768, 60999);
            assertThat(benchmark.occupancy.isSuitable(selection.port())).isTrue();
        }
        assertThat(benchmark.selector.algorithm().id()).isEqualTo(algorithm);
        assertThat(benchmark.occupancy.busyPorts()).isEqualTo(Math.round(busyPercent / 100.0 * 28_232));
        assertThat(benchmark.flows).hasSize(1_024);
    }

    /** Uniform busy ports: probes per selection are geometric with mean 1 / (1 - f): 1, 2, 10. */
    @ParameterizedTest(name = "{0} at {1} % busy")
    @MethodSource("algorithmsAndBusyShares")
    void theBenchmarkBodyCountsProbesNearOneOverTheFreeShare(String algorithm, int busyPercent) {
        SelectionBenchmark benchmark = benchmark(algorithm, busyPercent);
        ProbeCounters counters = new ProbeCounters();
        counters.reset();
        Blackhole blackhole = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

        for (int i = 0; i < SELECTIONS; i++) {
            benchmark.select(counters, blackhole);
        }

        assertThat(counters.selections).isEqualTo(SELECTIONS);
        double probesPerSelection = (double) counters.probes / counters.selections;
        switch (busyPercent) {
            case 0:
                assertThat(probesPerSelection).isEqualTo(1.0);
                break;
            case 50:
                assertThat(probesPerSelection).isBetween(1.7, 2.3);
                break;
            default:
                assertThat(probesPerSelection).isBetween(8.0, 12.0);
        }
    }

    @ParameterizedTest(name = "{0} at {1} % busy")
    @MethodSource("algorithmsAndBusyShares")
    void theAllocationBodiesTakeUsablePortsFromTheRange(String algorithm, int busyPercent) {
        SelectionBenchmark benchmark = benchmark(algorithm, busyPercent);
        Blackhole blackhole = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        for (int i = 0; i < SELECTIONS; i++) {
            assertThat(benchmark.firstCandidate()).isBetween(32768, 60999);
            benchmark.selectPort(blackhole);
        }
    }

    @Test
    void theAlgorithmParameterNamesEveryAlgorithmInNetBsdOrder() throws NoSuchFieldException {
        String[] ids = SelectionBenchmark.class.getField("algorithm").getAnnotation(Param.class).value();

        assertThat(ids).containsExactly(Arrays.stream(Algorithm.values()).map(Algorithm::id).toArray(String[]::new));
    }

    private static SelectionBenchmark benchmark(String algorithm, int busyPercent) {
        SelectionBenchmark benchmark = new SelectionBenchmark();
        benchmark.algorithm = algorithm;
        benchmark.busyPercent = busyPercent;
        benchmark.setUp();
        return benchmark;
    }
}
