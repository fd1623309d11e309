package io.portalgo.benchmarks.overhead;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What the agent costs a Netty epoll program, side by side as {@link AgentOverhead} measures the
 * JDK paths: child JVMs alternate without and with {@code -javaagent}.
 * <ul>
 *   <li>first connect: wall time from {@code main} to the end of the first epoll connect, which
 *       loads Netty, without the agent, with it and an empty class cache (ByteBuddy weaves
 *       Netty's socket classes), and with it and a warm cache (a private cache directory per run,
 *       set through {@code XDG_CACHE_HOME});</li>
 *   <li>epoll connect + close of an unbound socket, per operation, after warm-up rounds.</li>
 * </ul>
 * Usage: {@code java -cp benchmarks/target/benchmarks.jar io.portalgo.benchmarks.overhead.NativeTransportOverhead
 * agent/target/portalgo-agent.jar [java] [pairs] [agent arguments]}.
 */
public final class NativeTransportOverhead {
    private static final int WARM_UP_ROUNDS = 3;
    private static final int MEASURED_ROUNDS = 5;
    private static final int OPS_PER_ROUND = 2_000;

    private final Path agentJar;
    private final String java;
    private final String agentArguments;

    private NativeTransportOverhead(Path agentJar, String java, String agentArguments) {
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
        new NativeTransportOverhead(agentJar, java, agentArguments).run(pairs);
    }

    private void run(int pairs) throws IOException, InterruptedException {
        System.out.println("agent arguments: '" + agentArguments + "', " + pairs + " alternating JVMs each, "
                + MEASURED_ROUNDS + " x " + OPS_PER_ROUND + " epoll connects after " + WARM_UP_ROUNDS + " warm-up rounds");
        System.out.println("| measure | without agent (median) | with agent (median) | with / without |");
        System.out.println("|---|---|---|---|");
        double[] none = new double[pairs];
        double[] cold = new double[pairs];
        double[] warm = new double[pairs];
        Path warmCache = Files.createTempDirectory("portalgo-bench-warm");
        for (int i = 0; i < pairs; i++) {
            none[i] = first(null);
            Path empty = Files.createTempDirectory("portalgo-bench-cold");
            cold[i] = first(empty);
            deleteTree(empty);
            warm[i] = first(warmCache);
        }
        deleteTree(warmCache);
        report("main to first epoll connect, empty class cache (ms)", none, cold);
        report("main to first epoll connect, warm class cache (ms)", none, warm);
        List<List<Double>> perOp = List.of(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < pairs; i++) {
            for (int agent = 0; agent < 2; agent++) {
                for (String round : child(agent == 1, null, "loop").subList(WARM_UP_ROUNDS, WARM_UP_ROUNDS + MEASURED_ROUNDS)) {
                    perOp.get(agent).add(Long.parseLong(round.split(" ")[2]) / 1000.0);
                }
            }
        }
        report("epoll connect + close (us/op)", perOp.get(0).stream().mapToDouble(Double::doubleValue).toArray(),
                perOp.get(1).stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** One JVM's {@code FIRST} time: without the agent when {@code cache} is null, else with it and that cache. */
    private double first(Path cache) throws IOException, InterruptedException {
        return Double.parseDouble(child(cache != null, cache, "first").get(0).split(" ")[1]);
    }

    private List<String> child(boolean withAgent, Path cache, String kind) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java));
        if (withAgent) {
            command.add("-javaagent:" + agentJar + (agentArguments.isEmpty() ? "" : "=" + agentArguments));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), EpollConnectLoops.class.getName(), kind,
                Integer.toString(WARM_UP_ROUNDS + MEASURED_ROUNDS), Integer.toString(OPS_PER_ROUND)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        if (cache != null) {
            builder.environment().put("XDG_CACHE_HOME", cache.toString());
        }
        Process process = builder.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("ROUND ") || line.startsWith("FIRST ")) {
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

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
