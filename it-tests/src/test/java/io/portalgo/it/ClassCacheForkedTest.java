package io.portalgo.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalgo.it.app.SocketPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The class cache: the first JVM transforms with ByteBuddy and keeps the bytes, a later one
 * applies them without ByteBuddy and substitutes ports exactly as well; an altered entry, an
 * untrusted directory or {@code class-cache=false} only cost start-up time.
 */
class ClassCacheForkedTest {
    private static final String[] PATHS = {"tcp-socket-connect", "tcp-channel-bind0", "udp-channel-send", "listener-serversocket"};

    static Stream<Jdk> jdks() {
        return Jdk.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aLaterStartUpAppliesTheKeptClassesAndSubstitutesAlike(Jdk jdk, @TempDir Path xdg) throws Exception {
        Run first = run(jdk, xdg, "");
        assertSubstituted(first);
        assertThat(startLine(first)).doesNotContain("from cache");

        assertThat(entries(xdg)).as("the dispatcher, the MBean server builder and the six advised JDK classes, each under its key as loaded")
                .hasSize(8);

        Run later = run(jdk, xdg, "");
        assertThat(startLine(later)).contains(", from cache)");
        assertThat(entries(xdg)).as("nothing new: the classes loaded as before").hasSize(8);
        assertSubstituted(later);
        for (Path entry : entries(xdg)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(entry))).isEqualTo("rw-------");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void alteredEntriesAreIgnored(Jdk jdk, @TempDir Path xdg) throws Exception {
        run(jdk, xdg, "");
        run(jdk, xdg, "");
        for (Path entry : entries(xdg)) {
            byte[] bytes = Files.readAllBytes(entry);
            bytes[bytes.length / 2] ^= 0x5a;
            Files.write(entry, bytes);
        }
        Run run = run(jdk, xdg, "");
        assertThat(startLine(run)).doesNotContain("from cache");
        assertSubstituted(run);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aDirectoryOthersMayWriteIsRefusedWithOneWarningAndClassCacheFalseWritesNothing(Jdk jdk, @TempDir Path xdg)
            throws Exception {
        Path directory = Files.createDirectory(xdg.resolve("portalgo"));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
        Run refused = run(jdk, xdg, "");
        assertThat(refused.stderrBeyondDebug()).as(refused.describe()).hasSize(2);
        assertThat(refused.stderrBeyondDebug().get(0)).isEqualTo("[portalgo] warn: class cache " + directory
                + " not used: writable by others (rwxrwxrwx); transforming afresh (chmod go-w, or set "
                + "portalgo.class-cache.dir)");
        assertThat(refused.stderrBeyondDebug().get(1)).startsWith("[portalgo] portalgo ").doesNotContain("from cache");
        assertThat(entries(xdg)).isEmpty();

        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        assertSubstituted(run(jdk, xdg, ",class-cache=false"));
        assertThat(entries(xdg)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void cacheFillMakesTheNextJvmStartFromTheCacheAndAReadOnlyCacheIsUsed(Jdk jdk, @TempDir Path tmp) throws Exception {
        Path shared = tmp.resolve("image").resolve("portalgo-cache");
        Cli fill = cli(jdk, "cache", "fill", "--java", jdk.java().toString(), "--dir", shared.toString());
        assertThat(fill.exitCode).as(fill.output).isZero();
        assertThat(fill.output).startsWith("class cache " + shared + " filled for ").contains(", from cache)");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared))).isEqualTo("rwxr-xr-x");
        assertThat(entriesIn(shared)).hasSize(8).allSatisfy(entry ->
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(entry))).isEqualTo("rw-r--r--"));

        Run warm = runIn(jdk, shared);
        assertThat(startLine(warm)).contains(", from cache)");
        assertSubstituted(warm);

        // As an image layer: nobody may write, the entries are still read.
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Run readOnly = runIn(jdk, shared);
            assertThat(startLine(readOnly)).contains(", from cache)");
            assertSubstituted(readOnly);
            assertThat(entriesIn(shared)).hasSize(8);
        } finally {
            Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /**
     * Entries whose checksum matches but whose bytes the JVM refuses: a class file version it
     * does not know (UnsupportedClassVersionError) and a truncated class file (ClassFormatError).
     * The application starts either way and its ports are still portalgo's.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void anEntryTheJvmRefusesNeverStopsTheApplication(Jdk jdk, @TempDir Path xdg) throws Exception {
        run(jdk, xdg, "");
        for (boolean truncate : new boolean[] {false, true}) {
            for (Path entry : entries(xdg)) {
                byte[] stored = Files.readAllBytes(entry);
                byte[] content = java.util.Arrays.copyOfRange(stored, CacheEntries.CHECKSUM_LENGTH, stored.length);
                if (truncate) {
                    content = java.util.Arrays.copyOf(content, 40);
                } else {
                    content[6] = 0x7f; // major version 32,512-ish: no JVM knows it
                }
                Files.write(entry, CacheEntries.withChecksum(content));
            }
            Run run = ForkedJvm.on(jdk).environment("XDG_CACHE_HOME", xdg.toString())
                    .agentArguments("algorithm=bsd,range=45000-45999,log.level=debug").run(SocketPaths.class, PATHS);
            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(run.results()).as(run.describe()).hasSize(PATHS.length).allSatisfy(result -> {
                assertThat(result.get("exchanged")).isEqualTo("true");
                assertThat(run.allocations()).anySatisfy(allocation -> assertThat(allocation.port).isEqualTo(result.port()));
            });
            assertThat(run.stderrBeyondDebug()).as(run.describe())
                    .allSatisfy(line -> assertThat(line).doesNotContain("from cache").doesNotContain("not installed"));
        }
    }

    private record Cli(int exitCode, String output) {
    }

    /** {@code java -jar portalgo-agent.jar <arguments>} on {@code jdk}. */
    private static Cli cli(Jdk jdk, String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(jdk.java().toString(), "-jar", ForkedJvm.AGENT_JAR.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("PORTALGO_"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(300, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return new Cli(process.exitValue(), output);
    }

    private static Run runIn(Jdk jdk, Path cacheDirectory) throws Exception {
        Run run = ForkedJvm.on(jdk).agentArguments("algorithm=bsd,range=45000-45999,log.level=debug,class-cache.dir="
                + cacheDirectory).run(SocketPaths.class, PATHS);
        assertThat(run.exitCode()).as(run.describe()).isZero();
        return run;
    }

    private static Run run(Jdk jdk, Path xdg, String moreArguments) throws Exception {
        Run run = ForkedJvm.on(jdk).environment("XDG_CACHE_HOME", xdg.toString())
                .agentArguments("algorithm=bsd,range=45000-45999,log.level=debug" + moreArguments).run(SocketPaths.class, PATHS);
        assertThat(run.exitCode()).as(run.describe()).isZero();
        return run;
    }

    private static void assertSubstituted(Run run) {
        assertThat(run.results()).as(run.describe()).hasSize(PATHS.length).allSatisfy(result -> {
            assertThat(result.get("exchanged")).isEqualTo("true");
            assertThat(run.allocations()).anySatisfy(allocation -> assertThat(allocation.port).isEqualTo(result.port()));
        });
        assertThat(run.stderrBeyondDebug()).as(run.describe()).hasSize(1);
    }

    private static String startLine(Run run) {
        return run.stderrBeyondDebug().get(0);
    }

    private static List<Path> entries(Path xdg) throws Exception {
        return entriesIn(xdg.resolve("portalgo"));
    }

    private static List<Path> entriesIn(Path directory) throws Exception {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.collect(Collectors.toList());
        }
    }
}
