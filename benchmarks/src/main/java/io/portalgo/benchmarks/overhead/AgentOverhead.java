package io.portalgo.benchmarks.overhead;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the agent costs a real program, measured side by side in one run (a noisy 2-core machine
 * allows ratios, not absolute targets): child JVMs alternate without and with
 * {@code -javaagent}, and the harness prints medians and their ratio.
 * <ul>
 *   <li>start-up: wall time of a JVM that prints "hello" and exits;</li>
 *   <li>TCP: connect + close of an unbound socket to loopback, per operation, after warm-up rounds;</li>
 *   <li>UDP: open + implicit bind by send + close, per operation.</li>
 * </ul>
 * Usage: {@code java -cp benchmarks/target/classes io.portalgo.benchmarks.overhead.AgentOverhead
 * agent/target/portalgo-agent.jar [java] [pairs] [agent arguments]}.
 */
public final class AgentOverhead {
    private static final int WARM_UP_ROUNDS = 3;
    private static final int MEASURED_ROUNDS = 5;
    private static final int OPS_PER_ROUND = 5_000;

    private final Path agentJar;
    private final String java;
    private final String agentArguments;

    private AgentOverhead(Path agentJar, String java, String agentArguments) {
        this.agentJar = agentJar;
        this.java = java;
        this.agentArguments = agentArguments;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path agentJar = Path.of(args.length > 0 ? args[0] : "agent/target/portalgo-agent.jar");
        if (!Files.isRegularFile(agentJar)) {
            throw new IllegalArgumentException("no agent jar at " + agentJar + "; build it with mvn -pl agent -am package");
        }
        String java = args.length > 1 ? args[1] : Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int pairs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        String agentArguments = args.length > 3 ? args[3] : "";
        new AgentOverhead(agentJar, java, agentArguments).run(pairs);
    }

    private void run(int pairs) throws IOException, InterruptedException {
        System.out.println("java: " + version() + ", agent arguments: '" + agentArguments + "', " + pairs
                + " alternating pairs of JVMs, " + MEASURED_ROUNDS + " x " + OPS_PER_ROUND + " operations after "
                + WARM_UP_ROUNDS + " warm-up rounds");
        System.out.println("| measure | without agent (median) | with agent (median) | with / without |");
        System.out.println("|---|---|---|---|");
        startup(pairs * 2);
        loop("tcp", "TCP connect + close (us/op)", pairs);
        loop("udp", "UDP open + send + close (us/op)", pairs);
    }

    /** Alternates a JVM without and one with the agent, {@code runs} times each. */
    private void startup(int runs) throws IOException, InterruptedException {
        double[][] millis = new double[2][runs];
        for (int i = 0; i < runs; i++) {
            for (int agent = 0; agent < 2; agent++) {
                long start = System.nanoTime();
                run(agent == 1, "hello", 0, 0);
                millis[agent][i] = (System.nanoTime() - start) / 1e6;
            }
        }
        report("JVM start-up, hello world (ms)", millis[0], millis[1]);
    }

    private void loop(String kind, String measure, int pairs) throws IOException, InterruptedException {
        List<List<Double>> perOp = List.of(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < pairs; i++) {
            for (int agent = 0; agent < 2; agent++) {
                List<String> rounds = run(agent == 1, kind, WARM_UP_ROUNDS + MEASURED_ROUNDS, OPS_PER_ROUND);
                for (String round : rounds.subList(WARM_UP_ROUNDS, rounds.size())) {
                    perOp.get(agent).add(Long.parseLong(round.split(" ")[2]) / 1000.0);
                }
            }
        }
        report(measure, toArray(perOp.get(0)), toArray(perOp.get(1)));
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private List<String> run(boolean withAgent, String kind, int rounds, int ops) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java));
        if (withAgent) {
            command.add("-javaagent:" + agentJar + (agentArguments.isEmpty() ? "" : "=" + agentArguments));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SocketLoops.class.getName(), kind,
                Integer.toString(rounds), Integer.toString(ops)));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("ROUND ")) {
                    lines.add(line);
                }
            }
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException("child JVM failed: " + command);
        }
        return lines;
    }

    private static void report(String measure, double[] without, double[] with) {
        double a = Harness.median(without);
        double b = Harness.median(with);
        System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.2f |%n", measure, a, b, b / a);
    }

    private String version() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
        String first = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("?");
        process.waitFor();
        return first;
    }
}
