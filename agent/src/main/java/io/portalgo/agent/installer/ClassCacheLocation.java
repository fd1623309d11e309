package io.portalgo.agent.installer;

import java.nio.file.Path;

/** Where the class cache lives when {@code portalgo.class-cache.dir} does not say. */
public final class ClassCacheLocation {
    private ClassCacheLocation() {
    }

    /**
     * {@code configured} if set, else {@code $XDG_CACHE_HOME/portalgo}, else
     * {@code ~/.cache/portalgo}.
     */
    public static Path directory(String configured) {
        if (configured != null && !configured.isEmpty()) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("portalgo");
    }
}
