package io.portalgo.config;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The settings in force in a running JVM, the JVM's {@code sysctl}. A change is validated whole
 * into a new {@link PortalgoSettings} snapshot and swapped in atomically; a rejected change
 * throws and leaves the snapshot in force untouched. Readers never lock: {@link #current()} is
 * one volatile read.
 */
public final class LiveSettings {
    private final AtomicReference<PortalgoSettings> current;
    private final List<Consumer<PortalgoSettings>> listeners = new CopyOnWriteArrayList<>();
    /** Null until {@link #commitWith}: a no-op lambda here would spin a class in every JVM the agent starts in. */
    private volatile Consumer<PortalgoSettings> committer;

    public LiveSettings(PortalgoSettings initial) {
        this.current = new AtomicReference<>(initial);
    }

    public PortalgoSettings current() {
        return current.get();
    }

    /**
     * Applies {@code changes} ({@code key=value}, keys with or without the {@code portalgo.}
     * prefix) on top of the current snapshot. Changes are layered: only the keys given change, so
     * {@code algorithm=bsd} moves every scope that has no more specific key set.
     *
     * @return the new snapshot, now in force
     * @throws ConfigException if any change is bad; nothing is applied
     */
    public PortalgoSettings apply(Map<String, String> changes, Source source) {
        return swapIn(current -> current.withChanges(changes, source));
    }

    /**
     * Builds the next snapshot from the current one, lets the committer take it up, swaps it in
     * and tells the listeners; nothing changes if building or committing throws.
     */
    private synchronized PortalgoSettings swapIn(UnaryOperator<PortalgoSettings> change) {
        PortalgoSettings next = change.apply(current.get());
        Consumer<PortalgoSettings> commit = committer;
        if (commit != null) {
            commit.accept(next);
        }
        current.set(next);
        RuntimeException failure = null;
        for (Consumer<PortalgoSettings> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                // The change is in force either way; every listener still hears of it.
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return next;
    }

    /**
     * Applies changes written in the agent-argument syntax ({@code algorithm=bsd,reserved=1,2-4}),
     * as a second {@code attach} delivers them.
     *
     * @throws ConfigException if the text or any change is bad; nothing is applied
     */
    public PortalgoSettings applyArguments(String agentArguments, Source source) {
        List<Map.Entry<String, String>> changes = AgentArguments.parse(agentArguments);
        return swapIn(current -> current.withChanges(changes, source));
    }

    /**
     * Called with every valid new snapshot before it is in force, on the thread applying it:
     * the runtime builds what the snapshot needs there (its selector tables) and publishes it.
     * If it throws, the change is refused whole and the snapshot in force stays. One committer;
     * a second replaces the first.
     */
    public void commitWith(Consumer<PortalgoSettings> newCommitter) {
        this.committer = java.util.Objects.requireNonNull(newCommitter);
    }

    /** Called with every new snapshot after it is in force. A listener that throws does not undo the change. */
    public void onChange(Consumer<PortalgoSettings> listener) {
        listeners.add(listener);
    }
}
