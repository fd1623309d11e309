package io.portalgo.it.control;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The JDKs the forked JVMs run on: the one running the tests (Java 17 in the build) and Java 25
 * from {@code PORTALGO_JAVA25_HOME} (the build passes it), the {@code portalgo.java25.home}
 * system property, or the machine's usual place. Under {@code CI=true} a missing prerequisite
 * fails the test; elsewhere it is skipped with the reason.
 */
final class Jdks {
    private static final Path USUAL_JAVA25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    private Jdks() {
    }

    /** A JDK to fork: its home and feature version. */
    record Jdk(Path home, int feature) {
        Path java() {
            return home.resolve("bin").resolve("java");
        }

        @Override
        public String toString() {
            return "Java " + feature;
        }
    }

    static List<Jdk> all() {
        List<Jdk> jdks = new ArrayList<>();
        jdks.add(new Jdk(Path.of(System.getProperty("java.home")), Runtime.version().feature()));
        // A missing Java 25 still yields a case, which require() fails under CI and skips elsewhere.
        jdks.add(java25().orElse(new Jdk(null, 25)));
        return jdks;
    }

    static Optional<Jdk> java25() {
        for (String candidate : new String[] {System.getenv("PORTALGO_JAVA25_HOME"), System.getProperty("portalgo.java25.home")}) {
            if (candidate != null && !candidate.isBlank()) {
                return Optional.of(new Jdk(Path.of(candidate), 25));
            }
        }
        return Files.isExecutable(USUAL_JAVA25.resolve("bin/java")) ? Optional.of(new Jdk(USUAL_JAVA25, 25)) : Optional.empty();
    }

    /** Fails under CI, skips elsewhere, when {@code jdk} is not on this machine. */
    static Jdk require(Jdk jdk) {
        if (jdk.home() == null || !Files.isExecutable(jdk.java())) {
            missing(jdk + " not found (set PORTALGO_JAVA25_HOME)");
        }
        return jdk;
    }

    static Jdk requireJava25() {
        return require(java25().orElse(new Jdk(null, 25)));
    }

    /** The shaded agent jar, built by the agent module before these tests. */
    static Path agentJar() {
        Path jar = Path.of("..", "agent", "target", "portalgo-agent.jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            missing(jar + " not built (mvn -pl agent -am package)");
        }
        return jar;
    }

    static void missing(String what) {
        if ("true".equals(System.getenv("CI"))) {
            fail("prerequisite missing under CI: " + what);
        }
        Assumptions.abort("prerequisite missing: " + what);
    }
}
