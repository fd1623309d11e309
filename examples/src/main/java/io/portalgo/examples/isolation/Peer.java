package io.portalgo.examples.isolation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A running {@link IsolationPeer}: started with or without the agent, optionally inside a
 * network namespace, and asked one command at a time.
 */
public final class Peer implements AutoCloseable {
    private final String label;
    private final Process process;
    private final PrintStream commands;
    private final BlockingQueue<String> answers = new ArrayBlockingQueue<>(16);

    private Peer(String label, Process process) {
        this.label = label;
        this.process = process;
        this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.US_ASCII);
        Thread reader = new Thread(this::readAnswers, "peer-" + label);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * @param java          the java launcher
     * @param classPath     where {@link IsolationPeer} is
     * @param agentJar      null for the kernel's own choice
     * @param agentArguments the agent's arguments (with {@code agentJar} only)
     * @param namespace     null for this process's network namespace
     */
    public static Peer start(String label, Path java, String classPath, Path agentJar, String agentArguments,
            String namespace) throws IOException {
        List<String> command = new ArrayList<>();
        if (namespace != null) {
            command.addAll(List.of("ip", "netns", "exec", namespace));
        }
        command.add(java.toString());
        if (agentJar != null) {
            command.add("-javaagent:" + agentJar.toAbsolutePath() + (agentArguments == null ? "" : "=" + agentArguments));
        }
        command.addAll(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", classPath, IsolationPeer.class.getName()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Peer peer = new Peer(label, process);
        peer.expect("ready", 60);
        return peer;
    }

    /** Sends one command and returns its answer without the leading word; an {@code error} answer throws. */
    public String ask(String command, long timeoutSeconds) throws IOException {
        commands.println(command);
        String answer;
        try {
            answer = answers.poll(timeoutSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException(label + ": interrupted", interrupted);
        }
        if (answer == null) {
            throw new IOException(label + ": no answer to '" + command + "' within " + timeoutSeconds + " s");
        }
        if (answer.startsWith("error")) {
            throw new IOException(label + ": '" + command + "' failed: " + answer);
        }
        int space = answer.indexOf(' ');
        return space < 0 ? "" : answer.substring(space + 1);
    }

    public int askInt(String command, long timeoutSeconds) throws IOException {
        return Integer.parseInt(ask(command, timeoutSeconds).split(" ")[0]);
    }

    private void expect(String first, long timeoutSeconds) throws IOException {
        try {
            String answer = answers.poll(timeoutSeconds, TimeUnit.SECONDS);
            if (!first.equals(answer)) {
                process.destroyForcibly();
                throw new IOException(label + ": did not start (said " + answer + "; its stderr is above)");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException(label + ": interrupted", interrupted);
        }
    }

    private void readAnswers() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                answers.put(line);
            }
        } catch (IOException | InterruptedException ended) {
            // the process is gone; ask() times out with a clear message
        }
    }

    @Override
    public void close() {
        commands.println("quit");
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException interrupted) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
