package io.portalgo.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A JDK the integration tests fork: the one running the build (Java 17) and a Java 25, found
 * through {@code JAVA25_HOME} (set by {@code .ci/run}; {@code none} where the machine has
 * none) or, outside CI, under {@code /usr/lib/jvm}. Under {@code CI=true} a Java 25 that is
 * announced but missing fails the run: never a silent skip.
 */
public final class Jdk {
    private final String name;
    private final Path home;

    private Jdk(String name, Path home) {
        this.name = name;
        this.home = home;
    }

    /** Every JDK to test on: 17 always, 25 where installed. */
    public static List<Jdk> all() {
        List<Jdk> jdks = new ArrayList<>();
        jdks.add(new Jdk("java" + Runtime.version().feature(), Path.of(System.getProperty("java.home"))));
        java25().ifPresent(jdks::add);
        return jdks;
    }

    private static java.util.Optional<Jdk> java25() {
        String announced = System.getenv("JAVA25_HOME");
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (announced != null && !announced.isBlank()) {
            if (announced.equals("none")) {
                return java.util.Optional.empty();
            }
            Path home = Path.of(announced);
            if (!Files.isExecutable(home.resolve("bin/java"))) {
                throw new IllegalStateException("JAVA25_HOME=" + announced + " has no bin/java");
            }
            return java.util.Optional.of(new Jdk("java25", home));
        }
        for (String candidate : new String[] {"/usr/lib/jvm/temurin-25-jdk-amd64", "/usr/lib/jvm/java-25-openjdk-amd64"}) {
            if (Files.isExecutable(Path.of(candidate, "bin/java"))) {
                return java.util.Optional.of(new Jdk("java25", Path.of(candidate)));
            }
        }
        if (ci) {
            throw new IllegalStateException("CI=true but no Java 25 JDK: set JAVA25_HOME (none to run without)");
        }
        return java.util.Optional.empty();
    }

    public Path java() {
        return home.resolve("bin/java");
    }

    /** 17, 25, ... */
    public int feature() {
        return name.equals("java25") ? 25 : Runtime.version().feature();
    }

    @Override
    public String toString() {
        return name;
    }
}
