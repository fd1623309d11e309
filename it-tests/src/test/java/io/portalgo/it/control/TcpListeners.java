package io.portalgo.it.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The TCP listening sockets one process holds, read from Linux procfs: its socket inodes
 * ({@code /proc/<pid>/fd}) matched against the LISTEN entries (state {@code 0A}) of
 * {@code /proc/<pid>/net/tcp} and {@code tcp6}. Each is shown as {@code address:port} in the
 * kernel's hexadecimal ({@code 0100007F:A1B2} is 127.0.0.1).
 */
final class TcpListeners {
    private TcpListeners() {
    }

    static Set<String> of(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while we looked
                }
            }
        }
        Set<String> listeners = new TreeSet<>();
        for (String table : List.of("tcp", "tcp6")) {
            List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", table));
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields[3].equals("0A") && inodes.contains(fields[9])) {
                    listeners.add(fields[1]);
                }
            }
        }
        return listeners;
    }

    /** True for 127.0.0.0/8 and ::1 (and ::ffff:127.x), in procfs's hexadecimal. */
    static boolean loopback(String listener) {
        String address = listener.substring(0, listener.indexOf(':'));
        if (address.length() == 8) {
            return address.endsWith("7F");
        }
        return address.equals("00000000000000000000000001000000") || address.startsWith("0000000000000000FFFF0000")
                && address.endsWith("7F");
    }
}
