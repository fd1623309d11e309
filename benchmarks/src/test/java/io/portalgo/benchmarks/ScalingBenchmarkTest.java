package io.portalgo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalgo.algorithms.Algorithm;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openjdk.jmh.annotations.Param;

/** The scaling benchmark's setup and body, run by hand as JMH would, without timing anything. */
class ScalingBenchmarkTest {
    @ParameterizedTest(name = "{0}")
    @EnumSource(Algorithm.class)
    void twoThreadSlicesUseDistinctDestinationsAndFindFreePorts(Algorithm algorithm) {
        ScalingBenchmark.Shared shared = new ScalingBenchmark.Shared();
        shared.algorithm = algorithm.id();
        shared.busyPercent = 50;
        shared.setUp();
        ScalingBenchmark benchmark = new ScalingBenchmark();
        ScalingBenchmark.Own first = new ScalingBenchmark.Own();
        ScalingBenchmark.Own second = new ScalingBenchmark.Own();
        first.first = 0;
        second.first = SelectionBenchmark.FLOW_COUNT; // what thread index 1 gets
        for (int i = 0; i < 2 * SelectionBenchmark.FLOW_COUNT; i++) {
            int port = benchmark.select(shared, i % 2 == 0 ? first : second);
            assertThat(shared.occupancy.isSuitable(port)).isTrue();
        }
        assertThat(Arrays.asList(shared.flows).subList(0, SelectionBenchmark.FLOW_COUNT))
                .doesNotContainAnyElementsOf(Arrays.asList(shared.flows).subList(SelectionBenchmark.FLOW_COUNT, 2 * SelectionBenchmark.FLOW_COUNT));
    }

    @Test
    void theAlgorithmParameterNamesEveryAlgorithm() throws NoSuchFieldException {
        String[] ids = ScalingBenchmark.Shared.class.getField("algorithm").getAnnotation(Param.class).value();
        assertThat(ids).containsExactly(Arrays.stream(Algorithm.values()).map(Algorithm::id).toArray(String[]::new));
    }
}
