package io.portalgo.it;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The jars of this module's test class path (Netty, gRPC, ...), as Maven resolved them, for the
 * forked applications that use them: {@code it.dependencies}, set by the build.
 */
final class Dependencies {
    private Dependencies() {
    }

    /** Every jar whose file name starts with one of {@code prefixes} ({@code netty-}, {@code grpc-}). */
    static List<Path> jars(String... prefixes) {
        String all = System.getProperty("it.dependencies", "");
        if (all.isBlank()) {
            throw new IllegalStateException("it.dependencies is not set: run the tests through Maven");
        }
        List<Path> jars = new ArrayList<>();
        for (String entry : all.split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            String name = jar.getFileName().toString();
            for (String prefix : prefixes) {
                if (name.startsWith(prefix)) {
                    jars.add(jar);
                    break;
                }
            }
        }
        return jars;
    }

    /** The jars gRPC needs besides itself: its API, Guava and the rest of its runtime, not Netty's unshaded jars. */
    static List<Path> grpc() {
        String all = System.getProperty("it.dependencies", "");
        return List.of(all.split(File.pathSeparator)).stream().map(Path::of)
                .filter(jar -> !jar.getFileName().toString().startsWith("netty-"))
                .filter(jar -> !jar.getFileName().toString().startsWith("junit")
                        && !jar.getFileName().toString().startsWith("byte-buddy"))
                .collect(Collectors.toList());
    }
}
