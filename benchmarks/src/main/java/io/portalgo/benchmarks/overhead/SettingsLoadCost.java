package io.portalgo.benchmarks.overhead;

import io.portalgo.config.Environment;
import io.portalgo.config.HostPorts;
import io.portalgo.config.PortalgoSettings;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What reading the settings costs in a cold JVM (GitHub issue 11): the agent's premain runs
 * {@code PortalgoSettings.load(agentArguments)} and {@code HostPorts.range(Environment.system())}
 * in every JVM, before {@code main}, where nothing is compiled yet and every class is loaded for
 * the first time. Each of {@code runs} fresh JVMs per scenario times the two calls with
 * {@code System.nanoTime} and logs {@code -Xlog:class+load} to a file; the classes logged
 * between marker classes are the ones the calls loaded. A class spun at run time (a lambda's
 * proxy, a {@code LambdaForm}, any hidden class: its name holds {@code $$Lambda} or
 * {@code /0x}) costs far more than one read from the class-data-sharing archive: the first
 * lambda of a JVM loads ASM and the method-handle machinery and sets the JIT compiling
 * {@code java.lang.invoke}.
 *
 * <p>Scenarios: {@code default} (no arguments, nothing set), {@code typical} (agent arguments
 * {@code tcp.algorithm=hash,range=40000-40999}), {@code all-sources} (agent arguments, a system
 * property, an environment variable and a properties file with reserved ports and three rules).
 * Per scenario it prints the median milliseconds (and min..max), also of the same load run a
 * second time in that JVM ({@code load again}: every class loaded, the code still interpreted, so
 * the difference is what loading the classes costs), and the median number of classes
 * loaded, portalgo's and the JDK's, each split into spun and not; {@code regex} and {@code nio}
 * count the JDK's {@code java.util.regex} classes among them and its file-system and channel
 * classes ({@code java.nio.file}, {@code java.nio.channels}, {@code sun.nio.fs},
 * {@code sun.nio.ch}). The classes of each scenario's first JVM are written to
 * a file named at the end.
 *
 * <p>Usage, from the repository root after {@code mvn -B -q -pl benchmarks -am package -DskipTests}:
 * {@code java -cp benchmarks/target/classes io.portalgo.benchmarks.overhead.SettingsLoadCost
 * [java] [runs] [scenario,...]} (default: this JVM's {@code java}, 10 runs, all three scenarios).
 * The children's class path is this JVM's plus {@code config/target/classes} and
 * {@code algorithms/target/classes} where they exist.
 */
public final class SettingsLoadCost {
    private static final String TYPICAL = "tcp.algorithm=hash,range=40000-40999";

    private final String java;
    private final String classPath;
    private final Path work;

    private SettingsLoadCost(String java, String classPath, Path work) {
        this.java = java;
        this.classPath = classPath;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        String java = args.length > 0 ? args[0] : Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<String> scenarios = List.of((args.length > 2 ? args[2] : "default,typical,all-sources").split(","));
        StringBuilder classPath = new StringBuilder(System.getProperty("java.class.path"));
        for (String module : List.of("config", "algorithms")) {
            Path classes = Path.of(module, "target", "classes");
            if (Files.isDirectory(classes)) {
                classPath.append(File.pathSeparator).append(classes.toAbsolutePath());
            }
        }
        new SettingsLoadCost(java, classPath.toString(), Files.createTempDirectory("portalgo-settings-load")).run(runs, scenarios);
    }

    private void run(int runs, List<String> scenarios) throws Exception {
        System.out.println(Harness.version(java) + ", " + runs + " JVMs per scenario; ms: median (min..max); classes loaded "
                + "by the two calls: median");
        System.out.println("| scenario | load ms | HostPorts.range ms | load again ms | portalgo | portalgo spun | JDK | JDK spun "
                + "| of which regex | of which nio |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        List<Path> lists = new ArrayList<>();
        for (String scenario : scenarios) {
            double[] loadMillis = new double[runs];
            double[] rangeMillis = new double[runs];
            double[] againMillis = new double[runs];
            double[][] counts = new double[Kind.values().length][runs];
            for (int i = 0; i < runs; i++) {
                Child child = runChild(scenario, i);
                loadMillis[i] = child.loadMillis;
                rangeMillis[i] = child.rangeMillis;
                againMillis[i] = child.againMillis;
                for (Kind kind : Kind.values()) {
                    counts[kind.ordinal()][i] = child.count(kind);
                }
                if (i == 0) {
                    Path list = work.resolve(scenario + "-classes.txt");
                    Files.write(list, child.loaded);
                    lists.add(list);
                }
            }
            StringBuilder row = new StringBuilder("| " + scenario + " | " + millis(loadMillis) + " | " + millis(rangeMillis) + " | "
                    + millis(againMillis));
            for (Kind kind : Kind.values()) {
                row.append(" | ").append(Math.round(Harness.median(counts[kind.ordinal()])));
            }
            System.out.println(row.append(" |"));
        }
        System.out.println("Classes of each scenario's first JVM: " + lists);
    }

    private Child runChild(String scenario, int run) throws IOException, InterruptedException {
        Path log = work.resolve(scenario + "-" + run + ".log");
        List<String> command = new ArrayList<>(List.of(java, "-Xlog:class+load:file=" + log));
        String arguments;
        Map<String, String> variables = Map.of();
        switch (scenario) {
            case "default" -> arguments = "";
            case "typical" -> arguments = TYPICAL;
            case "all-sources" -> {
                Path file = work.resolve("portalgo.properties");
                Files.writeString(file, "reserved = 40100-40110\nrules = udp:*:53=random_pick;tcp:192.0.2.0/24:443=bsd;"
                        + "tcp:[2001:db8::/32]:1000-2000=doublehash\n");
                arguments = TYPICAL + ",config=" + file;
                command.add("-Dportalgo.tcp.mode=share");
                variables = Map.of("PORTALGO_REKEY", "20s");
            }
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        }
        command.addAll(List.of("-cp", classPath, Probe.class.getName(), arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("PORTALGO_") || name.equals("JAVA_TOOL_OPTIONS"));
        builder.environment().putAll(variables);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (process.waitFor() != 0 || !output.matches("\\d+ \\d+ \\d+")) {
            throw new IllegalStateException("child failed: " + command + "\n" + output);
        }
        String[] nanos = output.split(" ");
        return new Child(Long.parseLong(nanos[0]) / 1e6, Long.parseLong(nanos[1]) / 1e6, Long.parseLong(nanos[2]) / 1e6,
                between(Files.readAllLines(log)));
    }

    /** The class names logged after {@link Probe.LoadStarts} and before {@link Probe.Done}. */
    private static List<String> between(List<String> log) {
        List<String> names = new ArrayList<>();
        boolean inside = false;
        for (String line : log) {
            // [0.051s][info][class,load] java.util.regex.Pattern source: shared objects file
            String[] words = line.substring(line.indexOf(']', line.indexOf("[class,load]")) + 1).trim().split(" ");
            String name = words[0];
            if (name.equals(Probe.LoadStarts.class.getName()) || name.equals(Probe.Done.class.getName())) {
                inside = name.equals(Probe.LoadStarts.class.getName());
            } else if (inside && !name.equals(Probe.RangeStarts.class.getName())) {
                names.add(line.substring(line.indexOf("[class,load]") + "[class,load]".length()).trim());
            }
        }
        return names;
    }

    private static String millis(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%.1f (%.1f..%.1f)", Harness.median(values), sorted[0], sorted[sorted.length - 1]);
    }

    /** The columns of class counts. */
    private enum Kind {
        PORTALGO, PORTALGO_SPUN, JDK, JDK_SPUN, REGEX, NIO;

        boolean matches(String name) {
            boolean spun = name.contains("$$Lambda") || name.contains("/0x");
            boolean portalgo = name.startsWith("io.portalgo.");
            return switch (this) {
                case PORTALGO -> portalgo && !spun;
                case PORTALGO_SPUN -> portalgo && spun;
                case JDK -> !portalgo && !spun;
                case JDK_SPUN -> !portalgo && spun;
                case REGEX -> name.startsWith("java.util.regex.");
                case NIO -> name.startsWith("java.nio.file.") || name.startsWith("java.nio.channels.")
                        || name.startsWith("sun.nio.fs.") || name.startsWith("sun.nio.ch.");
            };
        }
    }

    /** One child's timings and the classes it loaded during the calls ({@code name source: ...}). */
    private record Child(double loadMillis, double rangeMillis, double againMillis, List<String> loaded) {
        int count(Kind kind) {
            int count = 0;
            for (String line : loaded) {
                if (kind.matches(line.split(" ")[0])) {
                    count++;
                }
            }
            return count;
        }
    }

    /**
     * The child: nothing but the two calls between markers, each marker a class whose loading
     * {@code -Xlog:class+load} logs in order with the classes the calls load.
     */
    static final class Probe {
        private Probe() {
        }

        public static void main(String[] args) {
            // Opens every jar of the class path first, as the JVM opened the agent's jar before premain.
            ClassLoader.getSystemClassLoader().getResource("no/such/resource");
            LoadStarts.mark();
            long start = System.nanoTime();
            PortalgoSettings.load(args[0]);
            long loaded = System.nanoTime();
            RangeStarts.mark();
            long rangeStart = System.nanoTime();
            HostPorts.range(Environment.system());
            long done = System.nanoTime();
            Done.mark();
            long againStart = System.nanoTime();
            PortalgoSettings.load(args[0]);
            long again = System.nanoTime() - againStart;
            System.out.println((loaded - start) + " " + (done - rangeStart) + " " + again);
        }

        static final class LoadStarts {
            private LoadStarts() {
            }

            static void mark() {
                // loading this class is the mark
            }
        }

        static final class RangeStarts {
            private RangeStarts() {
            }

            static void mark() {
                // loading this class is the mark
            }
        }

        static final class Done {
            private Done() {
            }

            static void mark() {
                // loading this class is the mark
            }
        }
    }
}
