package io.portalgo.agent.installer;

import io.portalgo.agent.runtime.Log;
import io.portalgo.config.LogLevel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * Class bytes the agent made once, kept for the next JVM: the dispatcher and the three JDK
 * classes with their advice. ByteBuddy's agent machinery costs about 0.7 s per start-up
 * (1,050 classes loaded); with the bytes at hand a plain {@code ClassFileTransformer} applies
 * them and ByteBuddy is never loaded.
 *
 * <p>An entry's name is a 64-bit checksum of everything its bytes depend on (this agent's own
 * advice, dispatcher and matcher classes, the JVM's version, the class name and the class's
 * original bytes) and the original's length. So a new JDK build, a new agent or another agent's
 * change to the class all miss, and the agent transforms afresh. Each file starts with the
 * checksum of its content, checked on every read: a torn or altered file is ignored.
 *
 * <p>The checksum is CRC-32C and CRC-32 side by side: both are intrinsics of the JVM, at memory
 * speed even before anything is compiled, where SHA-256 cost about 25 ms of every start-up (the
 * security providers' classes, and 320 KB hashed by the interpreter). Nothing here needs a
 * cryptographic hash: the checksums tell accidents (a torn write, another JDK, another agent's
 * bytes) apart, with a chance of 2^-64 per pair of different inputs, and what keeps a cache
 * honest against people is who may write it (below), as for the JDK's own files.
 *
 * <p>The bytes end up inside java.base, which the JVM does not verify, so a directory is trusted
 * as the JDK trusts its own files: it must be a real directory (no symbolic link) that nobody but
 * its owner may write, owned either by this user (then it is also written:
 * {@code ~/.cache/portalgo}, mode 700) or by root (then it is only read: a cache filled when a
 * container image was built, shared by every user of the image). A directory that others may
 * write, or that another user owns, is refused with one warning, and the agent transforms afresh.
 * Each entry file passes the same test.
 */
final class TransformCache {
    private static final int DIGEST_LENGTH = 8;
    /** The jar this class was loaded from (null outside one), found once for every fingerprint. */
    private static final Path AGENT_JAR = agentJarOrNull();

    private final Path directory;
    private final boolean writable;
    private final String entryMode;
    private final long agentFingerprint;

    private TransformCache(Path directory, boolean writable, boolean shared, long agentFingerprint) {
        this.directory = directory;
        this.writable = writable;
        this.entryMode = shared ? "rw-r--r--" : "rw-------";
        this.agentFingerprint = agentFingerprint;
    }

    /**
     * The cache in {@code directory}, made (mode 700) if missing and its parent exists or can be
     * made; null if it cannot be trusted or used (a refusal for trust is logged once as a warning).
     *
     * @param fingerprintClasses the agent classes whose bytes shape the transformed classes, by name
     *        (read as resources, never loaded)
     */
    static TransformCache openOrNull(Path directory, List<String> fingerprintClasses) {
        try {
            if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
                Path parent = directory.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            PosixFileAttributes attributes = Files.readAttributes(directory, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            String refusal = refusal(attributes);
            if (refusal != null) {
                // Once per directory: the JDK classes' cache and the native transports' open the same one.
                Log.once(LogLevel.WARN, "class-cache-refused:" + directory, "class cache " + directory + " not used: "
                        + refusal + "; transforming afresh (chmod go-w, or set portalgo.class-cache.dir)");
                return null;
            }
            boolean mine = isThisUser(attributes);
            Checksum fingerprint = new Checksum();
            fingerprint.update(bytes(System.getProperty("java.runtime.version")));
            fingerprint.update(bytes(System.getProperty("java.vm.version")));
            fingerprintClasses(fingerprint, fingerprintClasses);
            // A directory others may read (made by cache fill for an image) gets entries they may read.
            boolean shared = attributes.permissions().contains(PosixFilePermission.OTHERS_READ);
            boolean writable = mine && attributes.permissions().contains(PosixFilePermission.OWNER_WRITE);
            return new TransformCache(directory, writable, shared, fingerprint.value());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** As {@link #openOrNull}, for tests. */
    static Optional<TransformCache> open(Path directory, List<String> fingerprintClasses) {
        return Optional.ofNullable(openOrNull(directory, fingerprintClasses));
    }

    /** {@link ClassCacheLocation#directory}. */
    static Path defaultDirectory(String configured) {
        return ClassCacheLocation.directory(configured);
    }

    Path directory() {
        return directory;
    }

    /** False for a root-owned cache read by another user: entries are read, never written. */
    boolean writable() {
        return writable;
    }

    /** The entry name for {@code className} transformed from {@code original}. */
    String keyOf(String className, byte[] original) {
        Checksum key = new Checksum();
        key.update(longBytes(agentFingerprint));
        key.update(bytes(className));
        key.update(new byte[1]);
        key.update(original);
        return hex16(key.value()) + "-" + Integer.toHexString(original.length);
    }

    /**
     * The entry name for {@code target}, made from the agent class {@code template} (a class the
     * agent renames into a JDK module): told from the template's jar entry, without reading it.
     */
    String keyOfTemplate(String target, String template) throws IOException {
        Checksum stamp = new Checksum();
        fingerprintClasses(stamp, List.of(template));
        return keyOf(target, longBytes(stamp.value()));
    }

    /** The entry's bytes if present, trusted and intact; null otherwise. */
    byte[] loadOrNull(String key) {
        Path file = directory.resolve(key + ".class");
        try {
            PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile() || refusal(attributes) != null) {
                return null;
            }
            byte[] stored;
            try (InputStream in = new java.io.FileInputStream(file.toString())) {
                stored = in.readAllBytes(); // not Files: its channel classes cost a start-up more than they save
            }
            if (stored.length <= DIGEST_LENGTH) {
                return null;
            }
            byte[] content = Arrays.copyOfRange(stored, DIGEST_LENGTH, stored.length);
            if (!Arrays.equals(Arrays.copyOf(stored, DIGEST_LENGTH), longBytes(Checksum.of(content)))) {
                return null;
            }
            return content;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    Optional<byte[]> load(String key) {
        return Optional.ofNullable(loadOrNull(key));
    }

    /** Writes an entry atomically (a temporary file moved into place); failures only cost the next start-up. */
    void store(String key, byte[] content) {
        if (!writable) {
            return;
        }
        try {
            Path temporary = Files.createTempFile(directory, key, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(entryMode)));
            byte[] stored = new byte[DIGEST_LENGTH + content.length];
            System.arraycopy(longBytes(Checksum.of(content)), 0, stored, 0, DIGEST_LENGTH);
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

    /**
     * Why a directory or entry cannot be trusted, or null if it can: no symbolic link, writable by
     * its owner only, owned by this user or by root.
     */
    static String refusal(PosixFileAttributes attributes) {
        if (attributes.isSymbolicLink()) {
            return "a symbolic link";
        }
        Set<PosixFilePermission> permissions = attributes.permissions();
        if (permissions.contains(PosixFilePermission.GROUP_WRITE) || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            return "writable by others (" + PosixFilePermissions.toString(permissions) + ")";
        }
        if (!isThisUser(attributes) && !attributes.owner().getName().equals("root")) {
            return "owned by " + attributes.owner().getName() + ", neither this user nor root";
        }
        return null;
    }

    private static boolean isThisUser(PosixFileAttributes attributes) {
        return attributes.owner().getName().equals(System.getProperty("user.name"));
    }

    /**
     * Adds what the agent classes named are to {@code fingerprint}: in the agent jar, each entry's
     * CRC-32 and size as its central directory records them (the jar the class loader opened
     * already, so no entry is inflated); outside a jar (tests), each class's bytes.
     */
    private static void fingerprintClasses(Checksum fingerprint, List<String> classNames) throws IOException {
        Path jar = AGENT_JAR;
        if (jar == null) {
            for (int i = 0; i < classNames.size(); i++) {
                fingerprint.update(resourceBytes(classNames.get(i)));
            }
            return;
        }
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
            for (int i = 0; i < classNames.size(); i++) {
                String resource = classNames.get(i).replace('.', '/') + ".class";
                java.util.zip.ZipEntry entry = zip.getEntry(resource);
                if (entry == null || entry.getCrc() < 0) {
                    throw new IOException("no " + resource + " in " + jar);
                }
                fingerprint.update(bytes(resource));
                fingerprint.update(longBytes(entry.getCrc() << 32 | entry.getSize()));
            }
        }
    }

    /** The jar this class was loaded from, or null if it was not loaded from a jar file. */
    private static Path agentJarOrNull() {
        try {
            java.security.CodeSource source = TransformCache.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null || !"file".equals(source.getLocation().getProtocol())) {
                return null;
            }
            Path location = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(location) ? location : null;
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
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

    private static byte[] bytes(String text) {
        return String.valueOf(text).getBytes(StandardCharsets.UTF_8);
    }

    /** Big-endian, as the entry files store it. */
    static byte[] longBytes(long value) {
        byte[] bytes = new byte[8];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (value >>> (56 - 8 * i));
        }
        return bytes;
    }

    private static String hex16(long value) {
        String hex = Long.toHexString(value);
        return "0000000000000000".substring(hex.length()) + hex;
    }

    /** CRC-32C in the high 32 bits, CRC-32 in the low: 64 bits from two intrinsics. */
    static final class Checksum {
        private final CRC32C castagnoli = new CRC32C();
        private final CRC32 ieee = new CRC32();

        static long of(byte[] bytes) {
            Checksum checksum = new Checksum();
            checksum.update(bytes);
            return checksum.value();
        }

        void update(byte[] bytes) {
            castagnoli.update(bytes, 0, bytes.length);
            ieee.update(bytes, 0, bytes.length);
        }

        long value() {
            return castagnoli.getValue() << 32 | ieee.getValue();
        }
    }
}
