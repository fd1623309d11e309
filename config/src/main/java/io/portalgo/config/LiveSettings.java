package io.portalgo.config;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The settings in force in a running JVM, the JVM's {@code sysctl}. A change is validated whole
 * into a new {@link PortalgoSettings} snapshot and swapped in atomically; a rejected change
 * throws and leaves the snapshot in force untouched.
 */
public final class LiveSettings {
    private final AtomicReference<PortalgoSettings> current;
    private final List<Consumer<PortalgoSettings>> listeners = new CopyOnWriteArrayList<>();

    public LiveSettings(PortalgoSettings initial) {
        this.current = new AtomicReference<>(initial);
    }

    public PortalgoSettings current() {
        return current.get();
    }

    /**
     * Applies {@code changes} ({@code key=value}, keys with or without the {@code portalgo.}
     * prefix) on top of the current snapshot.
     *
     * @return the new snapshot, now in force
     * @throws ConfigException if any change is bad; nothing is applied
     */
    public synchronized PortalgoSettings apply(Map<String, String> changes, Source source) {
        PortalgoSettings next = current.get().withChanges(changes, source);
        current.set(next);
        for (Consumer<PortalgoSettings> listener : listeners) {
            listener.accept(next);
        }
        return next;
    }

    /** Called with every new snapshot after it is in force. */
    public void onChange(Consumer<PortalgoSettings> listener) {
        listeners.add(listener);
    }
}
