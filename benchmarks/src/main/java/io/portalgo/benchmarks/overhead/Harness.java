package io.portalgo.benchmarks.overhead;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** What the side-by-side harnesses share: the median of a sample and a JDK's version string. */
final class Harness {
    private Harness() {
    }

    /** Accepts and closes every connection to {@code server} on a daemon thread, until it closes. */
    static void closeEveryConnection(ServerSocket server) {
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    server.accept().close();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** {@code java.runtime.version} of the JDK whose launcher is {@code java}, e.g. {@code 17.0.15+6-Debian-1deb12u1}. */
    static String version(String java) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(java, "-XshowSettings:properties", "-version").redirectErrorStream(true).start();
        String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(line -> line.trim().startsWith("java.runtime.version ="))
                .map(line -> line.substring(line.indexOf('=') + 1).trim()).findFirst().orElse(java);
        process.waitFor();
        return version;
    }
}
