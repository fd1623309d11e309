package io.portalgo.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One JVM forked with the real shaded agent jar, as a user would start it:
 * {@code java -javaagent:portalgo-agent.jar=<arguments> [options] -cp <test classes> <main> <args>}.
 * The environment is the build's minus every {@code PORTALGO_*} variable (a test that wants one
 * sets it), so nothing leaks from the machine into the settings under test.
 */
public final class ForkedJvm {
    /** The jar under test, built by the agent module's package phase. */
    public static final Path AGENT_JAR = Path.of(System.getProperty("it.agent.jar", "../agent/target/portalgo-agent.jar"))
            .toAbsolutePath().normalize();
    /** This module's test classes: the applications the forked JVMs run. */
    public static final Path APP_CLASSES = Path.of(System.getProperty("it.app.classes", "target/test-classes"))
            .toAbsolutePath().normalize();

    private static final long TIMEOUT_SECONDS = 120;

    private final Jdk jdk;
    private String agentArguments;
    private boolean withAgent = true;
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> classPath = new ArrayList<>(List.of(APP_CLASSES.toString()));
    private final Map<String, String> environment = new java.util.LinkedHashMap<>();

    private ForkedJvm(Jdk jdk) {
        this.jdk = jdk;
    }

    public static ForkedJvm on(Jdk jdk) {
        if (!Files.isRegularFile(AGENT_JAR)) {
            throw new IllegalStateException("no agent jar at " + AGENT_JAR + "; build it with mvn -pl agent -am package");
        }
        return new ForkedJvm(jdk);
    }

    /** {@code -javaagent:portalgo-agent.jar=<arguments>}; null for none after the jar name. */
    public ForkedJvm agentArguments(String arguments) {
        this.agentArguments = arguments;
        return this;
    }

    /** Runs without {@code -javaagent}: the baseline, or a target for {@code attach}. */
    public ForkedJvm withoutAgent() {
        this.withAgent = false;
        return this;
    }

    public ForkedJvm jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    public ForkedJvm classPathEntry(Path entry) {
        classPath.add(entry.toString());
        return this;
    }

    /** More class path entries after the test classes (Netty's jars, gRPC's). */
    public ForkedJvm classPath(List<Path> entries) {
        entries.forEach(this::classPathEntry);
        return this;
    }

    /** This jar as the whole class path, without the test classes: an application that brings everything itself. */
    public ForkedJvm onlyClassPath(Path jar) {
        classPath.clear();
        classPath.add(jar.toString());
        return this;
    }

    public ForkedJvm environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** The command line, for a test that drives the process itself. */
    public List<String> command(Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(jdk.java().toString());
        if (withAgent) {
            command.add("-javaagent:" + AGENT_JAR + (agentArguments == null ? "" : "=" + agentArguments));
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, classPath));
        command.add(main.getName());
        command.addAll(List.of(args));
        return command;
    }

    /** A process builder with the cleaned environment, not started. */
    public ProcessBuilder processBuilder(Class<?> main, String... args) {
        ProcessBuilder builder = withoutPortalgoVariables(new ProcessBuilder(command(main, args)));
        builder.environment().putAll(environment);
        return builder;
    }

    /**
     * {@code builder} with every {@code PORTALGO_*} variable of the build's environment removed:
     * the agent refuses any it does not know, and a machine's own must not configure a test.
     * Every JVM the integration tests start goes through here.
     */
    public static ProcessBuilder withoutPortalgoVariables(ProcessBuilder builder) {
        builder.environment().keySet().removeIf(name -> name.startsWith("PORTALGO_"));
        return builder;
    }

    /** Runs {@code main} to its end (at most two minutes) and returns what it printed. */
    public Run run(Class<?> main, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("portalgo-it", ".out");
        Path err = Files.createTempFile("portalgo-it", ".err");
        try {
            Process process = processBuilder(main, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("forked JVM did not end within " + TIMEOUT_SECONDS + " s: " + command(main, args)
                        + "\nstderr:\n" + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Run(process.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
                    Files.readAllLines(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
