package io.portalgo.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalgo.it.ForkedJvm;
import io.portalgo.it.Jdk;
import io.portalgo.it.control.PortProbe;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CLI's reach: after {@code get}, {@code set}, {@code stats} and {@code attach}, the target
 * JVM listens on no address beyond loopback. The target's listeners are read from the kernel:
 * its socket inodes from {@code /proc/<pid>/fd}, their states and local addresses from
 * {@code /proc/<pid>/net/tcp} and {@code tcp6}.
 */
class CliReachForkedTest {
    static Stream<Jdk> jdks() {
        return Jdk.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aTargetReachedByTheCliListensOnLoopbackOnly(Jdk jdk) throws Exception {
        checkAfterCommands(jdk, ForkedJvm.on(jdk).agentArguments("listeners=false"),
                List.of(new String[] {"get"}, new String[] {"set", "tcp.algorithm=bsd"}, new String[] {"stats"},
                        new String[] {"attach", "tcp.algorithm=hash"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aJvmTakenOverByAttachListensOnLoopbackOnly(Jdk jdk) throws Exception {
        ForkedJvm jvm = ForkedJvm.on(jdk).withoutAgent();
        if (jdk.feature() >= 21) {
            jvm.jvmOption("-XX:+EnableDynamicAgentLoading");
        }
        checkAfterCommands(jdk, jvm, List.of(new String[] {"attach", "tcp.algorithm=bsd"}, new String[] {"get"}));
    }

    private static void checkAfterCommands(Jdk jdk, ForkedJvm jvm, List<String[]> commands) throws Exception {
        Process target = jvm.processBuilder(PortProbe.class).start();
        try {
            String ready = new BufferedReader(new InputStreamReader(target.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(ready).startsWith("ready ");
            long pid = target.pid();
            List<String> before = listeners(pid);
            assertThat(before).as("listeners before any command").allMatch(CliReachForkedTest::loopback);
            List<String> seen = new ArrayList<>();
            for (String[] command : commands) {
                List<String> arguments = new ArrayList<>(List.of(command[0], Long.toString(pid)));
                arguments.addAll(List.of(command).subList(1, command.length));
                Cli.Outcome outcome = Cli.run(jdk, arguments.toArray(String[]::new));
                assertThat(outcome.exitCode()).as("%s: %s", arguments, outcome).isZero();
                List<String> after = listeners(pid);
                seen.add(command[0] + " -> " + after);
                assertThat(after).as("listeners of pid %d after %s (before: %s)", pid, arguments, before)
                        .allMatch(CliReachForkedTest::loopback);
            }
            System.out.println("CLI reach " + jdk + ": listeners before " + before + ", then " + seen);
        } finally {
            target.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** {@code 127.0.0.1:40123} style local addresses of the TCP sockets of {@code pid} in state LISTEN. */
    static List<String> listeners(long pid) throws Exception {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String link = Files.readSymbolicLink(fd).toString();
                    if (link.startsWith("socket:[")) {
                        inodes.add(link.substring("socket:[".length(), link.length() - 1));
                    }
                } catch (java.io.IOException closedMeanwhile) {
                    // the descriptor went away while we listed
                }
            }
        }
        List<String> listening = new ArrayList<>();
        for (String table : new String[] {"tcp", "tcp6"}) {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", table)).stream().skip(1).toList()) {
                String[] fields = line.trim().split("\\s+");
                if (fields[3].equals("0A") && inodes.contains(fields[9])) {
                    listening.add(address(fields[1]));
                }
            }
        }
        return listening;
    }

    /** {@code 0100007F:9C40} to {@code 127.0.0.1:40000}; IPv6 words are little-endian per 32 bits. */
    private static String address(String hex) {
        String[] parts = hex.split(":");
        int port = Integer.parseInt(parts[1], 16);
        String host = parts[0];
        if (host.length() == 8) {
            long value = Long.parseLong(host, 16);
            return (value & 0xff) + "." + (value >> 8 & 0xff) + "." + (value >> 16 & 0xff) + "." + (value >> 24 & 0xff) + ":" + port;
        }
        StringBuilder bytes = new StringBuilder();
        for (int word = 0; word < 4; word++) {
            String w = host.substring(word * 8, word * 8 + 8);
            for (int b = 3; b >= 0; b--) {
                bytes.append(w, b * 2, b * 2 + 2);
            }
        }
        String full = bytes.toString().toLowerCase(java.util.Locale.ROOT);
        if (full.startsWith("00000000000000000000ffff")) {
            long v4 = Long.parseLong(full.substring(24), 16);
            return "::ffff:" + (v4 >> 24 & 0xff) + "." + (v4 >> 16 & 0xff) + "." + (v4 >> 8 & 0xff) + "." + (v4 & 0xff) + ":" + port;
        }
        return (full.equals("0".repeat(32)) ? "[::]" : "[" + full + "]") + ":" + port;
    }

    static boolean loopback(String address) {
        return address.startsWith("127.") || address.startsWith("::ffff:127.")
                || address.startsWith("[00000000000000000000000000000001]");
    }
}
