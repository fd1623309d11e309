package io.portalgo.algorithms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Every algorithm on random ranges, reserved sets and settings, against the reference model of
 * the usable set (range minus reserved, computed port by port): candidates never leave it, and
 * the algorithms that promise to cover the range (RFC 6056 §3.3.1, §3.3.3, §3.3.4 and §2.2)
 * reach exactly it in n candidates.
 */
class SelectorPropertyTest {
    @Property(tries = 400)
    void candidatesStayInTheUsableSetAndCoveringAlgorithmsReachAllOfIt(
            @ForAll Algorithm algorithm,
            @ForAll("settings") SelectorSettings settings,
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 12) int earlierAllocations) {
        PortSelector selector = algorithm.create(settings, Entropy.seeded(seed, () -> seed & 0xffff_ffffL));
        SortedSet<Integer> usable = Fixtures.usable(settings);
        assertThat(settings.usablePorts()).isEqualTo(usable.size());
        List<Flow> flows = Fixtures.mixedFlows();
        for (int k = 0; k < earlierAllocations; k++) {
            Selection earlier = selector.select(flows.get(k % flows.size()), port -> true);
            assertThat(usable).contains(earlier.port());
        }

        Flow flow = flows.get(Math.floorMod(seed, flows.size()));
        List<Integer> candidates = Fixtures.drain(selector.open(flow));
        assertThat(candidates).hasSizeLessThanOrEqualTo(usable.size());
        assertThat(Fixtures.outside(usable, candidates)).as("candidates outside the usable set").isEmpty();
        if (algorithm.coversRange()) {
            assertThat(candidates).hasSize(usable.size());
            assertThat(new HashSet<>(candidates)).isEqualTo(usable);
        }
    }

    @Property(tries = 300)
    void aFoundPortIsUsableAndFreeAndCoveringAlgorithmsFindOneWheneverOneIsFree(
            @ForAll Algorithm algorithm,
            @ForAll("settings") SelectorSettings settings,
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 100) int busyPercent) {
        PortSelector selector = algorithm.create(settings, Entropy.seeded(seed, () -> 0L));
        SortedSet<Integer> usable = Fixtures.usable(settings);
        Set<Integer> busy = new HashSet<>();
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (int port : usable) {
            if (random.nextInt(100) < busyPercent) {
                busy.add(port);
            }
        }
        Selection selection = selector.select(Fixtures.TCP_A, port -> !busy.contains(port));
        if (selection.isFound()) {
            assertThat(usable).contains(selection.port());
            assertThat(busy).doesNotContain(selection.port());
        } else if (algorithm.coversRange()) {
            assertThat(busy).as("exhaustion from a covering algorithm means the range is full").isEqualTo(usable);
        }
        assertThat(selection.probes()).isBetween(1, usable.size());
    }

    /**
     * The faults case of a nearly full range, against the trivial model "a set of free ports": with
     * k >= 1 free usable ports and a budget of at least n probes, every algorithm finds a free
     * port, testing no port twice, so after at most n - k + 1 probes; with k = 0 it tests each
     * usable port exactly once and reports exhaustion after n probes.
     */
    @Property(tries = 400)
    void withKFreePortsAndABudgetOfNProbesEveryAlgorithmFindsOne(
            @ForAll Algorithm algorithm,
            @ForAll("settings") SelectorSettings settings,
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 5) int freePorts,
            @ForAll @IntRange(min = 0, max = 3) int earlierAllocations,
            @ForAll @IntRange(min = 0, max = 20) int extraBudget) {
        PortSelector selector = algorithm.create(settings, Entropy.seeded(seed, () -> 0L));
        List<Flow> flows = Fixtures.mixedFlows();
        for (int k = 0; k < earlierAllocations; k++) {
            selector.select(flows.get(k % flows.size()), port -> true);
        }
        List<Integer> usable = new java.util.ArrayList<>(Fixtures.usable(settings));
        java.util.Collections.shuffle(usable, new java.util.Random(seed));
        Set<Integer> free = new HashSet<>(usable.subList(0, Math.min(freePorts, usable.size())));
        int n = usable.size();

        List<Integer> tested = new java.util.ArrayList<>();
        Selection selection = selector.select(flows.get(Math.floorMod(seed, flows.size())),
                port -> tested.add(port) && free.contains(port), n + extraBudget);

        assertThat(new HashSet<>(tested)).as("no port tested twice").hasSize(tested.size());
        assertThat(Fixtures.outside(new HashSet<>(usable), tested)).as("only usable ports").isEmpty();
        if (free.isEmpty()) {
            assertThat(selection.isFound()).isFalse();
            assertThat(new HashSet<>(tested)).isEqualTo(new HashSet<>(usable));
        } else {
            assertThat(selection.isFound()).as("%d free of %d", free.size(), n).isTrue();
            assertThat(free).contains(selection.port());
            assertThat(selection.probes()).isLessThanOrEqualTo(n - free.size() + 1);
        }
    }

    @Provide
    Arbitrary<SelectorSettings> settings() {
        Arbitrary<PortRange> ranges = Arbitraries.integers().between(1, 65535).flatMap(min -> Arbitraries.integers()
                .between(0, Math.min(400, 65535 - min)).map(length -> PortRange.of(min, min + length)));
        Arbitrary<SelectorSettings.Builder> knobs = Combinators.combine(
                Arbitraries.of(PrfKind.class),
                Arbitraries.of(0L, 10_000L),
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(1, 64)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(SelectorSettings.DEFAULT_TABLE_SIZE))),
                Arbitraries.integers().between(0, 7),
                Arbitraries.integers().between(1, 600))
                .as((prf, rekey, table, noise, n) -> SelectorSettings.builder().prf(prf).rekeyMillis(rekey)
                        .tableSize(table).noise(noise).randincN(n));
        return Combinators.combine(ranges, knobs, Arbitraries.integers().between(0, 100), Arbitraries.longs())
                .as((range, builder, reservedPercent, reservedSeed) ->
                        builder.range(range).reserved(reserved(range, reservedPercent, reservedSeed)).build());
    }

    /** About {@code percent} of the range reserved, some ports outside it too, one port always left usable. */
    private static PortSet reserved(PortRange range, int percent, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        PortSet.Builder reserved = PortSet.builder();
        int keep = range.min() + random.nextInt(range.size());
        for (int port = range.min(); port <= range.max(); port++) {
            if (port != keep && random.nextInt(100) < percent) {
                reserved.add(port);
            }
        }
        if (range.min() > 1) {
            reserved.add(range.min() - 1);
        }
        if (range.max() < 65535) {
            reserved.add(range.max() + 1);
        }
        return reserved.build();
    }
}
