package io.portalgo.agent.runtime;

import io.portalgo.agent.control.AgentControl;
import io.portalgo.algorithms.PortRange;
import io.portalgo.config.LiveSettings;
import io.portalgo.config.PortalgoSettings;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The running agent of this JVM: its live settings, statistics and substitution. There is at
 * most one; a second attach finds it here (the agent jar is on the system class path once, so
 * this class and its state are shared by every attach) and only changes its settings.
 */
public final class PortalgoRuntime implements AgentControl {
    private static final AtomicReference<PortalgoRuntime> RUNNING = new AtomicReference<>();

    private final LiveSettings settings;
    private final Statistics statistics;
    private final Substitution substitution;

    private PortalgoRuntime(LiveSettings settings, Statistics statistics, Substitution substitution) {
        this.settings = settings;
        this.statistics = statistics;
        this.substitution = substitution;
    }

    /** The agent already running in this JVM, if any. */
    public static Optional<PortalgoRuntime> running() {
        return Optional.ofNullable(RUNNING.get());
    }

    /**
     * Creates the runtime of this JVM; it is {@link #running()} only once the installer has wired
     * it and calls {@link #markRunning()}, so an install that failed half-way is tried again whole
     * by a later attach.
     */
    public static PortalgoRuntime create(PortalgoSettings initial, SocketOps ops, BindFailures failures,
            Optional<PortRange> kernelRange) {
        LiveSettings live = new LiveSettings(initial);
        Log.level(initial.logLevel());
        Statistics statistics = new Statistics();
        return new PortalgoRuntime(live, statistics, new Substitution(live, statistics, ops, failures, kernelRange));
    }

    /**
     * Makes this the runtime a later attach finds.
     *
     * @throws IllegalStateException if one is running already
     */
    public void markRunning() {
        if (!RUNNING.compareAndSet(null, this)) {
            throw new IllegalStateException("portalgo is running in this JVM already");
        }
    }

    public Substitution substitution() {
        return substitution;
    }

    @Override
    public LiveSettings settings() {
        return settings;
    }

    @Override
    public Statistics statistics() {
        return statistics;
    }

    @Override
    public void rekey() {
        substitution.rekey();
    }

    @Override
    public String describe() {
        PortalgoSettings current = settings.current();
        return current.describe().replace("mode=" + current.tcpMode().id(), "mode=" + substitution.describeTcpMode());
    }

    /** Bytes held by the selectors in force ({@code doublehash}'s counter tables above all). */
    @Override
    public long selectorStateBytes() {
        return substitution.selectorStateBytes();
    }

    @Override
    public String version() {
        return AgentVersion.ofThisJar();
    }
}
