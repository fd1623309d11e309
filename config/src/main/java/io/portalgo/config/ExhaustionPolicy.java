package io.portalgo.config;

import java.util.Locale;

/** What happens when no candidate is suitable within {@code portalgo.max-attempts} ({@code portalgo.on-exhaustion}). */
public enum ExhaustionPolicy {
    /** Let the operating system choose the port; counted as a kernel fallback. */
    KERNEL,
    /** Throw the BindException the kernel would: "Cannot assign requested address". */
    FAIL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
