package io.portalgo.agent.control;

import io.portalgo.agent.runtime.Log;
import java.util.function.Consumer;
import javax.management.MBeanServer;

/**
 * The agent's side of {@link PlatformServerBuilderTemplate}: names the builder in
 * {@code javax.management.builder.initial} (remembering the application's own), and when the
 * platform MBean server is built, registers the MBean there and puts the property back as it was,
 * so every later server is built exactly as without the agent. Costs a system property and two
 * static fields at start-up, nothing else.
 */
final class PlatformServerHook implements Consumer<MBeanServer> {
    static final String BUILDER_PROPERTY = "javax.management.builder.initial";

    private final AgentControl control;
    private final String builderName;
    private final String replaced;

    private PlatformServerHook(AgentControl control, String builderName, String replaced) {
        this.control = control;
        this.builderName = builderName;
        this.replaced = replaced;
    }

    /** @param builder the template's class as defined inside java.management */
    static void install(AgentControl control, Class<?> builder) throws ReflectiveOperationException {
        String own = System.getProperty(BUILDER_PROPERTY);
        String replaced = own == null || own.isEmpty() ? null : own;
        builder.getField("replacedBuilder").set(null, replaced);
        builder.getField("platformServerCreated").set(null, new PlatformServerHook(control, builder.getName(), replaced));
        System.setProperty(BUILDER_PROPERTY, builder.getName());
    }

    @Override
    public void accept(MBeanServer platform) {
        if (builderName.equals(System.getProperty(BUILDER_PROPERTY))) {
            if (replaced == null) {
                System.clearProperty(BUILDER_PROPERTY);
            } else {
                System.setProperty(BUILDER_PROPERTY, replaced);
            }
        }
        try {
            MBeanRegistration.register(platform, control);
        } catch (RuntimeException failure) {
            Log.error("JMX control unavailable, ports are still substituted: " + failure.getMessage());
        }
    }
}
