package io.portalgo.benchmarks.overhead;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * What the agent adds to a JVM's start-up (GitHub issue 11's targets), measured side by side:
 * JVMs alternate without and with the agent, and for each pair the harness records wall time
 * and CPU time (user + system, from the shell's {@code times}, so every thread of the child
 * counts). It prints per scenario the medians, the median difference and the min-max of the
 * pairwise differences. Scenarios:
 * <ul>
 *   <li>{@code empty}: an agent whose premain returns at once, the floor any agent pays
 *       (the JVM turns off parts of class-data sharing for agents);</li>
 *   <li>{@code warm}: hello world, portalgo with its class cache filled;</li>
 *   <li>{@code cold}: hello world, each portalgo JVM with an empty cache directory of its own;</li>
 *   <li>{@code connect}: a JVM that makes one loopback listener and one TCP connect, portalgo
 *       warm: the agent's runtime is made at the first socket, so this is what a JVM that uses
 *       the network pays in all;</li>
 *   <li>{@code jps}: {@code jps -q} with {@code JAVA_TOOL_OPTIONS=-javaagent:...} against
 *       {@code jps -q} without;</li>
 *   <li>{@code appcds}: both sides with the user's AppCDS archive ({@code -XX:SharedArchiveFile},
 *       made once without the agent with {@code -XX:ArchiveClassesAtExit}), portalgo warm;</li>
 *   <li>{@code aot} (Java 25): both sides with the user's AOT cache ({@code -XX:AOTCache}, made
 *       once without the agent with {@code -XX:AOTCacheOutput}), portalgo warm: the JVM refuses a
 *       cache without the full module graph, which any agent turns off;</li>
 *   <li>{@code aot-trained} (Java 25): each side with an AOT cache trained as it runs, the agent's
 *       under the agent.</li>
 * </ul>
 * Usage: {@code java -cp benchmarks/target/classes io.portalgo.benchmarks.overhead.StartupOverhead
 * agent/target/portalgo-agent.jar [java] [pairs] [scenario,...]} (default: 10 pairs,
 * {@code empty,warm,cold,connect,jps}).
 */
public final class StartupOverhead {
    private final Path agentJar;
    private final Path java;
    private final Path work;
    private String classPath;

    private StartupOverhead(Path agentJar, Path java, Path work) {
        this.agentJar = agentJar.toAbsolutePath();
        this.java = java;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Path agentJar = Path.of(args.length > 0 ? args[0] : "agent/target/portalgo-agent.jar");
        if (!Files.isRegularFile(agentJar)) {
            throw new IllegalArgumentException("no agent jar at " + agentJar + "; build it with mvn -pl agent -am package");
        }
        Path java = Path.of(args.length > 1 ? args[1] : Path.of(System.getProperty("java.home"), "bin", "java").toString());
        int pairs = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        List<String> scenarios = List.of((args.length > 3 ? args[3] : "empty,warm,cold,connect,jps").split(","));
        Path work = Files.createTempDirectory("portalgo-startup");
        new StartupOverhead(agentJar, java, work).run(pairs, scenarios);
    }

    private void run(int pairs, List<String> scenarios) throws Exception {
        // A jar, not a directory: class-data sharing archives refuse a class path with a non-empty directory.
        classPath = jarOf(work.resolve("hello.jar"), null, SocketLoops.class).toString();
        System.out.println(version() + ", " + pairs + " alternating pairs per scenario; wall ms and CPU ms (user+sys)");
        System.out.println("| scenario | wall without | wall with | wall +median (min..max) | CPU without | CPU with "
                + "| CPU +median (min..max) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        Path warmCache = work.resolve("warm-cache");
        String warmAgent = "-javaagent:" + agentJar + "=class-cache.dir=" + warmCache;
        measure(List.of(warmAgent), hello(), null, 1); // fills the warm cache
        for (String scenario : scenarios) {
            switch (scenario) {
                case "empty" -> compare(scenario, pairs, List.of(), List.of("-javaagent:" + emptyAgent()), hello(), false);
                case "warm" -> compare(scenario, pairs, List.of(), List.of(warmAgent), hello(), false);
                case "cold" -> compare(scenario, pairs, List.of(), null, hello(), false);
                case "connect" -> compare(scenario, pairs, List.of(), List.of(warmAgent), List.of("-cp", classPath,
                        SocketLoops.class.getName(), "connect", "0", "0"), false);
                case "jps" -> compare(scenario, pairs, List.of(), List.of(warmAgent), List.of("jps", "-q"), true);
                case "appcds" -> archived(scenario, pairs, warmAgent, "-XX:ArchiveClassesAtExit=", "-XX:SharedArchiveFile=");
                case "aot" -> archived(scenario, pairs, warmAgent, "-XX:AOTCacheOutput=", "-XX:AOTCache=");
                case "aot-trained" -> trained(scenario, pairs, warmAgent);
                default -> throw new IllegalArgumentException("unknown scenario " + scenario);
            }
        }
    }

    /**
     * Both sides with the user's own archive, made once by a training run without the agent (as a
     * user makes it; the JVM refuses to dump one with an agent unless told
     * {@code -XX:+AllowArchivingWithJavaAgent}), so the "with" side shows what the archive still
     * gives under the agent.
     */
    private void archived(String scenario, int pairs, String agent, String make, String use) throws Exception {
        Path archive = work.resolve(scenario + ".jsa");
        measure(List.of(make + archive), hello(), null, 1);
        compare(scenario, pairs, List.of(use + archive), List.of(agent, use + archive), hello(), false);
    }

    /** Java 25: each side with an AOT cache trained as it runs, the agent's side under the agent. */
    private void trained(String scenario, int pairs, String agent) throws Exception {
        Path without = work.resolve(scenario + "-without.aot");
        Path with = work.resolve(scenario + "-with.aot");
        measure(List.of("-XX:AOTCacheOutput=" + without), hello(), null, 1);
        measure(List.of(agent, "-XX:AOTCacheOutput=" + with), hello(), null, 1);
        compare(scenario, pairs, List.of("-XX:AOTCache=" + without), List.of(agent, "-XX:AOTCache=" + with), hello(), false);
    }

    private List<String> hello() {
        return List.of("-cp", classPath, SocketLoops.class.getName(), "hello", "0", "0");
    }

    /**
     * @param withOptions null for a fresh empty cache directory per run (cold)
     * @param tool true to pass the options through {@code JAVA_TOOL_OPTIONS} to a JDK tool
     */
    private void compare(String scenario, int pairs, List<String> withoutOptions, List<String> withOptions,
            List<String> program, boolean tool) throws Exception {
        double[][] wall = new double[2][pairs];
        double[][] cpu = new double[2][pairs];
        for (int i = 0; i < pairs; i++) {
            for (int side = 0; side < 2; side++) {
                List<String> options = side == 0 ? withoutOptions : withOptions != null ? withOptions
                        : List.of("-javaagent:" + agentJar + "=class-cache.dir=" + work.resolve("cold-" + i));
                double[] measured = tool ? measureTool(options, program) : measure(options, program, null, 1);
                wall[side][i] = measured[0];
                cpu[side][i] = measured[1];
            }
        }
        System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %s | %.0f | %.0f | %s |%n", scenario, Harness.median(wall[0]),
                Harness.median(wall[1]), difference(wall), Harness.median(cpu[0]), Harness.median(cpu[1]), difference(cpu));
    }

    private double[] measureTool(List<String> options, List<String> tool) throws Exception {
        List<String> command = new ArrayList<>(tool);
        command.set(0, java.resolveSibling(tool.get(0)).toString());
        return measure(List.of(), command, String.join(" ", options), 0);
    }

    /**
     * Runs one child through {@code bash}, whose {@code times} reports the child's CPU.
     *
     * @param javaOptionsAt where the options go in the java command (1, after {@code java}); 0 for a tool
     * @return wall ms, CPU ms
     */
    private double[] measure(List<String> options, List<String> program, String javaToolOptions, int javaOptionsAt)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "-c",
                "\"$@\" >/dev/null 2>&1; status=$?; times; exit $status", "child"));
        if (javaOptionsAt == 1) {
            command.add(java.toString());
            command.addAll(options);
        }
        command.addAll(program);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("PORTALGO_") || name.equals("JAVA_TOOL_OPTIONS"));
        if (javaToolOptions != null && !javaToolOptions.isEmpty()) {
            builder.environment().put("JAVA_TOOL_OPTIONS", javaToolOptions);
        }
        long start = System.nanoTime();
        Process process = builder.start();
        String times = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = process.waitFor();
        double wallMillis = (System.nanoTime() - start) / 1e6;
        if (status != 0) {
            throw new IllegalStateException("child failed (" + status + "): " + command);
        }
        // times: the shell's own user/sys, then its children's: "0m0.123s 0m0.045s"
        String[] children = times.strip().split("\n")[1].trim().split("\\s+");
        return new double[] {wallMillis, seconds(children[0]) * 1000 + seconds(children[1]) * 1000};
    }

    private static double seconds(String shellTime) {
        int m = shellTime.indexOf('m');
        return Integer.parseInt(shellTime.substring(0, m)) * 60 + Double.parseDouble(shellTime.substring(m + 1,
                shellTime.length() - 1));
    }

    /** An agent jar whose premain does nothing. */
    private Path emptyAgent() throws IOException {
        Path jar = work.resolve("empty-agent.jar");
        return Files.exists(jar) ? jar : jarOf(jar, EmptyAgent.class.getName(), EmptyAgent.class);
    }

    /** A jar holding {@code type}'s class file, with {@code premainClass} in its manifest if not null. */
    private static Path jarOf(Path jar, String premainClass, Class<?> type) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (premainClass != null) {
            manifest.getMainAttributes().putValue("Premain-Class", premainClass);
        }
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            String entry = type.getName().replace('.', '/') + ".class";
            out.putNextEntry(new JarEntry(entry));
            try (var in = type.getClassLoader().getResourceAsStream(entry)) {
                in.transferTo(out);
            }
            out.closeEntry();
        }
        return jar;
    }

    private static String difference(double[][] sides) {
        double[] differences = new double[sides[0].length];
        for (int i = 0; i < differences.length; i++) {
            differences[i] = sides[1][i] - sides[0][i];
        }
        double[] sorted = differences.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%+.0f (%+.0f..%+.0f)", Harness.median(differences), sorted[0], sorted[sorted.length - 1]);
    }

    private String version() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
        String first = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst()
                .orElse("?");
        process.waitFor();
        return first;
    }
}
