package io.portalgo.algorithms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link PortSet} (the reserved ports, Linux's {@code ip_local_reserved_ports} list form) against
 * the most obvious model there is: a {@code boolean[65536]}.
 */
class PortSetPropertyTest {
    @Property(tries = 300)
    void agreesWithABooleanArray(@ForAll("rangeLists") List<int[]> ranges,
                                 @ForAll @IntRange(min = 1, max = 65535) int a,
                                 @ForAll @IntRange(min = 1, max = 65535) int b) {
        boolean[] model = model(ranges);
        PortSet set = build(ranges);

        int size = 0;
        for (int port = 0; port <= 65535; port++) {
            if (set.contains(port) != model[port]) {
                throw new AssertionError("contains(" + port + ") = " + set.contains(port) + " for " + set);
            }
            size += model[port] ? 1 : 0;
        }
        assertThat(set.contains(-1)).isFalse();
        assertThat(set.contains(65536)).isFalse();
        assertThat(set.size()).isEqualTo(size);
        assertThat(set.isEmpty()).isEqualTo(size == 0);

        PortRange range = PortRange.of(Math.min(a, b), Math.max(a, b));
        int inRange = 0;
        for (int port = range.min(); port <= range.max(); port++) {
            inRange += model[port] ? 1 : 0;
        }
        assertThat(set.countIn(range)).isEqualTo(inRange);
        assertThat(set.nextPort(a)).isEqualTo(modelNext(model, a));
    }

    @Property(tries = 300)
    void printsTheCollapsedListOfTheModel(@ForAll("rangeLists") List<int[]> ranges) {
        assertThat(build(ranges)).hasToString(referenceFormat(model(ranges)));
    }

    @Property(tries = 300)
    void theListFormReadsBackToTheSameSet(@ForAll("rangeLists") List<int[]> ranges) {
        // Read with a trivial reference parser ("a" or "a-b", comma-separated); PortSet itself
        // has no parser in this module (the config module owns the property syntax).
        PortSet set = build(ranges);
        PortSet.Builder reread = PortSet.builder();
        for (int[] range : referenceParse(set.toString())) {
            reread.addRange(range[0], range[1]);
        }
        assertThat(reread.build()).isEqualTo(set).hasSameHashCodeAs(set);
    }

    @Property(tries = 200)
    void singlePortsAndRangesGiveEqualSets(@ForAll("rangeLists") List<int[]> ranges) {
        boolean[] model = model(ranges);
        List<Integer> ports = new ArrayList<>();
        for (int port = 65535; port >= 1; port--) {
            if (model[port]) {
                ports.add(port);
            }
        }
        PortSet fromPorts = PortSet.of(ports.stream().mapToInt(Integer::intValue).toArray());
        assertThat(fromPorts).isEqualTo(build(ranges)).hasSameHashCodeAs(build(ranges));
    }

    @Property(tries = 100)
    void aBuiltSetDoesNotChangeWhenItsBuilderDoes(@ForAll("rangeLists") List<int[]> ranges,
                                                   @ForAll @IntRange(min = 1, max = 65535) int extra) {
        PortSet.Builder builder = PortSet.builder();
        for (int[] range : ranges) {
            builder.addRange(range[0], range[1]);
        }
        PortSet before = builder.build();
        String text = before.toString();
        builder.add(extra);
        assertThat(before).hasToString(text);
        assertThat(builder.build().contains(extra)).isTrue();
    }

    @Provide
    Arbitrary<List<int[]>> rangeLists() {
        Arbitrary<int[]> range = Arbitraries.integers().between(1, 65535).flatMap(first -> Combinators.combine(
                        Arbitraries.just(first), Arbitraries.integers().between(0, Math.min(600, 65535 - first)))
                .as((start, length) -> new int[] {start, start + length}));
        Arbitrary<int[]> edge = Arbitraries.of(new int[] {1, 1}, new int[] {65535, 65535}, new int[] {1, 65535},
                new int[] {32768, 60999}, new int[] {2, 3});
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(9, range), net.jqwik.api.Tuple.of(1, edge)).list().ofMaxSize(12);
    }

    static boolean[] model(List<int[]> ranges) {
        boolean[] model = new boolean[65536];
        for (int[] range : ranges) {
            for (int port = range[0]; port <= range[1]; port++) {
                model[port] = true;
            }
        }
        return model;
    }

    static PortSet build(List<int[]> ranges) {
        PortSet.Builder builder = PortSet.builder();
        for (int[] range : ranges) {
            if (range[0] == range[1]) {
                builder.add(range[0]);
            } else {
                builder.addRange(range[0], range[1]);
            }
        }
        return builder.build();
    }

    private static int modelNext(boolean[] model, int from) {
        for (int port = from; port <= 65535; port++) {
            if (model[port]) {
                return port;
            }
        }
        return -1;
    }

    /** Runs of true, ascending, "a" or "a-b", comma-separated. */
    static String referenceFormat(boolean[] model) {
        StringBuilder text = new StringBuilder();
        int port = 0;
        while (port <= 65535) {
            if (!model[port]) {
                port++;
                continue;
            }
            int end = port;
            while (end + 1 <= 65535 && model[end + 1]) {
                end++;
            }
            text.append(text.length() == 0 ? "" : ",").append(port).append(end > port ? "-" + end : "");
            port = end + 1;
        }
        return text.toString();
    }

    private static List<int[]> referenceParse(String text) {
        List<int[]> ranges = new ArrayList<>();
        if (text.isEmpty()) {
            return ranges;
        }
        for (String item : text.split(",")) {
            String[] bounds = item.split("-");
            int first = Integer.parseInt(bounds[0]);
            ranges.add(new int[] {first, bounds.length == 1 ? first : Integer.parseInt(bounds[1])});
        }
        return ranges;
    }
}
