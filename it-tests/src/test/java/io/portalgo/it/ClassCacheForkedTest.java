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

        assertThat(entries(xdg)).as("the dispatcher and the six advised JDK classes, each under its key as loaded").hasSize(7);

        Run later = run(jdk, xdg, "");
        assertThat(startLine(later)).contains(", from cache)");
        assertThat(entries(xdg)).as("nothing new: the classes loaded as before").hasSize(7);
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
    void aDirectoryOthersMayWriteIsNotUsedAndClassCacheFalseWritesNothing(Jdk jdk, @TempDir Path xdg) throws Exception {
        Path directory = Files.createDirectory(xdg.resolve("portalgo"));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertSubstituted(run(jdk, xdg, ""));
        assertThat(entries(xdg)).isEmpty();

        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        assertSubstituted(run(jdk, xdg, ",class-cache=false"));
        assertThat(entries(xdg)).isEmpty();
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
        Path directory = xdg.resolve("portalgo");
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.collect(Collectors.toList());
        }
    }
}
