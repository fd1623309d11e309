package io.portalgo.it.reliability;

import io.portalgo.it.ForkedJvm;
import io.portalgo.it.Jdk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** {@code java -jar portalgo-agent.jar <arguments>} on a chosen JDK, to its end (at most 90 s). */
final class Cli {
    private Cli() {
    }

    /** One run: exit code, standard output and standard error. */
    record Outcome(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + out + "stderr:\n" + err;
        }
    }

    static Outcome run(Jdk jdk, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(jdk.java().toString(), "-jar", ForkedJvm.AGENT_JAR.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("PORTALGO_"));
        Process process = builder.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("CLI did not finish: " + command);
        }
        return new Outcome(process.exitValue(), out.join(), err.join());
    }

    private static String read(java.io.InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
