package io.portalgo.examples.isolation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Network namespaces of this experiment, each with its loopback up and the documentation
 * addresses {@value #INET} and {@value #INET6} on it, so two namespaces hold the very same
 * flow (same addresses, same server port) and differ only in the namespace. Names start with
 * {@code pgiso} and a random suffix; {@link #close()} removes every one. Needs root and iproute2.
 */
public final class Namespaces implements AutoCloseable {
    public static final String INET = "192.0.2.1";
    public static final String INET6 = "2001:db8::1";

    private final String prefix = "pgiso" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
    private final List<String> created = new ArrayList<>();

    /** Why namespaces cannot be made here, or null if they can. */
    public static String missingPrerequisite() {
        try {
            if (!run(List.of("id", "-u")).trim().equals("0")) {
                return "not root (network namespaces need it)";
            }
            run(List.of("ip", "netns", "list"));
            return null;
        } catch (IOException | RuntimeException e) {
            return e.getMessage();
        }
    }

    /** A fresh namespace named {@code <prefix>-<suffix>}. */
    public String create(String suffix) throws IOException {
        String name = prefix + "-" + suffix;
        run(List.of("ip", "netns", "add", name));
        created.add(name);
        run(List.of("ip", "-n", name, "link", "set", "lo", "up"));
        run(List.of("ip", "-n", name, "addr", "add", INET + "/32", "dev", "lo"));
        run(List.of("ip", "-n", name, "-6", "addr", "add", INET6 + "/128", "dev", "lo", "nodad"));
        return name;
    }

    /** Removes one namespace made here (its sockets, TIME-WAIT included, go with it). */
    public void delete(String name) throws IOException {
        if (created.remove(name)) {
            run(List.of("ip", "netns", "delete", name));
        }
    }

    @Override
    public void close() {
        for (String name : List.copyOf(created)) {
            try {
                delete(name);
            } catch (IOException | RuntimeException e) {
                System.err.println("could not delete network namespace " + name + ": " + e.getMessage());
            }
        }
    }

    static String run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": timed out");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", command) + ": interrupted", interrupted);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ": " + output.trim());
        }
        return output;
    }
}
