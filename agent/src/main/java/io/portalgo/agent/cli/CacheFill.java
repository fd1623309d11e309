package io.portalgo.agent.cli;

import io.portalgo.agent.installer.ClassCacheLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code cache fill}: makes the class cache's entries for one JDK, so that every later JVM of
 * that JDK starts warm (a container image built with it never pays the cold start). It runs
 * {@code java -version} of that JDK under the agent twice, with a clean environment: the first
 * run transforms and stores, the second must say {@code from cache}.
 */
final class CacheFill {
    private static final long RUN_SECONDS = 120;

    private CacheFill() {
    }

    /** @return the start-up line of the second run, which read the cache */
    static String fill(Path agentJar, Path javaHomeOrBinary, Path directory) {
        Path java = Files.isDirectory(javaHomeOrBinary) ? javaHomeOrBinary.resolve("bin").resolve("java") : javaHomeOrBinary;
        if (!Files.isExecutable(java)) {
            throw new CliFailure(CliFailure.USAGE, "--java " + javaHomeOrBinary + ": no java executable there");
        }
        Path dir = directory != null ? directory : ClassCacheLocation.directory(null);
        try {
            if (directory != null && !Files.exists(dir)) {
                // A directory named for sharing (an image layer): readable by every user, written by its owner only.
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            }
        } catch (IOException e) {
            throw new CliFailure(CliFailure.TARGET, "cannot make " + dir + ": " + e.getMessage());
        }
        String first = run(agentJar, java, dir);
        String second = run(agentJar, java, dir);
        if (!second.contains(", from cache)")) {
            throw new CliFailure(CliFailure.TARGET, "the cache " + dir + " was not used by " + java + ": " + first
                    + " / " + second);
        }
        return second;
    }

    private static String run(Path agentJar, Path java, Path dir) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("-javaagent:" + agentJar + "=class-cache.dir=" + dir + ",log.level=info");
        command.add("-version");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("PORTALGO_") || name.equals("JAVA_TOOL_OPTIONS")
                || name.equals("JDK_JAVA_OPTIONS") || name.equals("_JAVA_OPTIONS"));
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(RUN_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new CliFailure(CliFailure.TARGET, java + " under the agent failed:\n" + output.strip());
            }
            for (String line : output.split("\n")) {
                if (line.startsWith("[portalgo] portalgo ")) {
                    if (output.contains("[portalgo] warn: class cache")) {
                        throw new CliFailure(CliFailure.TARGET, output.strip());
                    }
                    return line.substring("[portalgo] ".length()).strip();
                }
            }
            throw new CliFailure(CliFailure.TARGET, "no start-up line from the agent under " + java + ":\n" + output.strip());
        } catch (IOException e) {
            throw new CliFailure(CliFailure.TARGET, "cannot run " + java + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(CliFailure.TARGET, "interrupted");
        }
    }
}
