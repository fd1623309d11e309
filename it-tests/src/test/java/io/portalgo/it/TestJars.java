package io.portalgo.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Application jars built by a test from the classes and jars at hand: a fat jar and a Spring Boot-style nested jar. */
final class TestJars {
    private TestJars() {
    }

    /**
     * One jar holding the test application classes and every class and resource of {@code libraries}
     * (first copy wins; {@code META-INF/services} files concatenated, as a shading plugin does; signatures dropped).
     */
    static Path fatJar(Path out, Path appClasses, List<Path> libraries) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Map<String, ByteArrayOutputStream> services = new LinkedHashMap<>();
        addDirectory(entries, appClasses, appClasses, "");
        for (Path library : libraries) {
            try (JarFile jar = new JarFile(library.toFile())) {
                Enumeration<JarEntry> all = jar.entries();
                while (all.hasMoreElements()) {
                    JarEntry entry = all.nextElement();
                    String name = entry.getName();
                    if (entry.isDirectory() || name.equals("META-INF/MANIFEST.MF") || name.matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)")
                            || name.endsWith("module-info.class")) {
                        continue;
                    }
                    byte[] bytes;
                    try (InputStream in = jar.getInputStream(entry)) {
                        bytes = in.readAllBytes();
                    }
                    if (name.startsWith("META-INF/services/")) {
                        ByteArrayOutputStream merged = services.computeIfAbsent(name, key -> new ByteArrayOutputStream());
                        merged.write(bytes);
                        merged.write('\n');
                    } else {
                        entries.putIfAbsent(name, bytes);
                    }
                }
            }
        }
        services.forEach((name, merged) -> entries.put(name, merged.toByteArray()));
        write(out, entries);
        return out;
    }

    /**
     * {@code BOOT-INF/classes/} with the test classes under {@code packagePath} and {@code BOOT-INF/lib/}
     * with {@code libraries}, stored whole, as Spring Boot lays out an executable jar.
     */
    static Path nestedJar(Path out, Path appClasses, String packagePath, List<Path> libraries) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        addDirectory(entries, appClasses.resolve(packagePath), appClasses, "BOOT-INF/classes/");
        for (Path library : libraries) {
            entries.put("BOOT-INF/lib/" + library.getFileName(), Files.readAllBytes(library));
        }
        write(out, entries);
        return out;
    }

    private static void addDirectory(Map<String, byte[]> entries, Path directory, Path root, String prefix) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile).collect(Collectors.toList());
        }
        for (Path file : files) {
            entries.put(prefix + root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
        }
    }

    private static void write(Path out, Map<String, byte[]> entries) throws IOException {
        Set<String> directories = new HashSet<>();
        try (OutputStream file = Files.newOutputStream(out); JarOutputStream jar = new JarOutputStream(file)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                List<String> parents = new ArrayList<>();
                for (int slash = entry.getKey().indexOf('/'); slash >= 0; slash = entry.getKey().indexOf('/', slash + 1)) {
                    parents.add(entry.getKey().substring(0, slash + 1));
                }
                for (String parent : parents) {
                    if (directories.add(parent)) {
                        jar.putNextEntry(new JarEntry(parent));
                        jar.closeEntry();
                    }
                }
                jar.putNextEntry(new JarEntry(entry.getKey()));
                jar.write(entry.getValue());
                jar.closeEntry();
            }
        }
    }
}
