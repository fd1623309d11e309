package io.portalgo.benchmarks;

import io.portalgo.algorithms.Algorithm;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Bytes allocated per selection, per algorithm: runs {@link SelectionBenchmark#firstCandidate}
 * (open a cursor for a flow, take the first candidate, accept) and
 * {@link SelectionBenchmark#selectPort} (the whole RFC loop, the {@code Selection} not handed to
 * JMH) at 50 % busy with JMH's GC profiler and prints {@code gc.alloc.rate.norm} as a Markdown
 * table. The target, judged on the first column, is about 0 B per selection for every algorithm;
 * the second column shows what the whole {@code select} loop leaves (its {@code Selection} result
 * at least). Bytes per operation do not
 * depend on the machine's load, so short runs suffice. Takes JMH's options, e.g.
 * {@code -f 1 -wi 2 -w 1s -i 2 -r 1s}.
 */
public final class AllocationTable {
    /** Below this, JMH's per-operation figure is the profiler's own rounding, not an object. */
    static final double ZERO_BYTES = 0.5;

    private AllocationTable() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions commandLine = new CommandLineOptions(args);
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .parent(commandLine)
                .include(SelectionBenchmark.class.getName() + ".(firstCandidate|selectPort)$")
                .param("busyPercent", "50")
                .addProfiler(GCProfiler.class)
                .build()).run();
        System.out.println();
        System.out.print(markdown(results));
    }

    static String markdown(Collection<RunResult> results) throws RunnerException {
        Map<String, Map<String, Double>> bytes = new TreeMap<>();
        RunResult any = null;
        for (RunResult result : results) {
            Result<?> norm = result.getSecondaryResults().get("gc.alloc.rate.norm");
            if (norm == null) {
                continue;
            }
            String label = result.getParams().getBenchmark();
            String body = label.substring(label.lastIndexOf('.') + 1);
            bytes.computeIfAbsent(result.getParams().getParam("algorithm"), a -> new TreeMap<>()).put(body, norm.getScore());
            any = result;
        }
        if (bytes.isEmpty()) {
            throw new RunnerException("no gc.alloc.rate.norm results: did the benchmark run with -prof gc?");
        }
        StringBuilder table = new StringBuilder(
                "| algorithm | RFC 6056 | open + first candidate + accept (B/op) | whole selection, 50 % busy (B/op) |\n"
                        + "|---|---|---:|---:|\n");
        boolean allZero = true;
        for (Algorithm algorithm : Algorithm.values()) {
            Map<String, Double> row = bytes.get(algorithm.id());
            if (row == null) {
                continue;
            }
            table.append("| `").append(algorithm.id()).append("` | §").append(algorithm.rfcSection()).append(" | ")
                    .append(cell(row.get("firstCandidate"))).append(" | ").append(cell(row.get("selectPort"))).append(" |\n");
            Double first = row.get("firstCandidate");
            allZero &= first != null && first < ZERO_BYTES;
        }
        table.append('\n').append("JDK ").append(any.getParams().getJdkVersion()).append(", ")
                .append(any.getParams().getVmName()).append(' ').append(any.getParams().getVmVersion())
                .append("; JMH -prof gc, gc.alloc.rate.norm\n")
                .append(allZero ? "Target met: opening a cursor, taking its first candidate and accepting it allocates nothing"
                        + " (< 0.5 B/op) for every algorithm.\n"
                        : "Target missed: opening a cursor, taking its first candidate and accepting it allocates (>= 0.5 B/op).\n")
                .append("Whole selection: select() returns a Selection (24 B); more means the JIT did not inline the probe loop,"
                        + " so the cursor was not scalar-replaced.\n");
        return table.toString();
    }

    private static String cell(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }
}
