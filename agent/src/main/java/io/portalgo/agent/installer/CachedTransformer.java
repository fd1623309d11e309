package io.portalgo.agent.installer;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A plain {@link ClassFileTransformer} for the JDK classes portalgo instruments: in {@code APPLY}
 * it hands back the bytes the {@link TransformCache} holds for the incoming class bytes; in
 * {@code RECORD} it changes nothing. In both it remembers each class's first cache key, so that
 * what ByteBuddy makes of the class can be stored under it; {@code OFF} forever after a ByteBuddy install, so
 * that a later retransformation (by another agent) is not advised twice.
 */
final class CachedTransformer implements ClassFileTransformer {
    enum Mode { APPLY, RECORD, OFF }

    private final TransformCache cache;
    private final Set<String> targets;
    private final Set<String> applied = ConcurrentHashMap.newKeySet();
    private final Map<String, String> recordedKeys = new ConcurrentHashMap<>();
    private volatile Mode mode = Mode.APPLY;

    /** @param targets class names with dots, e.g. {@code sun.nio.ch.Net} */
    CachedTransformer(TransformCache cache, Set<String> targets) {
        this.cache = cache;
        this.targets = targets;
    }

    void mode(Mode next) {
        mode = next;
    }

    Mode mode() {
        return mode;
    }

    /** Classes whose cached bytes were handed to the JVM in {@code APPLY}. */
    Set<String> applied() {
        return applied;
    }

    /** The cache key of each class, from the first bytes seen of it. */
    Map<String, String> recordedKeys() {
        return recordedKeys;
    }

    /**
     * The advice never changes a class file's version (bytes 4-7), so cached bytes of another
     * version were not made from these bytes for this JVM: the JVM would refuse them
     * ({@code UnsupportedClassVersionError}) and the class could never load.
     */
    static boolean sameClassFileVersion(byte[] cached, byte[] original) {
        if (cached.length < 8 || original.length < 8) {
            return false;
        }
        for (int i = 4; i < 8; i++) {
            if (cached[i] != original[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> redefined,
            ProtectionDomain domain, byte[] original) {
        if (internalName == null || mode == Mode.OFF) {
            return null;
        }
        String name = internalName.replace('/', '.');
        if (!targets.contains(name)) {
            return null;
        }
        try {
            String key = cache.keyOf(name, original);
            // The first bytes seen are the class file as loaded, the same in every JVM of this JDK build
            // when this transformer is in place before the class loads; bytes the JVM rebuilds for a
            // retransformation vary from run to run. So a class is kept under its first key.
            recordedKeys.putIfAbsent(name, key);
            if (mode == Mode.RECORD) {
                return null;
            }
            byte[] cached = cache.loadOrNull(key);
            if (cached == null || !sameClassFileVersion(cached, original)) {
                return null; // a miss: the JDK's own bytes, and ByteBuddy after
            }
            applied.add(name);
            return cached;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
