package io.portalgo.agent.installer;

import io.portalgo.agent.runtime.Log;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Defines the MBean server builder ({@code io.portalgo.agent.control.PlatformServerBuilderTemplate})
 * inside java.management as {@value #BUILDER}, where {@code MBeanServerFactory} finds it from any
 * thread: opens {@code com.sun.jmx.mbeanserver} to the agent's module and defines the renamed bytes
 * with a private lookup there. Neither creates an MBean server nor initialises JMX.
 */
final class JavaManagement {
    static final String TEMPLATE = "io.portalgo.agent.control.PlatformServerBuilderTemplate";
    static final String BUILDER = "com.sun.jmx.mbeanserver.PortalgoMBeanServerBuilder";
    private static final String PACKAGE = "com.sun.jmx.mbeanserver";

    private JavaManagement() {
    }

    /** The builder class, or null (logged) if this JVM has no java.management or refuses. */
    static Class<?> builderOrNull(Instrumentation instrumentation, TransformCache cache) {
        Optional<Module> management = ModuleLayer.boot().findModule("java.management");
        if (management.isEmpty()) {
            Log.warn("no java.management module in this JVM: JMX control unavailable");
            return null;
        }
        try {
            instrumentation.redefineModule(management.get(), Set.of(), Map.of(),
                    Map.of(PACKAGE, Set.of(JavaManagement.class.getModule())), Set.of(), Map.of());
            try {
                return Class.forName(BUILDER, false, null);
            } catch (ClassNotFoundException firstAgent) {
                Class<?> anchor = Class.forName(PACKAGE + ".Util", false, null);
                MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(anchor, MethodHandles.lookup());
                try {
                    return lookup.defineClass(TemplateBytes.of(cache, TEMPLATE, BUILDER));
                } catch (LinkageError refusedCachedBytes) {
                    if (cache == null) {
                        throw refusedCachedBytes;
                    }
                    return lookup.defineClass(TemplateBytes.remade(cache, TEMPLATE, BUILDER));
                }
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError failure) {
            Log.warn("cannot define the MBean server builder (" + failure + ")");
            return null;
        }
    }
}
