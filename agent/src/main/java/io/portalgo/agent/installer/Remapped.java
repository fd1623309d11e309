package io.portalgo.agent.installer;

import java.io.IOException;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.commons.SimpleRemapper;

/**
 * Class bytes of the agent jar with the dispatcher template's name,
 * {@code io.portalgo.agent.javabase.PortalgoDispatch}, replaced by its name inside java.base,
 * {@code sun.nio.ch.PortalgoDispatch}. The template itself becomes the dispatcher; the advice
 * classes, compiled against the template, come out calling the dispatcher. Neither is ever
 * loaded under its own name.
 */
final class Remapped {
    static final String TEMPLATE = "io.portalgo.agent.javabase.PortalgoDispatch";
    static final String DISPATCHER = "sun.nio.ch.PortalgoDispatch";

    private Remapped() {
    }

    /** The bytes of {@code className} from the agent jar, remapped. */
    static byte[] bytesOf(String className) {
        return bytesOf(className, TEMPLATE, DISPATCHER);
    }

    /** The bytes of {@code className} from the agent jar with the name {@code from} replaced by {@code to}. */
    static byte[] bytesOf(String className, String from, String to) {
        try {
            ClassReader reader = new ClassReader(TransformCache.resourceBytes(className));
            ClassWriter writer = new ClassWriter(0);
            reader.accept(new ClassRemapper(writer, new SimpleRemapper(internal(from), internal(to))), 0);
            return writer.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + className + " from the agent jar", e);
        }
    }

    private static String internal(String className) {
        return className.replace('.', '/');
    }
}
