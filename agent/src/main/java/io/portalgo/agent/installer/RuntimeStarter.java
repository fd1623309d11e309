package io.portalgo.agent.installer;

/**
 * What {@code sun.nio.ch.PortalgoDispatch} runs on the first call of any of its entry points,
 * found by name through the system class loader: makes this JVM's runtime
 * ({@link DeferredRuntime}) and wires the dispatcher to it. Public for that lookup only.
 */
public final class RuntimeStarter implements Runnable {
    public RuntimeStarter() {
        // for the dispatcher's reflective construction
    }

    @Override
    public void run() {
        DeferredRuntime deferred = DeferredRuntime.installedOrNull();
        if (deferred == null) {
            throw new IllegalStateException("no portalgo install in this JVM"); // the dispatcher stops asking
        }
        deferred.runtimeOrNull();
    }
}
