package io.portalgo.agent.installer;

import io.portalgo.agent.runtime.Log;
import io.portalgo.config.LogLevel;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@link ClassFileTransformer} of the six JDK classes portalgo advises, in place before they
 * load, so each gets its advice as it loads and nothing is retransformed (an attach retransforms
 * the ones loaded already, through the same code): the bytes the {@link TransformCache} holds for
 * exactly these class bytes, or else bytes woven by {@link JdkAdviceWeaver} (ByteBuddy is loaded
 * only then) and kept for the next JVM. A class it cannot weave keeps the JDK's bytes and is
 * reported. After {@link #fresh()} the cache is neither read nor trusted (the JVM refused one of
 * its entries).
 */
final class JdkAdviceTransformer implements ClassFileTransformer {
    private final TransformCache cache;
    private final Set<String> targets;
    private final Set<String> advised = ConcurrentHashMap.newKeySet();
    private final Set<String> fromCache = ConcurrentHashMap.newKeySet();
    private final Map<String, String> firstKeys = new ConcurrentHashMap<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private volatile boolean readCache = true;
    private JdkAdviceWeaver weaver;

    /**
     * @param cache the class cache, or null without one
     * @param targets class names with dots, e.g. {@code sun.nio.ch.Net}
     */
    JdkAdviceTransformer(TransformCache cache, Set<String> targets) {
        this.cache = cache;
        this.targets = targets;
    }

    /** From now on every class is woven afresh (and its entry replaced). */
    void fresh() {
        readCache = false;
    }

    /** Classes that got their advice. */
    Set<String> advised() {
        return advised;
    }

    /** True if every class advised so far came from the cache (ByteBuddy was not loaded). */
    boolean allFromCache() {
        return fromCache.containsAll(advised);
    }

    /** What went wrong, one line per class that kept the JDK's bytes. */
    List<String> problems() {
        return problems;
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
        if (internalName == null || loader != null) {
            return null;
        }
        String name = internalName.replace('/', '.');
        if (!targets.contains(name)) {
            return null;
        }
        try {
            // The first bytes seen are the class file as loaded, the same in every JVM of this JDK build
            // when this transformer is in place before the class loads; bytes the JVM rebuilds for a
            // retransformation vary from run to run. So a class is kept under its first key.
            String key = cache == null ? null : firstKeys.get(name);
            if (cache != null && key == null) {
                String made = cache.keyOf(name, original);
                String earlier = firstKeys.putIfAbsent(name, made);
                key = earlier != null ? earlier : made;
            }
            if (key != null && readCache) {
                byte[] cached = cache.loadOrNull(key);
                if (cached != null && sameClassFileVersion(cached, original)) {
                    fromCache.add(name);
                    advised.add(name);
                    return cached;
                }
            }
            byte[] woven = weaver().weave(name, original);
            if (key != null) {
                cache.store(key, woven);
            }
            fromCache.remove(name);
            advised.add(name);
            Log.debug("advice woven into " + name);
            return woven;
        } catch (RuntimeException | LinkageError failure) {
            problems.add(name + ": " + failure);
            Log.once(LogLevel.ERROR, "advice:" + name, "cannot advise " + name + " (" + failure
                    + "); its ports stay the kernel's");
            return null;
        }
    }

    private synchronized JdkAdviceWeaver weaver() {
        if (weaver == null) {
            System.setProperty("net.bytebuddy.safe", "true"); // relocated in the jar: ByteBuddy stays off sun.misc.Unsafe
            weaver = new JdkAdviceWeaver();
        }
        return weaver;
    }
}
