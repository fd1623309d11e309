package io.portalgo.benchmarks;

import io.portalgo.algorithms.Selection;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Secondary JMH results next to ns/op: how many candidates each selection tested. At 90 % busy a
 * selection tests about 10 candidates (1 / (1 - 0.9)), so the cost is mostly the per-probe cost;
 * these counters tell the two apart. JMH sums {@link AuxCounters.Type#EVENTS} counters over the
 * measurement iterations (a ratio reported here would be summed too), so the mean probes per
 * selection is {@code probes / selections}, which {@link SelectionTable} prints.
 *
 * <p>Not final: JMH generates subclasses of its state classes.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class ProbeCounters {
    /** Candidates tested, over all selections of the iteration. */
    public long probes;
    /** Selections made in the iteration. */
    public long selections;

    @Setup(Level.Iteration)
    public void reset() {
        probes = 0;
        selections = 0;
    }

    void record(Selection selection) {
        probes += selection.probes();
        selections++;
    }
}
