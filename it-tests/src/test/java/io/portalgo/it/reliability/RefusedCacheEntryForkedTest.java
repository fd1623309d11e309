package io.portalgo.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalgo.it.CacheEntries;
import io.portalgo.it.ForkedJvm;
import io.portalgo.it.Jdk;
import io.portalgo.it.Run;
import io.portalgo.it.app.SocketPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The class cache may hold an entry whose checksum is right but whose bytes the JVM refuses (a
 * class file version from the future, a truncated class): the application still starts, its
 * sockets still work, as for any cache miss. Each entry is rewritten with a fresh checksum of
 * its new content, so only the JVM's own checks can catch it.
 */
class RefusedCacheEntryForkedTest {
    private static final String[] PATHS = {"tcp-socket-connect", "udp-channel-send"};

    static Stream<Arguments> cases() {
        return Jdk.all().stream().flatMap(jdk -> Stream.of(Arguments.of(jdk, "future-class-version"), Arguments.of(jdk, "truncated")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void anEntryTheJvmRefusesNeverStopsTheApplication(Jdk jdk, String damage, @TempDir Path xdg) throws Exception {
        Run warm = run(jdk, xdg);
        assertThat(warm.exitCode()).as(warm.describe()).isZero();
        List<Path> entries;
        try (Stream<Path> files = Files.list(xdg.resolve("portalgo"))) {
            entries = files.filter(file -> file.toString().endsWith(".class")).toList();
        }
        assertThat(entries).as("the warm run kept its classes").isNotEmpty();
        for (Path entry : entries) {
            byte[] stored = Files.readAllBytes(entry);
            byte[] content = Arrays.copyOfRange(stored, CacheEntries.CHECKSUM_LENGTH, stored.length);
            if (damage.equals("future-class-version")) {
                content[6] = (byte) 0xff;
                content[7] = (byte) 0xfe;
            } else {
                content = Arrays.copyOf(content, content.length / 2);
            }
            Files.write(entry, CacheEntries.withChecksum(content));
        }
        Run run = run(jdk, xdg);
        System.out.println("refused cache entries (" + damage + ", " + jdk + "): exit " + run.exitCode() + ", stderr "
                + run.stderr().stream().limit(3).toList());
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.results()).as(run.describe()).hasSize(PATHS.length)
                .allSatisfy(result -> assertThat(result.get("exchanged")).isEqualTo("true"));
    }

    private static Run run(Jdk jdk, Path xdg) throws Exception {
        return ForkedJvm.on(jdk).environment("XDG_CACHE_HOME", xdg.toString()).agentArguments("algorithm=bsd,range=45000-45999")
                .run(SocketPaths.class, PATHS);
    }
}
