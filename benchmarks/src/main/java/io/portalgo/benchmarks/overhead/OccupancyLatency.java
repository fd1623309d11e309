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
 * Connect latency when another process holds 0 %, 50 % or 90 % of the ephemeral range: the
 * kernel scans for a free port inside one {@code connect}, while {@code pin} mode tries exactly one
 * port per attempt, each a {@code connect} that fails with EADDRNOTAVAIL when the port is held.
 * Runs in its own network namespace ({@code portalgo-bench-occ}), whose
 * {@code ip_local_port_range} is set to 40000-40999 (per namespace; the host's is untouched), so
 * a 90 % occupancy is 900 held ports; the agent takes its range from the kernel's as usual. For
 * each JDK and occupancy, JVMs alternate without and with the agent; each makes 2,000 warm-up and
 * 5,000 timed connects. Needs root, {@code ip} and {@code sysctl}.
 *
 * <p>Usage: {@code java -cp benchmarks/target/classes io.portalgo.benchmarks.overhead.OccupancyLatency
 * agent/target/portalgo-agent.jar <pairs> <java> [<java> ...]}.
 */
public final class OccupancyLatency {
    private static final String NAMESPACE = "portalgo-bench-occ";
    private static final int MIN = 40000;
    private static final int MAX = 40999;

    private OccupancyLatency() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path agentJar = Path.of(args[0]).toAbsolutePath();
        if (!Files.isRegularFile(agentJar)) {
            throw new IllegalArgumentException("no agent jar at " + agentJar);
        }
        int pairs = Integer.parseInt(args[1]);
        List<String> javas = Arrays.asList(args).subList(2, args.length);
        exec("ip", "netns", "add", NAMESPACE);
        try {
            exec("ip", "-n", NAMESPACE, "link", "set", "lo", "up");
            exec("ip", "netns", "exec", NAMESPACE, "sysctl", "-q", "-w",
                    "net.ipv4.ip_local_port_range=" + MIN + " " + MAX);
            System.out.println("range " + MIN + "-" + MAX + " in network namespace " + NAMESPACE + "; " + pairs
                    + " alternating pairs per row; latency of one connect in microseconds");
            System.out.println("| JDK | held by another process | kernel median | agent median | kernel p99 | agent p99 | failures kernel / agent |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|");
            for (String java : javas) {
                for (int percent : new int[] {0, 50, 90}) {
                    Process holder = inNamespace(java, PortHolder.class.getName(), Integer.toString(MIN),
                            Integer.toString(MAX), Integer.toString(percent), "6056").start();
                    try {
                        BufferedReader ready = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                                StandardCharsets.UTF_8));
                        String line = ready.readLine();
                        if (line == null || !line.startsWith("READY")) {
                            throw new IllegalStateException("the port holder did not start: " + line);
                        }
                        row(java, agentJar, pairs, percent);
                    } finally {
                        holder.getOutputStream().close();
                        holder.waitFor();
                    }
                }
            }
        } finally {
            exec("ip", "netns", "delete", NAMESPACE);
        }
    }

    private static void row(String java, Path agentJar, int pairs, int percent) throws IOException, InterruptedException {
        double[][] median = new double[2][pairs];
        double[][] p99 = new double[2][pairs];
        long[] failures = new long[2];
        for (int i = 0; i < pairs; i++) {
            for (int agent = 0; agent < 2; agent++) {
                List<String> command = new ArrayList<>();
                if (agent == 1) {
                    command.add("-javaagent:" + agentJar);
                }
                command.addAll(List.of(ConnectLatency.class.getName(), "2000", "5000"));
                long[] result = latency(inNamespace(java, command.toArray(new String[0])));
                median[agent][i] = result[0] / 1000.0;
                p99[agent][i] = result[1] / 1000.0;
                failures[agent] += result[2];
            }
        }
        System.out.printf(Locale.ROOT, "| %s | %d %% | %.1f | %.1f | %.1f | %.1f | %d / %d |%n", Harness.version(java), percent,
                Harness.median(median[0]), Harness.median(median[1]), Harness.median(p99[0]), Harness.median(p99[1]), failures[0], failures[1]);
    }

    private static ProcessBuilder inNamespace(String java, String... arguments) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", NAMESPACE, java));
        List<String> rest = new ArrayList<>(Arrays.asList(arguments));
        int main = rest.get(0).startsWith("-") ? 1 : 0;
        command.addAll(rest.subList(0, main));
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        command.addAll(rest.subList(main, rest.size()));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    }

    private static long[] latency(ProcessBuilder builder) throws IOException, InterruptedException {
        Process process = builder.start();
        long[] result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("LATENCY ")) {
                    String[] parts = line.split(" ");
                    result = new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3])};
                }
            }
        }
        if (process.waitFor() != 0 || result == null) {
            throw new IllegalStateException("child JVM failed: " + builder.command());
        }
        return result;
    }

    private static void exec(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output.trim());
        }
    }
}
