package io.portalgo.agent.installer;

import java.io.IOException;

/**
 * The bytes of a template class renamed to the class it becomes inside a JDK module (the
 * dispatcher in java.base, the MBean server builder in java.management): from the class cache,
 * or remapped with ASM (and then kept), so that a warm start-up never loads ASM.
 */
final class TemplateBytes {
    private TemplateBytes() {
    }

    /** @param cache the class cache, or null */
    static byte[] of(TransformCache cache, String template, String target) {
        if (cache == null) {
            return Remapped.bytesOf(template, template, target);
        }
        String key;
        try {
            key = cache.keyOfTemplate(target, template);
        } catch (IOException e) {
            return Remapped.bytesOf(template, template, target);
        }
        byte[] kept = cache.loadOrNull(key);
        if (kept != null) {
            return kept;
        }
        byte[] made = Remapped.bytesOf(template, template, target);
        cache.store(key, made);
        return made;
    }

    /** Remapped afresh and kept, replacing an entry the JVM refused. */
    static byte[] remade(TransformCache cache, String template, String target) {
        byte[] made = Remapped.bytesOf(template, template, target);
        if (cache != null) {
            try {
                cache.store(cache.keyOfTemplate(target, template), made);
            } catch (IOException e) {
                // kept next time
            }
        }
        return made;
    }
}
