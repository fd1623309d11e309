package io.portalgo.it.clients;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster (the Debian package's {@code initdb} and {@code pg_ctl}) in a
 * temporary directory, listening on one loopback port with trust authentication, run as the
 * {@code postgres} user when this process is root (PostgreSQL refuses to run as root). Removed
 * on {@link #close()}.
 */
final class PostgresCluster implements AutoCloseable {
    private final Path bin;
    private final Path directory;
    private final int port;

    private PostgresCluster(Path bin, Path directory, int port) {
        this.bin = bin;
        this.directory = directory;
        this.port = port;
    }

    /** The directory of {@code initdb} and {@code pg_ctl}, or null if PostgreSQL is not installed. */
    static Path binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(version -> version.resolve("bin")).filter(dir -> Files.isExecutable(dir.resolve("initdb")))
                    .max(Comparator.naturalOrder()).orElse(null);
        }
    }

    /** Why no cluster can be started here, or null. */
    static String missingPrerequisite() throws IOException {
        if (binaries() == null) {
            return "no /usr/lib/postgresql/*/bin/initdb (Debian package postgresql)";
        }
        if (asRoot() && !Files.isDirectory(Path.of("/var/lib/postgresql")) && run(List.of("id", "postgres"), false) != 0) {
            return "running as root and there is no postgres user";
        }
        return null;
    }

    static PostgresCluster start() throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("h6pg-");
        int port;
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            port = probe.getLocalPort();
        }
        PostgresCluster cluster = new PostgresCluster(binaries(), directory, port);
        try {
            if (asRoot()) {
                check(run(List.of("chown", "postgres:postgres", directory.toString()), true), "chown");
            }
            check(cluster.pg("initdb", "-D", directory.resolve("data").toString(), "-A", "trust", "-U", "postgres", "-N"), "initdb");
            check(cluster.pg("pg_ctl", "-D", directory.resolve("data").toString(), "-l", directory.resolve("log").toString(), "-w",
                    "-t", "60", "-o", "-c listen_addresses=127.0.0.1 -p " + port + " -c unix_socket_directories=" + directory
                            + " -c fsync=off", "start"), "pg_ctl start");
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    private int pg(String program, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        return run(command, true);
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int run(List<String> command, boolean show) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("timed out: " + command);
            }
            if (process.exitValue() != 0 && show) {
                System.out.println(String.join(" ", command) + ":\n" + output);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void check(int exitCode, String what) throws IOException {
        if (exitCode != 0) {
            throw new IOException(what + " failed with exit " + exitCode);
        }
    }

    @Override
    public void close() {
        try {
            pg("pg_ctl", "-D", directory.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        } catch (IOException | InterruptedException | RuntimeException ignored) {
            // not started, or already gone
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // best effort in a temporary directory
        }
    }
}
