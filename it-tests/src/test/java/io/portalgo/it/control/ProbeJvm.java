package io.portalgo.it.control;

import io.portalgo.it.ForkedJvm;
import io.portalgo.it.Jdk;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link PortProbe} in its own JVM, kept running and driven line by line (where
 * {@link ForkedJvm} runs a program to its end), on a chosen JDK with chosen flags (for example
 * {@code -javaagent:} with the real shaded jar). Commands go to its standard input, replies come
 * back one line each; its standard error is kept for assertions and failure messages. Every
 * wait is bounded.
 */
final class ProbeJvm implements AutoCloseable {
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final PrintWriter commands;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();
    private final long pid;

    private ProbeJvm(Process process) throws IOException {
        this.process = process;
        this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        drain(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), replies::add);
        drain(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)),
                line -> stderr.append(line).append('\n'));
        String ready = reply();
        if (!ready.startsWith("ready ")) {
            throw new IllegalStateException("probe did not start: " + ready + "\n" + stderr);
        }
        this.pid = Long.parseLong(ready.substring("ready ".length()));
    }

    /** Starts {@link PortProbe} on {@code jdk} with {@code jvmFlags} before the class name. */
    static ProbeJvm start(Jdk jdk, String... jvmFlags) throws IOException {
        return start(jdk, PortProbe.class, jvmFlags);
    }

    /** Starts {@link IdleProbe}, which opens no socket, on {@code jdk} with {@code jvmFlags}. */
    static ProbeJvm startIdle(Jdk jdk, String... jvmFlags) throws IOException {
        return start(jdk, IdleProbe.class, jvmFlags);
    }

    private static ProbeJvm start(Jdk jdk, Class<?> main, String... jvmFlags) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(jdk.java().toString());
        command.addAll(List.of(jvmFlags));
        command.add("-cp");
        command.add(probeClasses());
        command.add(main.getName());
        return new ProbeJvm(ForkedJvm.withoutPortalgoVariables(new ProcessBuilder(command)).start());
    }

    /**
     * Only the directory holding {@link PortProbe}: the test class path also holds the agent's
     * unshaded classes, which would shadow the real jar's.
     */
    private static String probeClasses() {
        try {
            return Path.of(PortProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code -javaagent:<the real jar>=<arguments>}. */
    static String javaagent(String arguments) {
        Path jar = ForkedJvm.AGENT_JAR;
        return "-javaagent:" + jar + (arguments.isEmpty() ? "" : "=" + arguments);
    }

    long pid() {
        return pid;
    }

    /** Sends one command and returns its reply line. */
    String send(String command) {
        commands.println(command);
        return reply();
    }

    /** The local ports of {@code count} fresh outgoing connections, in order. */
    List<Integer> connect(int count) {
        String reply = send("connect " + count);
        if (!reply.startsWith("ports ")) {
            throw new IllegalStateException("connect failed: " + reply + "\n" + stderr);
        }
        List<Integer> ports = new ArrayList<>();
        for (String port : reply.substring("ports ".length()).trim().split(" ")) {
            ports.add(Integer.parseInt(port));
        }
        return ports;
    }

    String stderr() {
        return stderr.toString();
    }

    private String reply() {
        try {
            String line = replies.poll(REPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new IllegalStateException("no reply within " + REPLY_TIMEOUT + "; stderr:\n" + stderr);
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Thread drain(BufferedReader reader, java.util.function.Consumer<String> sink) {
        Thread thread = new Thread(() -> {
            try (reader) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                // The process ended.
            }
        }, "forked-jvm-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void close() {
        commands.println("quit");
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Runs {@code java -jar <agent jar> <arguments>} on {@code jdk}, bounded; its exit code and output. */
    static CliRun cli(Jdk jdk, String... arguments) {
        List<String> command = new ArrayList<>(List.of(jdk.java().toString(), "-jar", ForkedJvm.AGENT_JAR.toString()));
        command.addAll(List.of(arguments));
        try {
            Process cli = ForkedJvm.withoutPortalgoVariables(new ProcessBuilder(command)).redirectErrorStream(false).start();
            StringBuffer out = new StringBuffer();
            StringBuffer err = new StringBuffer();
            Thread outReader = drain(new BufferedReader(new InputStreamReader(cli.getInputStream(), StandardCharsets.UTF_8)),
                    line -> out.append(line).append('\n'));
            Thread errReader = drain(new BufferedReader(new InputStreamReader(cli.getErrorStream(), StandardCharsets.UTF_8)),
                    line -> err.append(line).append('\n'));
            if (!cli.waitFor(90, TimeUnit.SECONDS)) {
                cli.destroyForcibly();
                throw new IllegalStateException("CLI did not finish: " + command);
            }
            outReader.join(10_000);
            errReader.join(10_000);
            return new CliRun(cli.exitValue(), out.toString(), err.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One run of the CLI. */
    record CliRun(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + out + "stderr:\n" + err;
        }
    }
}
