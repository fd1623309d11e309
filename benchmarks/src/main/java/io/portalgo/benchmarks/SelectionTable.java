package io.portalgo.benchmarks;

import io.portalgo.algorithms.Algorithm;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link SelectionBenchmark} and prints its results as the Markdown table the README quotes:
 * one row per algorithm, one column per busy fraction, each cell {@code ns/op ± error (probes per
 * selection)}, then which algorithms meet the target of at most 100 ns at 50 % busy. Takes JMH's
 * own options, e.g. {@code -f 1 -wi 3 -w 1s -i 5 -r 1s}, or {@code -p busyPercent=50}.
 */
public final class SelectionTable {
    /** ns per selection allowed at 50 % busy. */
    static final double TARGET_NANOS_AT_HALF_BUSY = 100;

    private SelectionTable() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions commandLine = new CommandLineOptions(args);
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .parent(commandLine)
                .include(SelectionBenchmark.class.getName() + ".select$")
                .build()).run();
        System.out.println();
        System.out.print(markdown(results));
    }

    static String markdown(Collection<RunResult> results) throws RunnerException {
        Map<String, Map<Integer, RunResult>> byAlgorithm = new TreeMap<>();
        for (RunResult result : results) {
            String algorithm = result.getParams().getParam("algorithm");
            int busy = Integer.parseInt(result.getParams().getParam("busyPercent"));
            byAlgorithm.computeIfAbsent(algorithm, a -> new TreeMap<>()).put(busy, result);
        }
        if (byAlgorithm.isEmpty()) {
            throw new RunnerException("no results: did the benchmark run?");
        }
        List<Integer> busyPercents = new ArrayList<>();
        byAlgorithm.values().forEach(row -> row.keySet().forEach(busy -> {
            if (!busyPercents.contains(busy)) {
                busyPercents.add(busy);
            }
        }));
        busyPercents.sort(null);

        StringBuilder table = new StringBuilder("| algorithm | RFC 6056 |");
        busyPercents.forEach(busy -> table.append(' ').append(busy).append(" % busy |"));
        table.append("\n|---|---|");
        busyPercents.forEach(busy -> table.append("---:|"));
        table.append('\n');
        List<String> missed = new ArrayList<>();
        RunResult any = null;
        for (Algorithm algorithm : Algorithm.values()) {
            Map<Integer, RunResult> row = byAlgorithm.get(algorithm.id());
            if (row == null) {
                continue;
            }
            table.append("| `").append(algorithm.id()).append("` | §").append(algorithm.rfcSection()).append(" |");
            for (int busy : busyPercents) {
                RunResult result = row.get(busy);
                table.append(' ').append(result == null ? "-" : cell(result)).append(" |");
                any = result == null ? any : result;
            }
            table.append('\n');
            RunResult half = row.get(50);
            if (half != null && half.getPrimaryResult().getScore() > TARGET_NANOS_AT_HALF_BUSY) {
                missed.add(algorithm.id());
            }
        }
        table.append('\n');
        if (any != null) {
            table.append("JDK ").append(any.getParams().getJdkVersion()).append(", ")
                    .append(any.getParams().getVmName()).append(' ').append(any.getParams().getVmVersion())
                    .append("; ns/op ± 99.9 % error (probes per selection)\n");
        }
        if (byAlgorithm.values().stream().anyMatch(row -> row.containsKey(50))) {
            table.append(missed.isEmpty()
                    ? "Target met: every algorithm at most 100 ns per selection at 50 % busy.\n"
                    : "Target missed at 50 % busy (> 100 ns) by: " + String.join(", ", missed) + "\n");
        }
        return table.toString();
    }

    private static String cell(RunResult result) {
        Result<?> time = result.getPrimaryResult();
        String nanos = Double.isNaN(time.getScoreError())
                ? String.format(Locale.ROOT, "%.1f ns", time.getScore())
                : String.format(Locale.ROOT, "%.1f ± %.1f ns", time.getScore(), time.getScoreError());
        Result<?> probes = result.getSecondaryResults().get("probes");
        Result<?> selections = result.getSecondaryResults().get("selections");
        if (probes == null || selections == null || selections.getScore() == 0) {
            return nanos;
        }
        return nanos + String.format(Locale.ROOT, " (%.2f)", probes.getScore() / selections.getScore());
    }
}
