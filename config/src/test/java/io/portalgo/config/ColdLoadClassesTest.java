package io.portalgo.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalgo.algorithms.PortRange;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent reads its settings in premain, before {@code main}, in every JVM (GitHub issue 11):
 * in a fresh JVM, loading settings and reading the host's range must not spin a class (a
 * lambda's or method reference's proxy, a {@code LambdaForm}: their names hold {@code $$Lambda}
 * or {@code /0x}), compile a regular expression ({@code java.util.regex}), or open the
 * {@code java.nio.file} file system. Each spun class costs milliseconds there; the first lambda
 * of a JVM loads ASM and the method-handle machinery. Each case runs a fresh JVM with
 * {@code -Xlog:class+load} and checks the classes logged between two marker classes.
 */
class ColdLoadClassesTest {
    @TempDir
    Path directory;

    @Test
    void aDefaultLoadSpinsNoClassAndLoadsNoRegexOrNio() throws Exception {
        assertThat(forbidden(loadedBy(List.of(), ""))).isEmpty();
    }

    @Test
    void aTypicalLoadSpinsNoClassAndLoadsNoRegexOrNio() throws Exception {
        assertThat(forbidden(loadedBy(List.of(), "tcp.algorithm=hash,range=40000-40999"))).isEmpty();
    }

    @Test
    void aLoadFromEverySourceWithRulesSpinsNoClassAndLoadsNoRegexOrNio() throws Exception {
        Path file = Files.writeString(directory.resolve("portalgo.properties"), "reserved = 40100-40110\n"
                + "rules = udp:*:53=random_pick;tcp:192.0.2.0/24:443=bsd;tcp:[2001:db8::/32]:1000-2000=doublehash\n");
        List<String> loaded = loadedBy(List.of("-Dportalgo.tcp.mode=share", "-Dportalgo.rekey=20s"),
                "tcp.algorithm=hash,range=40000-40999,config=" + file);
        assertThat(forbidden(loaded)).isEmpty();
    }

    @Test
    void theMarkersSeeWhatTheCallsLoad() throws Exception {
        // The check above means something only if the log between the markers holds the calls' classes.
        assertThat(loadedBy(List.of(), "")).contains(PortalgoSettings.class.getName(), Sources.class.getName(),
                HostPorts.class.getName());
    }

    /** The classes of {@code loaded} that must not be loaded at start-up. */
    private static List<String> forbidden(List<String> loaded) {
        List<String> forbidden = new ArrayList<>();
        for (String name : loaded) {
            if (name.contains("$$Lambda") || name.contains("/0x") || name.startsWith("java.util.regex.")
                    || name.startsWith("java.nio.file.")) {
                forbidden.add(name);
            }
        }
        return forbidden;
    }

    /**
     * The classes a fresh JVM loads during {@code PortalgoSettings.load(arguments)} and
     * {@code HostPorts.range(Environment.system())}, in order, with no {@code PORTALGO_} variable set.
     */
    private List<String> loadedBy(List<String> options, String arguments) throws IOException, InterruptedException,
            URISyntaxException {
        Path log = Files.createTempFile(directory, "class-load", ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xlog:class+load:file=" + log + ":none");
        command.addAll(options);
        command.addAll(List.of("-cp", classPath(), LoadSettings.class.getName(), arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("PORTALGO_") || name.equals("JAVA_TOOL_OPTIONS")
                || name.equals("JDK_JAVA_OPTIONS"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).as("the child's report").startsWith("loaded");
        List<String> loaded = new ArrayList<>();
        boolean between = false;
        for (String line : Files.readAllLines(log)) {
            String name = line.split(" ", 2)[0];
            if (name.equals(LoadSettings.Starts.class.getName()) || name.equals(LoadSettings.Ends.class.getName())) {
                between = name.equals(LoadSettings.Starts.class.getName());
            } else if (between) {
                loaded.add(name);
            }
        }
        assertThat(loaded).as("classes between the markers").isNotEmpty();
        return loaded;
    }

    /** This module's classes, its test classes and the algorithms module's: nothing else is needed. */
    private static String classPath() throws URISyntaxException {
        List<String> entries = new ArrayList<>();
        for (Class<?> type : List.of(PortalgoSettings.class, ColdLoadClassesTest.class, PortRange.class)) {
            entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    /** The child JVM's program: the two calls the agent's premain makes, between marker classes. */
    static final class LoadSettings {
        private LoadSettings() {
        }

        public static void main(String[] args) {
            // Opens every jar of the class path, as the JVM opened the agent's jar before premain: opening
            // a jar reads its attributes through java.nio.file, which is not what this test is about.
            ClassLoader.getSystemClassLoader().getResource("no/such/resource");
            Starts.mark();
            PortalgoSettings settings = PortalgoSettings.load(args[0]);
            boolean linuxRange = HostPorts.range(Environment.system()).isPresent();
            Ends.mark();
            System.out.println("loaded: " + settings.describe() + ", host range read: " + linuxRange);
        }

        /** Loading this class marks the start in the class-load log. */
        static final class Starts {
            private Starts() {
            }

            static void mark() {
                // loading the class is the mark
            }
        }

        /** Loading this class marks the end in the class-load log. */
        static final class Ends {
            private Ends() {
            }

            static void mark() {
                // loading the class is the mark
            }
        }
    }
}
