package io.portalgo.examples.evaluation;

import io.portalgo.algorithms.PortRange;
import io.portalgo.algorithms.SelectorSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The same metrics on real ports: {@link LoopbackWorkload} in a child JVM per algorithm, under
 * {@code -javaagent:portalgo-agent.jar=algorithm=<id>,seed=<seed>,range=<range>}, and once
 * without the agent (the kernel's own choice). The range is the system's
 * ({@code /proc/sys/net/ipv4/ip_local_port_range}, else 49152-65535), because the agent's pinned
 * connects only work inside it. Results vary with the kernel and with other traffic, so they go
 * into their own section of the report, which the drift test does not compare.
 */
public final class RealSockets {
    private RealSockets() {
    }

    /** Ports one child JVM printed. */
    public record Observed(String label, int[] tcp, int[] udp) {
    }

    public static Observed run(String label, Path agentJar, String agentArguments, int count, long timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (agentJar != null) {
            command.add("-javaagent:" + agentJar.toAbsolutePath() + "=" + agentArguments);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LoopbackWorkload.class.getName());
        command.add(Integer.toString(count));
        command.add(Integer.toString(count));
        Path output = Files.createTempFile("portalgo-real-", ".txt");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(label + ": the workload did not finish within " + timeoutSeconds + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException(label + ": the workload exited with " + process.exitValue() + " (its stderr is above)");
            }
            List<Integer> tcp = new ArrayList<>();
            List<Integer> udp = new ArrayList<>();
            for (String line : Files.readAllLines(output, StandardCharsets.US_ASCII)) {
                String[] parts = line.trim().split(" ");
                if (parts.length == 2 && parts[0].equals("tcp")) {
                    tcp.add(Integer.parseInt(parts[1]));
                } else if (parts.length == 2 && parts[0].equals("udp")) {
                    udp.add(Integer.parseInt(parts[1]));
                }
            }
            return new Observed(label, tcp.stream().mapToInt(Integer::intValue).toArray(),
                    udp.stream().mapToInt(Integer::intValue).toArray());
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** The system's ephemeral range where Linux tells it, else the IANA range. */
    static PortRange systemRange() {
        try {
            // procfs files report size 0, so read them as a stream rather than by size
            String line;
            try (var reader = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
                line = reader.readLine();
            }
            if (line == null) {
                return PortRange.IANA_DYNAMIC;
            }
            String[] ends = line.trim().split("\\s+");
            return PortRange.of(Integer.parseInt(ends[0]), Integer.parseInt(ends[1]));
        } catch (IOException | RuntimeException unreadable) {
            return PortRange.IANA_DYNAMIC;
        }
    }

    /** One table row per protocol: the metrics of the simulator on observed ports to one destination. */
    static void addRows(Table table, Observed observed, PortRange range) {
        PortIndex index = new PortIndex(SelectorSettings.builder().range(range).build());
        addRow(table, observed.label(), "tcp", observed.tcp(), index);
        addRow(table, observed.label(), "udp", observed.udp(), index);
    }

    private static void addRow(Table table, String label, String protocol, int[] ports, PortIndex index) {
        int outside = 0;
        for (int port : ports) {
            if (index.indexOf(port) < 0) {
                outside++;
            }
        }
        Uniformity.Result uniform = Uniformity.chiSquare(ports, index, 64);
        int guessed = 0;
        int trials = 0;
        int window = 8;
        for (int j = window; j < ports.length; j++) {
            int[] seen = java.util.Arrays.copyOfRange(ports, j - window, j);
            boolean inRange = java.util.Arrays.stream(seen).allMatch(p -> index.indexOf(p) >= 0) && index.indexOf(ports[j]) >= 0;
            if (inRange) {
                trials++;
                if (Predictability.guess(seen, index) == ports[j]) {
                    guessed++;
                }
            }
        }
        Trace trace = new Trace(label, new int[ports.length], ports, new int[ports.length], 0);
        ReuseDistance.Summary reuse = ReuseDistance.summarize(ReuseDistance.distances(trace));
        table.row(label, protocol, Table.count(ports.length), Table.count(java.util.Arrays.stream(ports).distinct().count()),
                outside, Table.probability(uniform.pValue()),
                guessed + " / " + trials, Table.number(reuse.min(), 0) + " / " + Table.number(reuse.p50(), 0));
    }

    @CommandLine.Command(name = "real", mixinStandardHelpOptions = true,
            description = "Real loopback sockets in a child JVM per algorithm under the agent; updates the real-socket section.")
    static final class Command implements Callable<Integer> {
        @CommandLine.Mixin
        Evaluate.Common common;

        @Option(names = "--agent-jar", defaultValue = "agent/target/portalgo-agent.jar",
                description = "The shaded agent jar (default: ${DEFAULT-VALUE}).")
        Path agentJar;

        @Option(names = "--connections", defaultValue = "2000",
                description = "TCP connections and UDP datagrams per algorithm, at most 20000 (default: ${DEFAULT-VALUE}).")
        int connections;

        @Option(names = "--docs", defaultValue = "docs", description = "Where EVALUATION.md is (default: ${DEFAULT-VALUE}).")
        Path docs;

        @Option(names = "--timeout", defaultValue = "300", description = "Seconds per child JVM (default: ${DEFAULT-VALUE}).")
        long timeoutSeconds;

        @Option(names = "--isolation", defaultValue = "full",
                description = "The isolation experiments (leakage into the kernel's port table per TCP mode, clashes at one "
                        + "busy server; root for network namespaces): full, or skip (default: ${DEFAULT-VALUE}).")
        String isolation;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(agentJar)) {
                System.err.println("evaluate real: no agent jar at " + agentJar.toAbsolutePath()
                        + "; build it first: mvn -B -q -pl agent -am package -DskipTests (./evaluate.sh real does)");
                return 2;
            }
            HarnessConfig config = common.config();
            PortRange range = systemRange();
            Table table = new Table("real_sockets", "run", "protocol", "ports", "distinct", "outside range",
                    "uniformity: chi-square p", "next port guessed", "reuse distance min / median");
            addRows(table, run("kernel (no agent)", null, null, connections, timeoutSeconds), range);
            for (Policy policy : common.registry(config).all()) {
                String arguments = "algorithm=" + policy.id() + ",seed=" + config.seed() + ",range=" + range;
                addRows(table, run("`" + policy.id() + "`", agentJar, arguments, connections, timeoutSeconds), range);
                System.err.println("real sockets: " + policy.id() + " done");
            }
            String section = describe(range, config.seed()) + table.toMarkdown();
            if (isolation.equals("full")) {
                String missing = io.portalgo.examples.isolation.Namespaces.missingPrerequisite();
                if (missing != null) {
                    System.err.println("evaluate real: the isolation experiments need network namespaces: " + missing
                            + "; run as root, or pass --isolation skip");
                    return 2;
                }
                var launch = new io.portalgo.examples.isolation.Leakage.Launch(Path.of(System.getProperty("java.home"), "bin",
                        "java"), System.getProperty("java.class.path"), agentJar, range.min(), range.max());
                section += "\n" + io.portalgo.examples.isolation.IsolationReport.generate(launch,
                        io.portalgo.examples.isolation.IsolationReport.Plan.full(), docs, startLine(agentJar));
            }
            System.out.print(table.toMarkdown());
            Path file = docs.resolve(Report.FILE);
            if (Files.exists(file)) {
                String markdown = Files.readString(file, StandardCharsets.UTF_8);
                Files.writeString(file, Report.withRealSection(markdown, section), StandardCharsets.UTF_8);
                System.err.println("updated the real-socket section of " + file);
            }
            return 0;
        }

        /** The agent's start-up line with nothing set: what {@code auto} picks here and why. */
        private static String startLine(Path agentJar) throws IOException, InterruptedException {
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-javaagent:" + agentJar.toAbsolutePath(), "-version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(60, TimeUnit.SECONDS);
            return output.lines().filter(line -> line.startsWith("[portalgo] portalgo ")).findFirst().orElse("(none)")
                    .replaceFirst(" \\(premain, [^)]*\\)", "");
        }

        private String describe(PortRange range, long seed) {
            return String.format(Locale.ROOT, "Last run: %d TCP connections (closed with RST) to a loopback server and %d UDP datagrams "
                            + "from fresh channels to a loopback receiver per row; range %s (n = %,d), seed %d, agent "
                            + "`%s`, Java %s, %s %s. One destination per protocol, so \"next port guessed\" is the next port "
                            + "to the same server from the 8 before it (last + most frequent step), and the reuse distance is in "
                            + "connections to that server. That is what `hash` and `doublehash` promise to be predictable for: consecutive ports to one "
                            + "destination (RFC 6056 §3.3.3); their secret is the offset of every other destination. `random_start` and "
                            + "`random_pick` draw the same first candidate from the same seed, so their rows agree wherever that port was free.%n%n",
                    connections, connections, range, range.size(), seed, agentJar, System.getProperty("java.version"),
                    System.getProperty("os.name"), System.getProperty("os.version"));
        }
    }
}
