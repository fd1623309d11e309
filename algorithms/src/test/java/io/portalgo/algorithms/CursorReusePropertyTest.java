package io.portalgo.algorithms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * A cursor reused for the next allocation ({@link PortSelector#open(FlowView, PortCursor)}) offers
 * exactly what a new cursor offers: two selectors of the same algorithm, settings and seed, one
 * opening a new cursor per allocation, the other reusing one spare (last used by any algorithm, at
 * any point of its allocation, released or not), stay in lockstep through any pattern of partial searches and
 * acceptances, flows of both kinds, in both families. So reuse changes none of RFC 6056's
 * sequences (§2.2, §3.3.1-§3.3.5), their state updates or doublehash's noise.
 */
class CursorReusePropertyTest {
    @Property(tries = 300)
    void aReusedCursorOffersWhatANewCursorOffers(
            @ForAll Algorithm algorithm,
            @ForAll @IntRange(min = 1, max = 300) int rangeSize,
            @ForAll long seed,
            @ForAll("allocations") List<Allocation> allocations,
            @ForAll Algorithm spareAlgorithm) {
        SelectorSettings settings = SelectorSettings.builder().range(PortRange.of(40000, 40000 + rangeSize - 1))
                .tableSize(64).build();
        PortSelector fresh = algorithm.create(settings, Entropy.seeded(seed, () -> seed));
        PortSelector reusing = algorithm.create(settings, Entropy.seeded(seed, () -> seed));
        PortSelector other = spareAlgorithm.create(settings, Entropy.seeded(~seed, () -> ~seed));
        List<Flow> flows = Fixtures.mixedFlows();
        MutableFlow mutable = new MutableFlow();
        PortCursor spare = other.open(flows.get(1));
        spare.next();
        spare.next();
        spare.next(); // past two probes: the spare holds this thread's record of tried ports
        if ((seed & 1) == 0) {
            spare.release();
        }

        for (Allocation allocation : allocations) {
            Flow flow = flows.get(allocation.flow % flows.size());
            PortCursor expected = fresh.open(flow);
            List<Integer> expectedPorts = run(expected, allocation);
            PortCursor reused = reusing.open(allocation.mutable ? mutable.set(flow) : flow, spare);
            assertThat(reused).as("the spare itself").isSameAs(spare);
            List<Integer> reusedPorts = run(reused, allocation);
            assertThat(reusedPorts).as("%s", allocation).isEqualTo(expectedPorts);
            assertThat(reused.probes()).isEqualTo(expected.probes());
            assertThat(new HashSet<>(reusedPorts)).as("no port twice").hasSize(reusedPorts.size());
            reused.release(); // as the agent does when its search ends
            assertThat(reused.probes()).isEqualTo(expected.probes());
        }
        assertThat(reusing.select(flows.get(2), port -> true).port())
                .as("the shared state after all of it").isEqualTo(fresh.select(flows.get(2), port -> true).port());
    }

    /**
     * Up to {@code allocation.probes} candidates, then the acceptance if scripted. One cursor at a
     * time: of two cursors of one thread interleaved past their second probe, the earlier loses the
     * thread's record of tried ports to the later and goes on with a private one, from which point
     * the two are no longer comparable probe by probe.
     */
    private static List<Integer> run(PortCursor cursor, Allocation allocation) {
        List<Integer> offered = new ArrayList<>();
        for (int probe = 0; probe < allocation.probes; probe++) {
            int port = cursor.next();
            if (port == PortCursor.NO_PORT) {
                break;
            }
            offered.add(port);
        }
        if (allocation.accept) {
            cursor.accept();
        }
        return offered;
    }

    @Test
    void aCursorThatIsNotTheLibrarysIsNotReused() {
        PortSelector selector = Algorithm.BSD.create(SelectorSettings.builder().range(PortRange.of(100, 104)).build(),
                Entropy.seeded(1));
        PortCursor foreign = new PortCursor() {
            @Override
            public int next() {
                return NO_PORT;
            }

            @Override
            public void accept() {
            }

            @Override
            public int probes() {
                return 0;
            }
        };

        PortCursor opened = selector.open(Fixtures.TCP_A, foreign);

        assertThat(opened).isNotSameAs(foreign);
        assertThat(Fixtures.drain(opened)).containsExactly(104, 103, 102, 101, 100);
        assertThat(Fixtures.drain(selector.open(Fixtures.TCP_A, null))).containsExactly(104, 103, 102, 101, 100);
    }

    /** One allocation of the script: which flow, whether through a {@link MutableFlow}, how far, whether taken. */
    static final class Allocation {
        final int flow;
        final boolean mutable;
        final int probes;
        final boolean accept;

        Allocation(int flow, boolean mutable, int probes, boolean accept) {
            this.flow = flow;
            this.mutable = mutable;
            this.probes = probes;
            this.accept = accept;
        }

        @Override
        public String toString() {
            return "flow " + flow + (mutable ? " (mutable)" : "") + ", " + probes + " probes"
                    + (accept ? ", accepted" : "");
        }
    }

    @Provide
    Arbitrary<List<Allocation>> allocations() {
        return net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.of(true, false),
                        Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(1, 4)),
                                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(5, 400))),
                        Arbitraries.of(true, false))
                .as(Allocation::new).list().ofMinSize(1).ofMaxSize(12);
    }
}
