package io.portalgo.agent.installer;

import io.portalgo.agent.control.AgentControl;
import io.portalgo.agent.runtime.AgentVersion;
import io.portalgo.agent.runtime.BindFailures;
import io.portalgo.agent.runtime.JdkSocketOps;
import io.portalgo.agent.runtime.Log;
import io.portalgo.agent.runtime.PortalgoRuntime;
import io.portalgo.agent.runtime.Statistics;
import io.portalgo.agent.runtime.Substitution;
import io.portalgo.agent.runtime.TcpModePreview;
import io.portalgo.algorithms.PortRange;
import io.portalgo.config.Environment;
import io.portalgo.config.HostPorts;
import io.portalgo.config.LiveSettings;
import io.portalgo.config.PortalgoSettings;
import java.io.FileDescriptor;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetAddress;
import java.net.ProtocolFamily;
import java.util.Optional;

/**
 * The agent's runtime, made when it is first needed instead of before {@code main}: by the first
 * internet socket (through {@code sun.nio.ch.PortalgoDispatch} and {@link RuntimeStarter}), by
 * the first Netty socket class, or by a live control ({@code get}, {@code set}, {@code stats},
 * JMX), on that thread. A JVM that never opens an internet socket (a CLI tool, a batch job,
 * {@code jps}) never makes it: making it (the failure texts, the kernel's range, the keys, the
 * selector tables, the JDK natives, the call sites) is most of what the agent would otherwise add
 * to every start-up. The first socket pays it once (the figure is in benchmarks/README.md).
 *
 * <p>The thread making the runtime may itself meet a socket (the failure texts are probed on
 * real ones): for it {@link #runtimeOrNull()} answers null at once, and its sockets get the
 * kernel's ports. Any other thread waits for the runtime. A failure is logged once and leaves
 * every port to the kernel for good.
 */
final class DeferredRuntime implements AgentControl {
    private static volatile DeferredRuntime installed;

    private final PortalgoSettings initial;
    private final JavaBase javaBase;
    private volatile PortalgoRuntime runtime;
    private Thread making;
    private boolean failed;

    private DeferredRuntime(PortalgoSettings initial, JavaBase javaBase) {
        this.initial = initial;
        this.javaBase = javaBase;
    }

    /** Makes the runtime reachable from {@link RuntimeStarter}; from now on the first socket makes it. */
    static DeferredRuntime install(PortalgoSettings initial, JavaBase javaBase) {
        DeferredRuntime deferred = new DeferredRuntime(initial, javaBase);
        installed = deferred;
        return deferred;
    }

    /** The one of this JVM, or null before an install. */
    static DeferredRuntime installedOrNull() {
        return installed;
    }

    /** The runtime, made now if need be; null on the thread making it, or if it could not be made (logged). */
    PortalgoRuntime runtimeOrNull() {
        PortalgoRuntime made = runtime;
        if (made != null) {
            return made;
        }
        synchronized (this) {
            if (runtime != null || failed || making == Thread.currentThread()) {
                return runtime;
            }
            making = Thread.currentThread();
            long started = System.nanoTime();
            try {
                BindFailures failures = FailureTexts.forThisProcess();
                Optional<PortRange> kernelRange = HostPorts.range(Environment.system());
                PortalgoRuntime next = PortalgoRuntime.create(initial, new JdkSocketOps(javaBase.net()), failures,
                        kernelRange);
                wire(next.substitution());
                next.markRunning();
                runtime = next;
                String told = TcpModePreview.of(initial);
                String resolved = next.substitution().describeTcpMode();
                if (!told.equals(resolved)) {
                    Log.warn("portalgo.tcp.mode=" + initial.tcpMode().id() + " resolved to " + resolved + ", not " + told
                            + " as the start-up line said (a JDK native the fresh-socket retry needs is missing)");
                }
                if (Log.debugEnabled()) {
                    Log.debug("runtime made in " + Math.round((System.nanoTime() - started) / 100_000.0) / 10.0 + " ms on thread "
                            + Thread.currentThread().getName() + ": " + next.describe());
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError failure) {
                failed = true;
                Log.error("not installed, every port stays the kernel's: " + failure);
            } finally {
                making = null;
                markStarted();
            }
            return runtime;
        }
    }

    /** The runtime, made now if need be. */
    private PortalgoRuntime require() {
        PortalgoRuntime made = runtimeOrNull();
        if (made == null) {
            throw new IllegalStateException("the portalgo runtime is not available in this JVM");
        }
        return made;
    }

    /** Points the dispatcher's call sites at the substitution. */
    private void wire(Substitution substitution) throws ReflectiveOperationException {
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

    /** Tells the dispatcher to stop asking: wired, or never to be. */
    private void markStarted() {
        try {
            javaBase.markStarted();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError failure) {
            Log.error("the JDK's sockets cannot reach the agent, their ports stay the kernel's: " + failure);
        }
    }

    @Override
    public LiveSettings settings() {
        return require().settings();
    }

    @Override
    public Statistics statistics() {
        return require().statistics();
    }

    @Override
    public void rekey() {
        require().rekey();
    }

    @Override
    public String describe() {
        return require().describe();
    }

    @Override
    public long selectorStateBytes() {
        return require().selectorStateBytes();
    }

    @Override
    public String version() {
        return AgentVersion.ofThisJar();
    }
}
