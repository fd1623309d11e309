package io.portalgo.agent.installer;

import io.portalgo.agent.control.LiveControl;
import io.portalgo.agent.runtime.AgentVersion;
import io.portalgo.agent.runtime.LegacySockets;
import io.portalgo.agent.runtime.Log;
import io.portalgo.agent.runtime.PortalgoRuntime;
import io.portalgo.agent.runtime.TcpModePreview;
import io.portalgo.config.ConfigException;
import io.portalgo.config.PortalgoSettings;
import io.portalgo.config.Property;
import io.portalgo.config.Source;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Everything between the premain shim and a running agent: settings, the way into java.base,
 * the dispatcher's wiring, the advice, the live controls and the one start-up line. Its order
 * matters: the settings are checked before anything is changed, the failure texts are known
 * before the advice exists, and the call sites point at the agent before the JDK is
 * retransformed, so no socket ever meets half an agent.
 *
 * <p>Start-up cost is the point of this class's shape: on the path before {@code main} there are
 * no lambdas, no streams and no string-concatenation bootstraps (the build compiles {@code +}
 * inline), each of which spins method-handle classes the first time a JVM meets it; the MBean
 * server is not created (see {@link LiveControl}); ByteBuddy is loaded only when the class cache
 * misses. {@code portalgo.log.level=debug} prints where the time went.
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
        StartupClock clock = new StartupClock();
        PortalgoSettings settings;
        try {
            settings = PortalgoSettings.load(arguments);
        } catch (ConfigException bad) {
            System.err.println("[portalgo] error: invalid configuration, the JVM stops:");
            List<String> problems = bad.problems();
            for (int i = 0; i < problems.size(); i++) {
                System.err.println("[portalgo]   " + problems.get(i));
            }
            System.exit(EXIT_BAD_CONFIGURATION);
            return;
        }
        clock.mark("settings");
        install(settings, instrumentation, "premain", clock);
    }

    /**
     * A dynamic attach. Into a JVM without portalgo: install, or refuse with the config message
     * (the JVM goes on untouched). Into a JVM that runs portalgo already: change only the settings
     * given, validated whole.
     *
     * @throws ConfigException for a bad value, so the attacher sees the refusal
     */
    public static void agentmain(String arguments, Instrumentation instrumentation) {
        DeferredRuntime deferred = DeferredRuntime.installedOrNull();
        Optional<PortalgoRuntime> running = deferred == null ? PortalgoRuntime.running()
                : Optional.ofNullable(deferred.runtimeOrNull());
        try {
            if (running.isPresent()) {
                running.get().settings().applyArguments(arguments == null ? "" : arguments,
                        Source.AGENT_ARGUMENT);
                Log.info("settings changed by attach: " + running.get().describe());
                return;
            }
            StartupClock clock = new StartupClock();
            PortalgoSettings settings = PortalgoSettings.load(arguments);
            clock.mark("settings");
            install(settings, instrumentation, "attach", clock);
        } catch (ConfigException bad) {
            Log.error("attach refused, settings unchanged:");
            for (String problem : bad.problems()) {
                Log.error("  " + problem);
            }
            throw bad;
        }
    }

    private static void install(PortalgoSettings settings, Instrumentation instrumentation, String how,
            StartupClock clock) {
        Log.level(settings.logLevel());
        JdkAdviceTransformer advice = null;
        try {
            TransformCache cache = settings.classCache()
                    ? TransformCache.openOrNull(TransformCache.defaultDirectory(
                            settings.value(Property.CLASS_CACHE_DIR).orElse(null)), AdvisedClasses.SHAPING_CLASSES)
                    : null;
            // In place before anything below loads the JDK classes, so each gets its advice as it loads.
            advice = new JdkAdviceTransformer(cache, new HashSet<>(AdvisedClasses.TARGETS));
            instrumentation.addTransformer(advice, true);
            clock.mark("class cache");
            JavaBase javaBase = openJavaBase(instrumentation, cache, advice);
            if (javaBase.dispatcherWasThere() && !dispatcherDefinedHere) {
                instrumentation.removeTransformer(advice);
                Log.error("another copy of the portalgo agent is installed in this JVM (from another class loader); "
                        + "this one stays inactive");
                return;
            }
            dispatcherDefinedHere = true;
            clock.mark("java.base");
            List<String> problems = advise(instrumentation, cache, advice);
            for (String problem : problems) {
                Log.error("instrumentation: " + problem);
            }
            boolean fromCache = cache != null && advice.allFromCache();
            clock.mark(fromCache ? "advice (from cache)" : "advice (ByteBuddy)");
            DeferredRuntime deferred = DeferredRuntime.install(settings, javaBase);
            String nativeTransports = nativeTransports(instrumentation, deferred, javaBase, settings);
            clock.mark("native transports");
            LegacySockets.warnIfSelected();
            if (settings.seed().isPresent()) {
                Log.warn("portalgo.seed is set: every key and random draw follows from it, so anyone who knows it can "
                        + "predict the ports; for reproducible runs only");
            }
            String summary;
            if (how.equals("premain")) {
                if (settings.jmx()) {
                    LiveControl.startAtPremain(deferred, instrumentation, JavaManagement.builderOrNull(instrumentation, cache));
                }
                clock.mark("live control");
                summary = settings.describe().replace("mode=" + settings.tcpMode().id(),
                        "mode=" + TcpModePreview.of(settings));
            } else {
                // An attach: its caller looks for the runtime, the MBean and the socket right after.
                PortalgoRuntime runtime = deferred.runtimeOrNull();
                if (runtime == null) {
                    return; // logged
                }
                if (settings.jmx()) {
                    LiveControl.startAtAttach(runtime, instrumentation);
                }
                summary = runtime.describe();
            }
            clock.mark("summary");
            Log.info("portalgo " + AgentVersion.ofThisJar() + " " + (problems.isEmpty() ? "active" : "PARTLY active")
                    + " (" + how + ", Java " + System.getProperty("java.runtime.version") + ", " + clock.totalMillis() + " ms"
                    + (fromCache ? ", from cache" : "") + "): " + summary + " " + nativeTransports);
            if (Log.debugEnabled()) {
                Log.debug(clock);
            }
        } catch (ReflectiveOperationException | UnmodifiableClassException | RuntimeException | LinkageError failure) {
            if (advice != null) {
                // Nothing half-made in the way of a class the application loads later.
                instrumentation.removeTransformer(advice);
            }
            Log.error("not installed, every port stays the kernel's: " + failure);
        }
    }

    /**
     * {@link JavaBase#open}, which loads {@code sun.nio.ch.Net} with the transformer in place. If
     * the JVM refuses the cached bytes (a class file it rejects, however its checksum matched),
     * the cache is not read again in this JVM: the class loads from the JDK's own bytes, woven
     * afresh, and the entry is replaced.
     */
    private static JavaBase openJavaBase(Instrumentation instrumentation, TransformCache cache,
            JdkAdviceTransformer advice) throws ReflectiveOperationException {
        try {
            return JavaBase.open(instrumentation, cache);
        } catch (LinkageError refusedByTheJvm) {
            if (cache == null) {
                throw refusedByTheJvm;
            }
            stopReading(cache, advice, refusedByTheJvm);
            return JavaBase.open(instrumentation, null);
        }
    }

    /**
     * Loads the advised JDK classes (each gets its advice as it loads) and retransforms those that
     * were loaded before the transformer (an attach, or another agent's doing).
     *
     * @return the problems, one per class left without its advice
     */
    private static List<String> advise(Instrumentation instrumentation, TransformCache cache,
            JdkAdviceTransformer advice) throws ClassNotFoundException, UnmodifiableClassException {
        List<String> names = AdvisedClasses.TARGETS;
        Class<?>[] targets;
        try {
            targets = load(names);
        } catch (LinkageError refusedByTheJvm) {
            stopReading(cache, advice, refusedByTheJvm);
            targets = load(names);
        }
        List<Class<?>> loadedBefore = new ArrayList<>();
        for (Class<?> target : targets) {
            if (!advice.advised().contains(target.getName())) {
                loadedBefore.add(target);
            }
        }
        if (!loadedBefore.isEmpty()) {
            Class<?>[] again = loadedBefore.toArray(new Class<?>[0]);
            try {
                instrumentation.retransformClasses(again);
            } catch (LinkageError | RuntimeException refusedByTheJvm) {
                stopReading(cache, advice, refusedByTheJvm);
                instrumentation.retransformClasses(again);
            }
        }
        List<String> problems = new ArrayList<>(advice.problems());
        for (String name : names) {
            if (!advice.advised().contains(name)) {
                problems.add(name + " has no advice");
            }
        }
        return problems;
    }

    /** The JVM refused bytes from the cache: said once here, and the cache is not read again in this JVM. */
    private static void stopReading(TransformCache cache, JdkAdviceTransformer advice, Throwable refusedByTheJvm) {
        Log.warn("class cache" + (cache == null ? "" : " " + cache.directory()) + ": the JVM refused a cached class ("
                + refusedByTheJvm + "); transforming afresh");
        advice.fresh();
    }

    /** Netty's native transports (their own failure leaves the JDK paths active); the summary's word for them. */
    private static String nativeTransports(Instrumentation instrumentation, DeferredRuntime deferred, JavaBase javaBase,
            PortalgoSettings settings) {
        try {
            return NativeTransportInstaller.install(instrumentation, deferred, javaBase, settings);
        } catch (UnmodifiableClassException | RuntimeException | LinkageError failure) {
            Log.error("native transports not covered, their ports stay the kernel's: " + failure);
            return "native=failed";
        }
    }

    /** Loads (without initialising) each class named. */
    private static Class<?>[] load(List<String> names) throws ClassNotFoundException {
        Class<?>[] classes = new Class<?>[names.size()];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = Class.forName(names.get(i), false, null);
        }
        return classes;
    }

}
