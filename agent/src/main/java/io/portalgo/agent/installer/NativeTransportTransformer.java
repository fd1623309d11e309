package io.portalgo.agent.installer;

import io.portalgo.agent.runtime.Log;
import io.portalgo.agent.runtime.NativeSockets;
import io.portalgo.config.LogLevel;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Optional;

/**
 * Gives Netty's native-transport classes their advice as any class loader defines them: from the
 * class cache when it holds the bytes for exactly these class bytes (ByteBuddy is then never
 * loaded), else woven by {@link NativeTransportWeaver} and kept for the next JVM. Every other
 * class costs a substring test. A class that cannot be woven stays as Netty wrote it, said once:
 * its ports are the kernel's, and the application runs on.
 */
final class NativeTransportTransformer implements ClassFileTransformer {
    private final NativeTransportInstaller.DispatcherLink link;
    private volatile NativeTransportWeaver weaver;

    /** @param link defines the dispatcher the advice calls, once, and holds the cache and the runtime side */
    NativeTransportTransformer(NativeTransportInstaller.DispatcherLink link) {
        this.link = link;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> redefined,
            ProtectionDomain domain, byte[] original) {
        NativeTarget target = NativeTarget.of(internalName);
        if (target == null || !link.ready()) {
            return null;
        }
        Optional<TransformCache> cache = link.cache();
        NativeSockets sockets = link.sockets();
        long started = System.nanoTime();
        try {
            String key = cache.isPresent() ? cache.get().keyOf(internalName, original) : null;
            byte[] advised = key == null ? null : cache.get().load(key).orElse(null);
            boolean fromCache = advised != null;
            if (advised == null) {
                advised = weaver().weave(target, internalName, original, loader);
                if (key != null) {
                    cache.get().store(key, advised);
                }
            }
            String name = internalName.replace('/', '.');
            long micros = (System.nanoTime() - started) / 1_000;
            if (target == NativeTarget.SOCKET) {
                sockets.covered(NativeTarget.copyOf(internalName));
                Log.info("native transport covered: " + name + " (" + loaderName(loader) + ", "
                        + (micros / 1_000) + " ms" + (fromCache ? ", from cache" : "") + ")");
            } else {
                Log.debug(() -> "advice installed in " + name + " (" + micros + " us" + (fromCache ? ", from cache" : "") + ")");
            }
            return advised;
        } catch (RuntimeException | LinkageError failure) {
            Log.once(LogLevel.ERROR, "native:" + internalName, "cannot advise " + internalName.replace('/', '.') + " ("
                    + failure + "); its ports stay the kernel's");
            return null;
        }
    }

    private NativeTransportWeaver weaver() {
        NativeTransportWeaver current = weaver;
        if (current == null) {
            synchronized (this) {
                current = weaver;
                if (current == null) {
                    current = new NativeTransportWeaver();
                    weaver = current;
                }
            }
        }
        return current;
    }

    private static String loaderName(ClassLoader loader) {
        if (loader == null) {
            return "boot loader";
        }
        String name = loader.getName();
        return "loader " + (name != null ? name : loader.getClass().getName());
    }
}
