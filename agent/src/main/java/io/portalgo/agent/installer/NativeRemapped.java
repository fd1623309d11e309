package io.portalgo.agent.installer;

import java.io.IOException;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.commons.SimpleRemapper;

/**
 * As {@link Remapped}, for the native transports: the template
 * {@code io.portalgo.agent.nativetransport.PortalgoNativeDispatch} becomes
 * {@code java.net.PortalgoNativeDispatch}, and the advice compiled against it calls that.
 */
final class NativeRemapped {
    static final String TEMPLATE = "io.portalgo.agent.nativetransport.PortalgoNativeDispatch";
    static final String DISPATCHER = "java.net.PortalgoNativeDispatch";

    private NativeRemapped() {
    }

    static byte[] bytesOf(String className) {
        try {
            ClassReader reader = new ClassReader(TransformCache.resourceBytes(className));
            ClassWriter writer = new ClassWriter(0);
            reader.accept(new ClassRemapper(writer, new SimpleRemapper(TEMPLATE.replace('.', '/'),
                    DISPATCHER.replace('.', '/'))), 0);
            return writer.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + className + " from the agent jar", e);
        }
    }
}
