package io.portalgo.it.app.netty;

import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * A launcher in the manner of Spring Boot's: the application's classes are in
 * {@code BOOT-INF/classes} and its libraries in {@code BOOT-INF/lib/*.jar} inside one outer jar,
 * read by a class loader of its own (named {@code boot-inf}) whose parent is the platform
 * loader, so nothing of the application or of Netty is on the system class path. Arguments:
 * the outer jar, the main class, its arguments.
 */
public final class NestedJarLauncher {
    private NestedJarLauncher() {
    }

    public static void main(String[] args) throws Exception {
        Path outer = Path.of(args[0]);
        Path unpacked = Files.createTempDirectory("portalgo-boot-inf");
        List<URL> urls = new ArrayList<>();
        Path classes = Files.createDirectories(unpacked.resolve("classes"));
        urls.add(classes.toUri().toURL()); // a directory URL ends with a slash only if the directory exists
        try (JarFile jar = new JarFile(outer.toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (entry.isDirectory()) {
                    continue;
                }
                Path target;
                if (name.startsWith("BOOT-INF/lib/") && name.endsWith(".jar")) {
                    target = unpacked.resolve("lib").resolve(name.substring("BOOT-INF/lib/".length()));
                    urls.add(target.toUri().toURL());
                } else if (name.startsWith("BOOT-INF/classes/")) {
                    target = classes.resolve(name.substring("BOOT-INF/classes/".length()));
                } else {
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = jar.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        try (URLClassLoader loader = new URLClassLoader("boot-inf", urls.toArray(new URL[0]),
                ClassLoader.getPlatformClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            String[] rest = new String[args.length - 2];
            System.arraycopy(args, 2, rest, 0, rest.length);
            Class.forName(args[1], true, loader).getMethod("main", String[].class).invoke(null, (Object) rest);
        }
    }
}
