package io.portalgo.agent.installer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * Class bytes the agent made once, kept for the next JVM: the dispatcher and the three JDK
 * classes with their advice. ByteBuddy's agent machinery costs about 0.7 s per start-up
 * (shared/research §6.2, 1,050 classes loaded); with the bytes at hand a plain
 * {@code ClassFileTransformer} applies them and ByteBuddy is never loaded.
 *
 * <p>An entry's name is the SHA-256 of everything its bytes depend on: this agent's own advice,
 * dispatcher and matcher classes, the JVM's version, the class name and the class's original
 * bytes. So a new JDK build, a new agent or another agent's change to the class all miss, and
 * the agent transforms afresh. Each file starts with the SHA-256 of its content, checked on every
 * read: a torn or altered file is ignored. The bytes end up inside java.base, which the JVM does
 * not verify, so the directory is used only if it is a real directory owned by this user and
 * writable by nobody else ({@code ~/.cache/portalgo}, mode 700, or under {@code XDG_CACHE_HOME}).
 */
final class TransformCache {
    private static final Set<PosixFilePermission> FOREIGN_WRITE =
            EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
    private static final int DIGEST_LENGTH = 32;

    private final Path directory;
    private final byte[] agentFingerprint;

    private TransformCache(Path directory, byte[] agentFingerprint) {
        this.directory = directory;
        this.agentFingerprint = agentFingerprint;
    }

    /**
     * The user's cache, made if missing; empty if it cannot be trusted or used.
     *
     * @param fingerprintClasses the agent classes whose bytes shape the transformed classes, by name
     *        (read as resources, never loaded)
     */
    static Optional<TransformCache> open(java.util.List<String> fingerprintClasses) {
        return open(defaultDirectory(), fingerprintClasses);
    }

    /** As {@link #open(java.util.List)}, in {@code directory}. */
    static Optional<TransformCache> open(Path directory, java.util.List<String> fingerprintClasses) {
        try {
            Path parent = directory.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            if (!trusted(directory)) {
                return Optional.empty();
            }
            MessageDigest fingerprint = sha256();
            fingerprint.update(Runtime.version().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (String className : fingerprintClasses) {
                fingerprint.update(resourceBytes(className));
            }
            return Optional.of(new TransformCache(directory, fingerprint.digest()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static Path defaultDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("portalgo");
    }

    Path directory() {
        return directory;
    }

    /** The entry name for {@code className} transformed from {@code original}. */
    String keyOf(String className, byte[] original) {
        MessageDigest digest = sha256();
        digest.update(agentFingerprint);
        digest.update(className.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(original);
        return HexFormat.of().formatHex(digest.digest());
    }

    Optional<byte[]> load(String key) {
        Path file = directory.resolve(key + ".class");
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !trusted(file)) {
                return Optional.empty();
            }
            byte[] stored = Files.readAllBytes(file);
            if (stored.length <= DIGEST_LENGTH) {
                return Optional.empty();
            }
            byte[] content = Arrays.copyOfRange(stored, DIGEST_LENGTH, stored.length);
            if (!MessageDigest.isEqual(Arrays.copyOf(stored, DIGEST_LENGTH), sha256().digest(content))) {
                return Optional.empty();
            }
            return Optional.of(content);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Writes an entry atomically (a temporary file moved into place); failures only cost the next start-up. */
    void store(String key, byte[] content) {
        try {
            Path temporary = Files.createTempFile(directory, key, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            byte[] stored = new byte[DIGEST_LENGTH + content.length];
            System.arraycopy(sha256().digest(content), 0, stored, 0, DIGEST_LENGTH);
            System.arraycopy(content, 0, stored, DIGEST_LENGTH, content.length);
            Files.write(temporary, stored);
            try {
                Files.move(temporary, directory.resolve(key + ".class"), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, directory.resolve(key + ".class"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException ignored) {
            // the next start-up transforms again
        }
    }

    /** Owned by this process's user, no symbolic link, writable by nobody else. */
    private static boolean trusted(Path path) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink() || attributes.permissions().stream().anyMatch(FOREIGN_WRITE::contains)) {
            return false;
        }
        return attributes.owner().getName().equals(System.getProperty("user.name"));
    }

    /** The bytes of one of the agent jar's classes, without loading it. */
    static byte[] resourceBytes(String className) throws IOException {
        String resource = className.replace('.', '/') + ".class";
        try (InputStream in = TransformCache.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no " + resource);
            }
            return in.readAllBytes();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
