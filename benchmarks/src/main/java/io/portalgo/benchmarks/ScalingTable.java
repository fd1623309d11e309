package io.portalgo.benchmarks;

import io.portalgo.algorithms.Algorithm;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link ScalingBenchmark} with 1 thread, then with 2, and prints selections per microsecond
 * and their ratio per algorithm as a Markdown table. Target: a ratio of at least 1.7 for
 * {@code random_start}, {@code random_pick} and {@code doublehash}; {@code bsd}, {@code hash} and
 * {@code randinc} share one counter by RFC 6056's design, so every selection of every thread
 * writes one cache line. A ratio needs at least 2 idle cores. Takes JMH's options, e.g.
 * {@code -f 1 -wi 2 -w 1s -i 3 -r 1s}.
 */
public final class ScalingTable {
    static final double TARGET_RATIO = 1.7;
    static final String[] TARGETED = {"random_start", "random_pick", "doublehash"};

    private ScalingTable() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions commandLine = new CommandLineOptions(args);
        Map<Integer, Collection<RunResult>> byThreads = new HashMap<>();
        for (int threads = 1; threads <= 2; threads++) {
            byThreads.put(threads, new Runner(new OptionsBuilder()
                    .parent(commandLine)
                    .include(ScalingBenchmark.class.getName() + ".select$")
                    .threads(threads)
                    .build()).run());
        }
        System.out.println();
        System.out.print(markdown(byThreads.get(1), byThreads.get(2)));
    }

    static String markdown(Collection<RunResult> one, Collection<RunResult> two) throws RunnerException {
        Map<String, RunResult> single = byAlgorithm(one);
        Map<String, RunResult> dual = byAlgorithm(two);
        if (single.isEmpty() || dual.isEmpty()) {
            throw new RunnerException("no results: did the benchmark run?");
        }
        StringBuilder table = new StringBuilder("| algorithm | RFC 6056 | 1 thread (selections/us) | 2 threads (selections/us) | ratio |\n"
                + "|---|---|---:|---:|---:|\n");
        StringBuilder missed = new StringBuilder();
        RunResult any = null;
        for (Algorithm algorithm : Algorithm.values()) {
            RunResult a = single.get(algorithm.id());
            RunResult b = dual.get(algorithm.id());
            if (a == null || b == null) {
                continue;
            }
            any = a;
            double ratio = b.getPrimaryResult().getScore() / a.getPrimaryResult().getScore();
            table.append("| `").append(algorithm.id()).append("` | §").append(algorithm.rfcSection()).append(" | ")
                    .append(cell(a)).append(" | ").append(cell(b)).append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f", ratio)).append(" |\n");
            if (java.util.Arrays.asList(TARGETED).contains(algorithm.id()) && ratio < TARGET_RATIO) {
                missed.append(missed.length() == 0 ? "" : ", ").append(algorithm.id());
            }
        }
        table.append('\n').append("JDK ").append(any.getParams().getJdkVersion()).append(", ")
                .append(any.getParams().getVmName()).append(' ').append(any.getParams().getVmVersion())
                .append("; ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs; one shared selector, 50 % busy\n")
                .append(missed.length() == 0
                        ? "Target met: random_start, random_pick and doublehash scale at least 1.7x with 2 threads.\n"
                        : "Target missed (< 1.7x with 2 threads) by: " + missed + "\n");
        return table.toString();
    }

    private static Map<String, RunResult> byAlgorithm(Collection<RunResult> results) {
        Map<String, RunResult> map = new HashMap<>();
        for (RunResult result : results) {
            map.put(result.getParams().getParam("algorithm"), result);
        }
        return map;
    }

    private static String cell(RunResult result) {
        double score = result.getPrimaryResult().getScore();
        double error = result.getPrimaryResult().getScoreError();
        return Double.isNaN(error) ? String.format(Locale.ROOT, "%.2f", score)
                : String.format(Locale.ROOT, "%.2f ± %.2f", score, error);
    }
}
