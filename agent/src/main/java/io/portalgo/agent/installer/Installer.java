package io.portalgo.agent.installer;

import io.portalgo.agent.control.MBeanRegistration;
import io.portalgo.agent.runtime.BindFailures;
import io.portalgo.agent.runtime.JdkSocketOps;
import io.portalgo.agent.runtime.Log;
import io.portalgo.agent.runtime.PortalgoRuntime;
import io.portalgo.agent.runtime.Substitution;
import io.portalgo.algorithms.PortRange;
import io.portalgo.config.ConfigException;
import io.portalgo.config.Environment;
import io.portalgo.config.HostPorts;
import io.portalgo.config.PortalgoSettings;
import io.portalgo.config.Source;
import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetAddress;
import java.net.ProtocolFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything between the premain shim and a running agent: settings, the way into java.base,
 * the dispatcher's wiring, the advice, the live controls and the one start-up line. Its order
 * matters: the settings are checked before anything is changed, the failure texts are probed
 * before the advice exists, and the call sites point at the agent before the JDK is
 * retransformed, so no socket ever meets half an agent.
 */
public final class Installer {
    /** sysexits.h EX_CONFIG: the JVM stops before {@code main} on a bad configuration. */
    static final int EXIT_BAD_CONFIGURATION = 78;
    /**
     * This copy of the agent defined the dispatcher, so finding it again means an earlier install
     * of this copy failed half-way (it is tried again whole), not another copy of the agent.
     */
    private static volatile boolean dispatcherDefinedHere;

    private Installer() {
    }

    /** {@code -javaagent}: a bad configuration stops the JVM here, with the config message. */
    public static void premain(String arguments, Instrumentation instrumentation) {
        PortalgoSettings settings;
        try {
            settings = PortalgoSettings.load(arguments);
        } catch (ConfigException bad) {
            System.err.println("[portalgo] error: invalid configuration, the JVM stops:");
            bad.problems().forEach(problem -> System.err.println("[portalgo]   " + problem));
            System.exit(EXIT_BAD_CONFIGURATION);
            return;
        }
        install(settings, instrumentation, "premain");
    }

    /**
     * A dynamic attach. Into a JVM without portalgo: install, or refuse with the config message
     * (the JVM goes on untouched). Into a JVM that runs portalgo already: change only the settings
     * given, validated whole.
     *
     * @throws ConfigException for a bad value, so the attacher sees the refusal
     */
    public static void agentmain(String arguments, Instrumentation instrumentation) {
        Optional<PortalgoRuntime> running = PortalgoRuntime.running();
        try {
            if (running.isPresent()) {
                running.get().settings().applyArguments(arguments == null ? "" : arguments,
                        Source.AGENT_ARGUMENT);
                Log.info("settings changed by attach: " + running.get().describe());
                return;
            }
            install(PortalgoSettings.load(arguments), instrumentation, "attach");
        } catch (ConfigException bad) {
            Log.error("attach refused, settings unchanged:");
            bad.problems().forEach(problem -> Log.error("  " + problem));
            throw bad;
        }
    }

    private static void install(PortalgoSettings settings, Instrumentation instrumentation, String how) {
        long started = System.nanoTime();
        Log.level(settings.logLevel());
        try {
            // Under its relocated name in the shaded jar: ByteBuddy then stays off sun.misc.Unsafe (Java 24+ warns).
            System.setProperty("net.bytebuddy.safe", "true");
            Optional<TransformCache> cache = settings.classCache() ? TransformCache.open(AdviceInstaller.SHAPING_CLASSES)
                    : Optional.empty();
            // In place before anything below loads the JDK classes, so that it sees them as loaded.
            Optional<CachedTransformer> cached = cache.map(kept -> new CachedTransformer(kept,
                    Set.copyOf(AdviceInstaller.TARGETS)));
            cached.ifPresent(transformer -> instrumentation.addTransformer(transformer, true));
            JavaBase javaBase = JavaBase.open(instrumentation, () -> dispatcherBytes(cache));
            if (javaBase.dispatcherWasThere() && !dispatcherDefinedHere) {
                cached.ifPresent(instrumentation::removeTransformer);
                Log.error("another copy of the portalgo agent is installed in this JVM (from another class loader); "
                        + "this one stays inactive");
                return;
            }
            dispatcherDefinedHere = true;
            BindFailures failures = BindFailures.probe();
            Optional<PortRange> kernelRange = HostPorts.range(Environment.system());
            PortalgoRuntime runtime = PortalgoRuntime.create(settings, new JdkSocketOps(javaBase.net()), failures,
                    kernelRange);
            wire(javaBase, runtime.substitution());
            List<String> problems = new ArrayList<>();
            boolean fromCache = false;
            if (cached.isPresent()) {
                fromCache = adviseFromCache(instrumentation, cache.get(), cached.get(), problems);
            } else {
                problems.addAll(new AdviceInstaller((name, bytes) -> { }).install(instrumentation));
            }
            problems.forEach(problem -> Log.error("instrumentation: " + problem));
            io.portalgo.agent.runtime.LegacySockets.warnIfSelected();
            if (settings.seed().isPresent()) {
                Log.warn("portalgo.seed is set: every key and random draw follows from it, so anyone who knows it can "
                        + "predict the ports; for reproducible runs only");
            }
            if (settings.jmx()) {
                startLiveControl(runtime, how);
            }
            runtime.markRunning();
            long millis = (System.nanoTime() - started) / 1_000_000;
            Log.info("portalgo " + runtime.version() + " " + (problems.isEmpty() ? "active" : "PARTLY active") + " ("
                    + how + ", Java " + Runtime.version() + ", " + millis + " ms" + (fromCache ? ", from cache" : "") + "): "
                    + runtime.describe());
        } catch (ReflectiveOperationException | java.lang.instrument.UnmodifiableClassException | RuntimeException
                | LinkageError failure) {
            Log.error("not installed, every port stays the kernel's: " + failure);
        }
    }

    /**
     * Advises the JDK classes with the bytes a previous JVM made, if the cache has them for
     * exactly these classes; otherwise with ByteBuddy, keeping what it makes for the next JVM.
     *
     * @return true if the cache served every class (ByteBuddy was not loaded)
     */
    private static boolean adviseFromCache(Instrumentation instrumentation, TransformCache cache,
            CachedTransformer cached, List<String> problems)
            throws ClassNotFoundException, java.lang.instrument.UnmodifiableClassException {
        Class<?>[] targets = new Class<?>[AdviceInstaller.TARGETS.size()];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = Class.forName(AdviceInstaller.TARGETS.get(i), false, null);
        }
        try {
            instrumentation.retransformClasses(targets);
            if (cached.applied().containsAll(AdviceInstaller.TARGETS)) {
                Log.debug(() -> "advice installed from " + cache.directory());
                return true;
            }
        } catch (LinkageError | RuntimeException refusedByTheJvm) {
            Log.debug(() -> "cached classes refused (" + refusedByTheJvm + "); transforming afresh");
        }
        cached.mode(CachedTransformer.Mode.RECORD);
        if (!cached.applied().isEmpty()) {
            instrumentation.retransformClasses(targets); // back to the JDK's own bytes before ByteBuddy
        }
        problems.addAll(new AdviceInstaller((name, bytes) -> {
            String key = cached.recordedKeys().get(name);
            if (key != null) {
                cache.store(key, bytes);
            }
        }).install(instrumentation));
        cached.mode(CachedTransformer.Mode.OFF);
        return false;
    }

    /** The dispatcher's bytes: from the cache, or remapped from the template (and then kept). */
    private static byte[] dispatcherBytes(Optional<TransformCache> cache) {
        if (cache.isEmpty()) {
            return Remapped.bytesOf(Remapped.TEMPLATE);
        }
        String key;
        try {
            key = cache.get().keyOf(Remapped.DISPATCHER, TransformCache.resourceBytes(Remapped.TEMPLATE));
        } catch (IOException e) {
            return Remapped.bytesOf(Remapped.TEMPLATE);
        }
        Optional<byte[]> kept = cache.get().load(key);
        if (kept.isPresent()) {
            return kept.get();
        }
        byte[] made = Remapped.bytesOf(Remapped.TEMPLATE);
        cache.get().store(key, made);
        return made;
    }

    /**
     * Registers the MBean: in the background at start-up (the application need not wait for JMX),
     * at once on an attach, whose caller looks for it right after.
     */
    private static void startLiveControl(PortalgoRuntime runtime, String how) {
        java.util.function.Consumer<RuntimeException> report = failure -> Log.error("live control unavailable, "
                + "ports are still substituted: " + failure.getMessage());
        if (how.equals("premain")) {
            MBeanRegistration.startInBackground(runtime, report);
            return;
        }
        try {
            MBeanRegistration.start(runtime);
        } catch (RuntimeException failure) {
            report.accept(failure);
        }
    }

    /** Points the dispatcher's call sites at the substitution. */
    private static void wire(JavaBase javaBase, Substitution substitution) throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        javaBase.wire("BIND", lookup.findVirtual(Substitution.class, "bind", MethodType.methodType(boolean.class,
                ProtocolFamily.class, FileDescriptor.class, InetAddress.class)).bindTo(substitution));
        javaBase.wire("BEFORE_TCP_CONNECT", lookup.findVirtual(Substitution.class, "beforeTcpConnect",
                MethodType.methodType(void.class, FileDescriptor.class, InetAddress.class, int.class)).bindTo(substitution));
        javaBase.wire("AFTER_CONNECT", lookup.findVirtual(Substitution.class, "afterConnect",
                MethodType.methodType(boolean.class, FileDescriptor.class, Throwable.class)).bindTo(substitution));
        javaBase.wire("UDP_DESTINATION", lookup.findVirtual(Substitution.class, "udpDestination",
                MethodType.methodType(void.class, Object.class)).bindTo(substitution));
        javaBase.wire("UDP_BINDING", lookup.findVirtual(Substitution.class, "udpBinding",
                MethodType.methodType(void.class, boolean.class)).bindTo(substitution));
        javaBase.wire("LISTENER_BINDING", lookup.findVirtual(Substitution.class, "listenerBinding",
                MethodType.methodType(void.class, boolean.class)).bindTo(substitution));
        javaBase.wire("LOCAL_ADDRESS_READ", lookup.findVirtual(Substitution.class, "localAddressRead",
                MethodType.methodType(void.class, FileDescriptor.class, java.net.InetSocketAddress.class))
                .bindTo(substitution));
    }
}
