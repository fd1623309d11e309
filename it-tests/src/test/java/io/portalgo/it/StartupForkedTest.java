package io.portalgo.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalgo.it.app.MainMarker;
import io.portalgo.it.app.PlatformMBeanCheck;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a user sees at start-up, on Java 17 and 25: one line and nothing else (no Unsafe warning,
 * no class-data-sharing warning) when the settings are good; a JVM that stops before {@code main}
 * with exit code 78 (EX_CONFIG) and every problem named when they are not.
 */
class StartupForkedTest {
    private static final String STOPS = "[portalgo] error: invalid configuration, the JVM stops:";
    private static final String BAD_RANGE = "portalgo.range=70000-80000 (%s): expected min-max with 1 <= min <= max <= 65535";

    static Stream<Jdk> jdks() {
        return Jdk.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aGoodConfigurationPrintsExactlyOneLineAndMainRuns(Jdk jdk) throws Exception {
        Run run = ForkedJvm.on(jdk).run(MainMarker.class);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).containsExactly(MainMarker.MARKER);
        assertThat(run.stderr()).as(run.describe()).hasSize(1);
        assertThat(run.stderr().get(0)).startsWith("[portalgo] portalgo ").contains(" active (premain, Java " + jdk.feature());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aBadSystemPropertyAndAMisspelledAgentArgumentStopTheJvmWithBothProblems(Jdk jdk) throws Exception {
        Run run = ForkedJvm.on(jdk).agentArguments("algoritm=hash").jvmOption("-Dportalgo.range=70000-80000")
                .run(MainMarker.class);

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(78);
        assertThat(run.stdout()).as("main never ran").doesNotContain(MainMarker.MARKER);
        assertThat(run.stderr()).as(run.describe()).hasSize(3);
        assertThat(run.stderr().get(0)).isEqualTo(STOPS);
        assertThat(run.stderr().subList(1, 3)).containsExactlyInAnyOrder(
                "[portalgo]   " + String.format(BAD_RANGE, "system property"),
                "[portalgo]   portalgo.algoritm=hash (agent argument): unknown property; did you mean portalgo.algorithm?");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aBadEnvironmentVariableStopsTheJvmNamingTheVariable(Jdk jdk) throws Exception {
        Run run = ForkedJvm.on(jdk).environment("PORTALGO_RANGE", "70000-80000").run(MainMarker.class);

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(78);
        assertThat(run.stdout()).as("main never ran").doesNotContain(MainMarker.MARKER);
        assertThat(run.stderr()).as(run.describe())
                .containsExactly(STOPS, "[portalgo]   " + String.format(BAD_RANGE, "environment variable PORTALGO_RANGE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aSeedIsWarnedAboutButNeverShown(Jdk jdk) throws Exception {
        Run run = ForkedJvm.on(jdk).agentArguments("seed=60561234").run(MainMarker.class);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stderr()).as(run.describe()).hasSize(2)
                .anySatisfy(line -> assertThat(line).startsWith("[portalgo] warn: portalgo.seed is set"))
                .anySatisfy(line -> assertThat(line).contains("seed=(set)"))
                .noneSatisfy(line -> assertThat(line).contains("60561234"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void anApplicationThatCreatesThePlatformMBeanServerFindsTheMBeanThere(Jdk jdk) throws Exception {
        Run run = ForkedJvm.on(jdk).agentArguments("tcp.algorithm=hash").run(PlatformMBeanCheck.class);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).as(run.describe()).containsExactly("registered=true", "builder=null", "algorithm=hash");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theApplicationsOwnMBeanServerBuilderStillBuildsTheServer(Jdk jdk) throws Exception {
        Run run = ForkedJvm.on(jdk).jvmOption("-Djavax.management.builder.initial=javax.management.MBeanServerBuilder")
                .run(PlatformMBeanCheck.class);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).as(run.describe()).containsExactly("registered=true",
                "builder=javax.management.MBeanServerBuilder", "algorithm=doublehash");
    }

    /**
     * JDK tools under {@code JAVA_TOOL_OPTIONS}: the agent stays out, even with a malformed
     * {@code PORTALGO_*} variable that stops every application JVM with exit code 78.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void jdkToolsUnderJavaToolOptionsPrintExactlyWhatTheyPrintWithout(Jdk jdk) throws Exception {
        String agent = "-javaagent:" + ForkedJvm.AGENT_JAR.toAbsolutePath();
        for (List<String> tool : List.of(List.of("jps", "-help"), List.of("jps", "-q", "-l", "localhost"),
                List.of("javac", "-version"), List.of("jcmd", "-h"))) {
            Tool without = tool(jdk, tool, null, null);
            Tool with = tool(jdk, tool, agent, null);
            Tool withBadVariable = tool(jdk, tool, agent, "70000-80000");
            assertThat(with.exitCode).as(tool + " " + with).isEqualTo(without.exitCode);
            assertThat(withBadVariable.exitCode).as(tool + " " + withBadVariable).isEqualTo(without.exitCode);
            if (!tool.contains("-q")) { // jps -q lists the JVMs running now, which come and go
                assertThat(with.output).as(tool.toString()).isEqualTo(without.output);
                assertThat(withBadVariable.output).as(tool.toString()).isEqualTo(without.output);
            }
            assertThat(with.output).as(tool.toString()).noneMatch(line -> line.contains("portalgo"));
            assertThat(withBadVariable.output).as(tool.toString()).noneMatch(line -> line.contains("portalgo"));
        }
    }

    private record Tool(int exitCode, List<String> output) {
    }

    /** Runs a tool of {@code jdk}, the JVM's own "Picked up JAVA_TOOL_OPTIONS" line left out. */
    private static Tool tool(Jdk jdk, List<String> tool, String javaToolOptions, String portalgoRange) throws Exception {
        List<String> command = new ArrayList<>(tool);
        command.set(0, jdk.java().resolveSibling(tool.get(0)).toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("PORTALGO_") || name.equals("JAVA_TOOL_OPTIONS"));
        if (javaToolOptions != null) {
            builder.environment().put("JAVA_TOOL_OPTIONS", javaToolOptions);
        }
        if (portalgoRange != null) {
            builder.environment().put("PORTALGO_RANGE", portalgoRange);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> lines = new ArrayList<>(output.lines().filter(line -> !line.startsWith("Picked up JAVA_TOOL_OPTIONS"))
                .toList());
        return new Tool(process.exitValue(), lines);
    }
}
