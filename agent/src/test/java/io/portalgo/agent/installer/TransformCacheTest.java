package io.portalgo.agent.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class cache keeps exactly what it was given, and refuses what it cannot trust. */
class TransformCacheTest {
    private static final List<String> SHAPING = List.of(TransformCacheTest.class.getName());

    @Test
    void anEntryReadsBackAsWritten(@TempDir Path home) {
        TransformCache cache = open(home);
        String key = cache.keyOf("sun.nio.ch.Net", new byte[] {1, 2, 3});
        cache.store(key, new byte[] {(byte) 0xca, (byte) 0xfe});

        assertThat(cache.load(key)).contains(new byte[] {(byte) 0xca, (byte) 0xfe});
    }

    @Test
    void theKeyDependsOnTheClassAndItsOriginalBytes(@TempDir Path home) {
        TransformCache cache = open(home);
        String key = cache.keyOf("sun.nio.ch.Net", new byte[] {1, 2, 3});

        assertThat(key).matches("[0-9a-f]{16}-3")
                .isEqualTo(cache.keyOf("sun.nio.ch.Net", new byte[] {1, 2, 3}))
                .isNotEqualTo(cache.keyOf("sun.nio.ch.Net", new byte[] {1, 2, 4}))
                .isNotEqualTo(cache.keyOf("sun.net.NetHooks", new byte[] {1, 2, 3}))
                .isNotEqualTo(cache.keyOf("sun.nio.ch.Net", new byte[] {1, 2, 3, 0}));
    }

    @Test
    void aTemplatesKeyFollowsItsBytesInTheAgent(@TempDir Path home) throws Exception {
        TransformCache cache = open(home);
        String key = cache.keyOfTemplate("sun.nio.ch.PortalgoDispatch", Remapped.TEMPLATE);

        assertThat(key).isEqualTo(cache.keyOfTemplate("sun.nio.ch.PortalgoDispatch", Remapped.TEMPLATE))
                .isNotEqualTo(cache.keyOfTemplate("sun.nio.ch.PortalgoDispatch", JavaManagement.TEMPLATE))
                .isNotEqualTo(cache.keyOfTemplate("java.net.PortalgoNativeDispatch", Remapped.TEMPLATE));
    }

    @Test
    void anAlteredOrTornEntryIsIgnored(@TempDir Path home) throws Exception {
        TransformCache cache = open(home);
        String key = cache.keyOf("sun.nio.ch.Net", new byte[] {1});
        cache.store(key, new byte[] {10, 20, 30});
        Path file = cache.directory().resolve(key + ".class");
        byte[] stored = Files.readAllBytes(file);
        stored[stored.length - 1] ^= 1;
        Files.write(file, stored);
        assertThat(cache.load(key)).isEmpty();

        Files.write(file, new byte[] {1, 2, 3});
        assertThat(cache.load(key)).isEmpty();
        assertThat(cache.load("0".repeat(64))).isEmpty();
    }

    @Test
    void theDirectoryIsPrivateAndAGroupWritableOneIsRefused(@TempDir Path home) throws Exception {
        TransformCache cache = open(home);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.directory()))).isEqualTo("rwx------");

        Files.setPosixFilePermissions(cache.directory(), PosixFilePermissions.fromString("rwxrwx---"));
        assertThat(TransformCache.open(cache.directory(), SHAPING)).isEmpty();
    }

    @Test
    void aReadOnlyDirectoryIsReadButNeverWritten(@TempDir Path home) throws Exception {
        TransformCache filled = open(home);
        String kept = filled.keyOf("sun.nio.ch.Net", new byte[] {1});
        filled.store(kept, new byte[] {7, 7});
        Files.setPosixFilePermissions(filled.directory(), PosixFilePermissions.fromString("r-x------"));
        try {
            TransformCache readOnly = TransformCache.open(filled.directory(), SHAPING).orElseThrow();
            assertThat(readOnly.writable()).isFalse();
            assertThat(readOnly.load(kept)).contains(new byte[] {7, 7});
            String missing = readOnly.keyOf("sun.net.NetHooks", new byte[] {1});
            readOnly.store(missing, new byte[] {8});
            assertThat(readOnly.load(missing)).isEmpty();
        } finally {
            Files.setPosixFilePermissions(filled.directory(), PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aDirectoryOfAnotherUserIsRefused(@TempDir Path home) throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        assertThat(root || !"true".equals(System.getenv("CI"))).as("CI runs as root: only root can give a directory "
                + "to another user").isTrue();
        org.junit.jupiter.api.Assumptions.assumeTrue(root, "only root can give a directory to another user");
        Path directory = Files.createDirectory(home.resolve("portalgo"));
        Files.setOwner(directory, directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        assertThat(TransformCache.open(directory, SHAPING)).isEmpty();
    }

    private static TransformCache open(Path home) {
        Optional<TransformCache> cache = TransformCache.open(home.resolve("portalgo"), SHAPING);
        assertThat(cache).isPresent();
        return cache.get();
    }
}
