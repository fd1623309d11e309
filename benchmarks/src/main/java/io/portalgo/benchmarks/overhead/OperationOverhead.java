package io.portalgo.benchmarks.overhead;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Throughput of a short TCP connect and of a UDP send with the agent relative to without, side by
 * side in one run (a noisy 2-core machine allows ratios, not absolute targets): for each JDK,
 * pairs of child JVMs alternate without and with {@code -javaagent}, each running
 * {@link ConnectLoops} for 2,000 warm-up and 20,000 measured operations; the table shows the
 * median ns per operation of each side and the throughput ratio (time without / time with).
 * Targets (issue "the hot path"): TCP at least 0.95, UDP at least 0.97.
 *
 * <p>Usage: {@code java -cp benchmarks/target/classes io.portalgo.benchmarks.overhead.OperationOverhead
 * agent/target/portalgo-agent.jar <pairs> <java> [<java> ...] [-- agent arguments]}.
 */
public final class OperationOverhead {
    private static final int WARM_UP_OPS = 2_000;
    private static final int MEASURED_OPS = 20_000;

    private OperationOverhead() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path agentJar = Path.of(args[0]);
        if (!Files.isRegularFile(agentJar)) {
            throw new IllegalArgumentException("no agent jar at " + agentJar + "; build it with mvn -pl agent -am package");
        }
        int pairs = Integer.parseInt(args[1]);
        List<String> javas = new ArrayList<>();
        String agentArguments = "";
        for (int i = 2; i < args.length; i++) {
            if (args[i].equals("--")) {
                agentArguments = i + 1 < args.length ? args[i + 1] : "";
                break;
            }
            javas.add(args[i]);
        }
        System.out.println(pairs + " alternating pairs of JVMs per row, " + MEASURED_OPS + " operations after "
                + WARM_UP_OPS + " warm-up; agent arguments: '" + agentArguments + "'");
        System.out.println("| JDK | loop | without agent (ns/op, median) | with agent (ns/op, median) | throughput with / without |");
        System.out.println("|---|---|---:|---:|---:|");
        for (String java : javas) {
            for (String kind : List.of("tcp", "udp")) {
                double[][] nanos = new double[2][pairs];
                for (int i = 0; i < pairs; i++) {
                    for (int agent = 0; agent < 2; agent++) {
                        nanos[agent][i] = run(java, agentJar, agent == 1, agentArguments, kind);
                    }
                }
                double without = median(nanos[0]);
                double with = median(nanos[1]);
                System.out.printf(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.3f |%n", version(java), kind, without, with,
                        without / with);
            }
        }
    }

    private static double run(String java, Path agentJar, boolean withAgent, String agentArguments, String kind)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java));
        if (withAgent) {
            command.add("-javaagent:" + agentJar + (agentArguments.isEmpty() ? "" : "=" + agentArguments));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ConnectLoops.class.getName(), kind,
                Integer.toString(WARM_UP_OPS), Integer.toString(MEASURED_OPS)));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        double nanos = Double.NaN;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("OPS ")) {
                    nanos = Double.parseDouble(line.split(" ")[2]);
                }
            }
        }
        if (process.waitFor() != 0 || Double.isNaN(nanos)) {
            throw new IllegalStateException("child JVM failed: " + command);
        }
        return nanos;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String version(String java) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(java, "-XshowSettings:properties", "-version").redirectErrorStream(true).start();
        String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(line -> line.trim().startsWith("java.runtime.version ="))
                .map(line -> line.substring(line.indexOf('=') + 1).trim()).findFirst().orElse(java);
        process.waitFor();
        return version;
    }
}
