package io.portalgo.agent.installer;

import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.util.Map;
import java.util.Set;

/**
 * The agent's way into java.base: opens {@code sun.nio.ch} and {@code sun.net} to the agent's
 * module (the opens is also an export at VM level), takes a private lookup into
 * {@code sun.nio.ch.Net} and defines the dispatcher there. Nothing is
 * appended to the boot class path, so class data sharing stays on for every loader.
 */
final class JavaBase {
    private final MethodHandles.Lookup net;
    private final Class<?> dispatcher;
    private final boolean dispatcherWasThere;

    private JavaBase(MethodHandles.Lookup net, Class<?> dispatcher, boolean dispatcherWasThere) {
        this.net = net;
        this.dispatcher = dispatcher;
        this.dispatcherWasThere = dispatcherWasThere;
    }

    /** @param cache where the dispatcher's remapped bytes are kept, or null */
    static JavaBase open(Instrumentation instrumentation, TransformCache cache)
            throws ReflectiveOperationException {
        Module javaBase = Object.class.getModule();
        Module agent = JavaBase.class.getModule();
        instrumentation.redefineModule(javaBase, Set.of(), Map.of(),
                Map.of("sun.nio.ch", Set.of(agent), "sun.net", Set.of(agent)), Set.of(), Map.of());
        Class<?> netClass = Class.forName("sun.nio.ch.Net", false, null);
        MethodHandles.Lookup net = MethodHandles.privateLookupIn(netClass, MethodHandles.lookup());
        Class<?> dispatcher;
        boolean wasThere;
        try {
            dispatcher = Class.forName(Remapped.DISPATCHER, false, null);
            wasThere = true;
        } catch (ClassNotFoundException firstInstall) {
            try {
                dispatcher = net.defineClass(TemplateBytes.of(cache, Remapped.TEMPLATE, Remapped.DISPATCHER));
            } catch (LinkageError refusedCachedBytes) {
                if (cache == null) {
                    throw refusedCachedBytes;
                }
                dispatcher = net.defineClass(TemplateBytes.remade(cache, Remapped.TEMPLATE, Remapped.DISPATCHER));
            }
            wasThere = false;
        }
        return new JavaBase(net, dispatcher, wasThere);
    }

    /** A private lookup into {@code sun.nio.ch.Net}. */
    MethodHandles.Lookup net() {
        return net;
    }

    /** True if an earlier agent in this JVM already defined the dispatcher. */
    boolean dispatcherWasThere() {
        return dispatcherWasThere;
    }

    /** Tells the dispatcher its call sites are final: it stops asking {@code RuntimeStarter} to make the runtime. */
    void markStarted() throws ReflectiveOperationException {
        net.findStaticVarHandle(dispatcher, "started", boolean.class).setVolatile(true);
    }

    /** Points the dispatcher's call site {@code name} at {@code target} (which must have the site's type). */
    void wire(String name, MethodHandle target) throws ReflectiveOperationException {
        MutableCallSite site;
        try {
            site = (MutableCallSite) net.findStaticGetter(dispatcher, name, MutableCallSite.class).invoke();
        } catch (ReflectiveOperationException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
        MethodType expected = site.type();
        site.setTarget(target.asType(expected));
        MutableCallSite.syncAll(new MutableCallSite[] {site});
    }
}
