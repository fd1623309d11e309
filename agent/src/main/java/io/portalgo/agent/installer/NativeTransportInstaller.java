package io.portalgo.agent.installer;

import io.portalgo.agent.runtime.NativeSockets;
import io.portalgo.agent.runtime.PortalgoRuntime;
import io.portalgo.config.PortalgoSettings;
import io.portalgo.config.Property;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Brings Netty's native transports under the agent: defines {@code java.net.PortalgoNativeDispatch}
 * (see its template for why {@code java.net}), points its call sites at {@link NativeSockets}, and
 * registers the {@link NativeTransportTransformer} for the classes any loader defines from now on
 * (on an attach, the ones loaded already are retransformed). With
 * {@code portalgo.native-transports=false} at start-up nothing of this happens and Netty's classes
 * stay exactly as loaded.
 */
final class NativeTransportInstaller {
    private static final String ADVICE_PACKAGE = "io.portalgo.agent.nativetransport.advice.";
    /** The advice classes, by name: naming them as classes here would load ByteBuddy's annotations on a warm start. */
    static final List<String> ADVICE = List.of(ADVICE_PACKAGE + "NettySocketOpenedAdvice",
            ADVICE_PACKAGE + "NettySocketBindAdvice", ADVICE_PACKAGE + "NettySocketConnectAdvice",
            ADVICE_PACKAGE + "NettySocketSendToAdvice", ADVICE_PACKAGE + "NettySocketSendToAddressesAdvice",
            ADVICE_PACKAGE + "EpollSendmmsgAdvice", ADVICE_PACKAGE + "IoUringMsgHdrAdvice",
            ADVICE_PACKAGE + "IoUringConnectAdvice");
    /** The agent classes whose bytes decide what the advised Netty classes look like. */
    static final List<String> SHAPING_CLASSES = shapingClasses();

    private NativeTransportInstaller() {
    }

    /**
     * Registers the transformer when the settings ask for it; everything else (the cache, the
     * runtime, the dispatcher) waits for the first Netty class. Returns the start-up line's word.
     */
    static String install(Instrumentation instrumentation, DeferredRuntime deferred, JavaBase javaBase,
            PortalgoSettings settings) throws java.lang.instrument.UnmodifiableClassException {
        if (!settings.value(Property.NATIVE_TRANSPORTS)) {
            return "native=off";
        }
        String cacheDirectory = settings.classCache() ? settings.value(Property.CLASS_CACHE_DIR).orElse("") : null;
        DispatcherLink link = new DispatcherLink(instrumentation, cacheDirectory, deferred, javaBase);
        NativeTransportTransformer transformer = new NativeTransportTransformer(link);
        instrumentation.addTransformer(transformer, true);
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            // Netty is never a boot class; skipping those skips most names of a JVM just started.
            if (type.getClassLoader() != null && NativeTarget.of(type.getName().replace('.', '/')) != null
                    && instrumentation.isModifiableClass(type)) {
                loaded.add(type);
            }
        }
        if (!loaded.isEmpty()) {
            instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
        }
        return "native=on";
    }

    /**
     * Opens the class cache, makes the runtime and defines and wires
     * {@code java.net.PortalgoNativeDispatch} when the first Netty class arrives, so a JVM without
     * Netty never opens {@code java.net}, never reads the cache for Netty and keeps no dispatcher
     * for it.
     */
    static final class DispatcherLink {
        private final Instrumentation instrumentation;
        /** The configured directory ("" for the default), or null without a class cache. */
        private final String cacheDirectory;
        private final DeferredRuntime deferred;
        private final JavaBase javaBase;
        private Optional<TransformCache> cache = Optional.empty();
        private NativeSockets sockets;
        private boolean linked;
        private boolean failed;

        DispatcherLink(Instrumentation instrumentation, String cacheDirectory, DeferredRuntime deferred,
                JavaBase javaBase) {
            this.instrumentation = instrumentation;
            this.cacheDirectory = cacheDirectory;
            this.deferred = deferred;
            this.javaBase = javaBase;
        }

        /** True once the dispatcher is there and wired; a failure is logged once and remembered. */
        synchronized boolean ready() {
            if (linked || failed) {
                return linked;
            }
            try {
                PortalgoRuntime runtime = deferred.runtimeOrNull();
                if (runtime == null) {
                    return false; // made on this thread right now, or failed (logged)
                }
                cache = cacheDirectory == null ? Optional.empty() : TransformCache.open(TransformCache.defaultDirectory(
                        cacheDirectory.isEmpty() ? null : cacheDirectory), SHAPING_CLASSES);
                sockets = new NativeSockets(runtime, runtime.substitution().failures(), javaBase.net());
                instrumentation.redefineModule(Object.class.getModule(), Set.of(), Map.of(), Map.of("java.net",
                        Set.of(NativeTransportInstaller.class.getModule())), Set.of(), Map.of());
                wire(defineDispatcher(cache), sockets);
                linked = true;
            } catch (ReflectiveOperationException | RuntimeException | LinkageError failure) {
                failed = true;
                io.portalgo.agent.runtime.Log.error("native transports not covered, their ports stay the kernel's: "
                        + failure);
            }
            return linked;
        }

        /** After {@link #ready()}: the class cache for Netty's classes, if any. */
        synchronized Optional<TransformCache> cache() {
            return cache;
        }

        /** After {@link #ready()}: the runtime side of the native advice. */
        synchronized NativeSockets sockets() {
            return sockets;
        }
    }

    private static Class<?> defineDispatcher(Optional<TransformCache> cache) throws ReflectiveOperationException {
        try {
            return Class.forName(NativeRemapped.DISPATCHER, false, null);
        } catch (ClassNotFoundException firstInstall) {
            MethodHandles.Lookup javaNet = MethodHandles.privateLookupIn(InetAddress.class, MethodHandles.lookup());
            return javaNet.defineClass(dispatcherBytes(cache));
        }
    }

    /** The dispatcher's bytes: from the cache, or remapped from the template (and then kept). */
    private static byte[] dispatcherBytes(Optional<TransformCache> cache) {
        if (cache.isEmpty()) {
            return NativeRemapped.bytesOf(NativeRemapped.TEMPLATE);
        }
        String key;
        try {
            key = cache.get().keyOfTemplate(NativeRemapped.DISPATCHER, NativeRemapped.TEMPLATE);
        } catch (IOException e) {
            return NativeRemapped.bytesOf(NativeRemapped.TEMPLATE);
        }
        Optional<byte[]> kept = cache.get().load(key);
        if (kept.isPresent()) {
            return kept.get();
        }
        byte[] made = NativeRemapped.bytesOf(NativeRemapped.TEMPLATE);
        cache.get().store(key, made);
        return made;
    }

    private static void wire(Class<?> dispatcher, NativeSockets sockets) throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        MethodHandles.Lookup inside = MethodHandles.privateLookupIn(dispatcher, lookup);
        wire(inside, dispatcher, "BIND", lookup.findVirtual(NativeSockets.class, "bind",
                MethodType.methodType(boolean.class, Object.class, SocketAddress.class)).bindTo(sockets));
        wire(inside, dispatcher, "BEFORE_CONNECT", lookup.findVirtual(NativeSockets.class, "beforeConnect",
                MethodType.methodType(Object.class, Object.class, SocketAddress.class)).bindTo(sockets));
        wire(inside, dispatcher, "AFTER_CONNECT", lookup.findVirtual(NativeSockets.class, "afterConnect",
                MethodType.methodType(boolean.class, Object.class, Throwable.class)).bindTo(sockets));
        wire(inside, dispatcher, "BEFORE_IMPLICIT_BIND", lookup.findVirtual(NativeSockets.class, "beforeImplicitBind",
                MethodType.methodType(void.class, Object.class, InetAddress.class, int.class)).bindTo(sockets));
        wire(inside, dispatcher, "OPENED", lookup.findVirtual(NativeSockets.class, "opened",
                MethodType.methodType(void.class, Object.class)).bindTo(sockets));
    }

    private static void wire(MethodHandles.Lookup inside, Class<?> dispatcher, String name, MethodHandle target)
            throws ReflectiveOperationException {
        MutableCallSite site;
        try {
            site = (MutableCallSite) inside.findStaticGetter(dispatcher, name, MutableCallSite.class).invoke();
        } catch (ReflectiveOperationException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
        site.setTarget(target.asType(site.type()));
        MutableCallSite.syncAll(new MutableCallSite[] {site});
    }

    private static List<String> shapingClasses() {
        List<String> classes = new ArrayList<>(List.of(NativeTransportInstaller.class.getName(),
                "io.portalgo.agent.installer.NativeTransportWeaver", NativeTarget.class.getName(), "io.portalgo.agent.installer.NativeRemapped",
                NativeRemapped.TEMPLATE));
        classes.addAll(ADVICE);
        return List.copyOf(classes);
    }
}
