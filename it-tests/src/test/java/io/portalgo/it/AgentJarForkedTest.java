package io.portalgo.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalgo.it.Run.Result;
import io.portalgo.it.app.ForeignByteBuddyApp;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one jar users download: an agent and a CLI by its manifest, nothing outside
 * {@code io/portalgo/} (ByteBuddy relocated, so an application's own ByteBuddy never meets the
 * agent's), no multi-release classes left unrelocated; and an application carrying a different
 * ByteBuddy runs unchanged under it.
 */
class AgentJarForkedTest {
    static Stream<Jdk> jdks() {
        return Jdk.all().stream();
    }

    @Test
    void theManifestMakesTheJarAnAgentAndACli() throws Exception {
        try (JarFile jar = new JarFile(ForkedJvm.AGENT_JAR.toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertThat(main.getValue("Premain-Class")).isEqualTo("io.portalgo.agent.premain.PortalgoAgent");
            assertThat(main.getValue("Agent-Class")).isEqualTo("io.portalgo.agent.premain.PortalgoAgent");
            assertThat(main.getValue("Can-Retransform-Classes")).isEqualTo("true");
            assertThat(main.getValue("Main-Class")).isEqualTo("io.portalgo.agent.cli.PortalgoCli");
            assertThat(main.getValue("Multi-Release")).as("not a multi-release jar").isNull();
        }
    }

    @Test
    void everyClassLivesUnderIoPortalgoWithByteBuddyRelocated() throws Exception {
        try (JarFile jar = new JarFile(ForkedJvm.AGENT_JAR.toFile())) {
            List<String> names = Collections.list(jar.entries()).stream().map(JarEntry::getName).toList();
            List<String> classes = names.stream().filter(name -> name.endsWith(".class")).toList();

            assertThat(classes).as("classes").hasSizeGreaterThan(1000)
                    .allSatisfy(name -> assertThat(name).startsWith("io/portalgo/"));
            assertThat(classes).as("ByteBuddy, relocated")
                    .contains("io/portalgo/agent/shaded/net/bytebuddy/ByteBuddy.class",
                            "io/portalgo/agent/shaded/net/bytebuddy/agent/builder/AgentBuilder.class");
            assertThat(names).as("no multi-release entries").noneMatch(name -> name.startsWith("META-INF/versions/"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void anApplicationWithItsOwnByteBuddyRunsUnchanged(Jdk jdk) throws Exception {
        Path foreignByteBuddy = Path.of(net.bytebuddy.ByteBuddy.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(foreignByteBuddy.getFileName().toString()).as("the test's own ByteBuddy is the foreign one")
                .isEqualTo("byte-buddy-1.14.18.jar");

        Run run = ForkedJvm.on(jdk).agentArguments("range=40200-40299,log.level=debug").classPathEntry(foreignByteBuddy)
                .run(ForeignByteBuddyApp.class);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        Map<String, Result> results = run.results().stream().collect(Collectors.toMap(r -> r.get("kind"), r -> r));
        assertThat(results.get("bytebuddy").get("jar")).as(run.describe()).isEqualTo("byte-buddy-1.14.18.jar");
        assertThat(results.get("bytebuddy").get("generated")).isEqualTo("made_by_the_application");
        int port = results.get("tcp").port();
        assertThat(port).isBetween(40200, 40299);
        assertThat(run.allocations()).as(run.describe()).singleElement()
                .satisfies(allocation -> assertThat(allocation.port).isEqualTo(port));
        assertThat(run.stderrBeyondDebug()).as("nothing but the start-up line").hasSize(1);
    }
}
