package io.portalgo.agent.cli;

import io.portalgo.config.AgentArguments;
import io.portalgo.config.ConfigException;
import io.portalgo.config.Environment;
import io.portalgo.config.PortalgoSettings;
import io.portalgo.config.Property;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar portalgo-agent.jar}: the agent jar as the JVM's {@code sysctl}. Without
 * arguments it prints its usage; {@code list} prints the algorithms; {@code attach} loads the
 * agent into a running JVM (or, if it is already there, applies the settings through its
 * MBean); {@code get}, {@code set} and {@code stats} read and change a running agent through
 * its MBean {@code io.portalgo:type=PortAlgo}. Output lines look like {@code sysctl}'s:
 * {@code portalgo.tcp.algorithm = doublehash}. Errors are one line each on standard error,
 * prefixed {@code portalgo: }, with exit code 1 (target unreachable or without portalgo),
 * 2 (command line) or 3 (settings refused, nothing changed).
 */
@Command(name = "java -jar portalgo-agent.jar", mixinStandardHelpOptions = true,
        versionProvider = PortalgoCli.Version.class, usageHelpAutoWidth = true,
        description = "RFC 6056 ephemeral-port selection for any JVM: the live controls of the portalgo agent.",
        footer = {"", "Settings use the agent-argument syntax: key=value pairs separated by commas, keys with or "
            + "without 'portalgo.', e.g. tcp.algorithm=bsd,range=40000-44999.",
            "Exit codes: 0 done, 1 target unreachable or without portalgo, 2 bad command line, 3 settings refused "
            + "(nothing changed)."})
public final class PortalgoCli implements Callable<Integer> {
    private final Target.Finder targets;
    private final PrintWriter out;

    @Spec
    private CommandSpec spec;

    PortalgoCli(Target.Finder targets, PrintWriter out) {
        this.targets = targets;
        this.out = out;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, AttachedJvm::open, out, err));
    }

    /** Runs one command line and returns its exit code; {@code targets} is how pids are reached. */
    static int run(String[] args, Target.Finder targets, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new PortalgoCli(targets, out));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((failure, command, parsed) -> {
            if (failure instanceof CliFailure) {
                for (String line : failure.getMessage().split("\n")) {
                    err.println("portalgo: " + line);
                }
                return ((CliFailure) failure).exitCode();
            }
            err.println("portalgo: internal error: " + failure);
            failure.printStackTrace(err);
            return CliFailure.TARGET;
        });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** No command: the usage. */
    @Override
    public Integer call() {
        spec.commandLine().usage(out);
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the algorithms: id, RFC 6056 section, trade-off.")
    int list() {
        SysctlFormat.algorithms().forEach(out::println);
        return 0;
    }

    @Command(name = "attach", mixinStandardHelpOptions = true,
            description = "Load portalgo into a running JVM; if it is already there, only apply the settings.")
    int attach(@Parameters(index = "0", paramLabel = "<pid>") long pid,
            @Parameters(index = "1..*", arity = "0..*", paramLabel = "<key=value,...>") List<String> settings) {
        String changes = joined(settings);
        try (Target target = targets.open(pid)) {
            Optional<RemoteAgent> running = target.agent();
            if (running.isPresent()) {
                RemoteAgent agent = running.get();
                if (changes.chars().allMatch(c -> c == ' ' || c == '\t')) {
                    out.println("pid " + pid + ": portalgo " + agent.version() + " already running: " + agent.summary());
                } else {
                    agent.apply(changes);
                    out.println("pid " + pid + ": portalgo " + agent.version() + " already running; settings applied");
                    printValues(agent, changes);
                }
                return 0;
            }
            checkLocally(changes);
            target.loadAgent(agentJar(), changes);
            Optional<RemoteAgent> loaded = target.agent();
            if (loaded.isPresent()) {
                out.println("pid " + pid + ": portalgo " + loaded.get().version() + " loaded: " + loaded.get().summary());
            } else {
                out.println("pid " + pid + ": portalgo loaded, without live control (portalgo.jmx=false, or the agent "
                        + "stopped: the target's standard error says why)");
            }
            return 0;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = "Print the settings of a JVM running portalgo, or the keys given.")
    int get(@Parameters(index = "0", paramLabel = "<pid>") long pid,
            @Parameters(index = "1..*", arity = "0..*", paramLabel = "<key>") List<String> keys) {
        try (Target target = targets.open(pid)) {
            RemoteAgent agent = requireAgent(target, pid);
            if (keys == null || keys.isEmpty()) {
                SysctlFormat.settings(agent.settings()).forEach(out::println);
            } else {
                for (String key : keys) {
                    out.println(SysctlFormat.line(Property.qualified(key), agent.get(key)));
                }
            }
            return 0;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Change settings, all or nothing, from the next socket on; print the new values.")
    int set(@Parameters(index = "0", paramLabel = "<pid>") long pid,
            @Parameters(index = "1..*", arity = "1..*", paramLabel = "<key=value,...>") List<String> settings) {
        String changes = joined(settings);
        try (Target target = targets.open(pid)) {
            RemoteAgent agent = requireAgent(target, pid);
            agent.apply(changes);
            printValues(agent, changes);
            return 0;
        }
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Print the counters: totals, then each protocol and algorithm that did anything.")
    int stats(@Parameters(index = "0", paramLabel = "<pid>") long pid) {
        try (Target target = targets.open(pid)) {
            SysctlFormat.statistics(requireAgent(target, pid).statistics()).forEach(out::println);
            return 0;
        }
    }

    private static RemoteAgent requireAgent(Target target, long pid) {
        return target.awaitAgent().orElseThrow(() -> CliFailure.target(pid, "portalgo is not running there (or runs with "
                + "portalgo.jmx=false); load it with: java -jar portalgo-agent.jar attach " + pid));
    }

    /**
     * Several arguments are several pairs: {@code set 42 algorithm=bsd range=40000-40999}. Not
     * trimmed here: config drops ASCII blanks itself and refuses a control character that
     * {@code String.trim()} would silently drop ({@code randinc.n=250\x01}).
     */
    private static String joined(List<String> settings) {
        return settings == null ? "" : String.join(",", settings);
    }

    /** The value now in force of each key named in {@code changes}. */
    private void printValues(RemoteAgent agent, String changes) {
        for (Map.Entry<String, String> pair : parse(changes)) {
            out.println(SysctlFormat.line(Property.qualified(pair.getKey()), agent.get(pair.getKey())));
        }
    }

    private static List<Map.Entry<String, String>> parse(String changes) {
        try {
            return AgentArguments.parse(changes);
        } catch (ConfigException e) {
            throw CliFailure.refused(e.getMessage());
        }
    }

    /**
     * Checks the settings of a first attach here, because a target whose agent refuses them can
     * only say so on its own standard error. The check reads no system properties or
     * environment, so it catches bad keys and values, not clashes with the target's own settings.
     */
    private static void checkLocally(String changes) {
        try {
            PortalgoSettings.load(changes, Environment.builder().build());
        } catch (ConfigException e) {
            throw CliFailure.refused(e.getMessage());
        }
    }

    /** The jar this class was loaded from: what {@code attach} loads into the target. */
    static Path agentJar() {
        CodeSource source = PortalgoCli.class.getProtectionDomain().getCodeSource();
        try {
            Path jar = source == null ? null : Path.of(source.getLocation().toURI());
            if (jar != null && Files.isRegularFile(jar)) {
                return jar.toAbsolutePath();
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            // Not a file location: reported below.
        }
        throw new CliFailure(CliFailure.USAGE,
                "attach needs the agent jar; run it as: java -jar portalgo-agent.jar attach <pid>");
    }

    /** {@code --version}: the jar's {@code Implementation-Version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = PortalgoCli.class.getPackage().getImplementationVersion();
            return new String[] {"portalgo " + (version == null ? "(development build)" : version)};
        }
    }
}
