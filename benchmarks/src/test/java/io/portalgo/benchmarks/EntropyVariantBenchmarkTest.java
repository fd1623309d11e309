package io.portalgo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalgo.algorithms.Selection;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Param;

class EntropyVariantBenchmarkTest {
    static Stream<Arguments> algorithmsAndVariants() throws NoSuchFieldException {
        String[] algorithms = param("algorithm");
        String[] variants = param("entropy");
        return Arrays.stream(algorithms).flatMap(a -> Arrays.stream(variants).map(v -> Arguments.of(a, v)));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("algorithmsAndVariants")
    void everyVariantGivesASelectorThatFindsFreePorts(String algorithm, String entropy) {
        EntropyVariantBenchmark benchmark = new EntropyVariantBenchmark();
        benchmark.algorithm = algorithm;
        benchmark.entropy = entropy;
        benchmark.busyPercent = 50;
        benchmark.setUp();

        Set<Integer> ports = new HashSet<>();
        long probes = 0;
        for (int i = 0; i < 2_000; i++) {
            Selection selection = benchmark.selector.select(benchmark.flows[i % benchmark.flows.length],
                    benchmark.occupancy);
            assertThat(selection.isFound()).isTrue();
            assertThat(benchmark.occupancy.isSuitable(selection.port())).isTrue();
            ports.add(selection.port());
            probes += selection.probes();
        }
        assertThat((double) probes / 2_000).isBetween(1.7, 2.3);
        assertThat(ports).hasSizeGreaterThan(1_000); // 14,116 free ports: a variant that repeats itself is broken
    }

    @Test
    void theEntropyParameterNamesEveryVariant() throws NoSuchFieldException {
        assertThat(param("entropy")).containsExactly(Arrays.stream(EntropyVariant.values())
                .map(variant -> variant.name().toLowerCase(Locale.ROOT)).toArray(String[]::new));
    }

    @Test
    void theReusedBufferStreamIsReproducibleAndDoesNotRepeat() {
        SingleThreadCounterModeRandom first = new SingleThreadCounterModeRandom(1, 2);
        SingleThreadCounterModeRandom again = new SingleThreadCounterModeRandom(1, 2);

        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            long value = first.nextLong();
            assertThat(again.nextLong()).isEqualTo(value);
            seen.add(value);
        }
        assertThat(seen).hasSize(10_000);
    }

    private static String[] param(String field) throws NoSuchFieldException {
        return EntropyVariantBenchmark.class.getField(field).getAnnotation(Param.class).value();
    }
}
