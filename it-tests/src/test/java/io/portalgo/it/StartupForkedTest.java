package io.portalgo.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalgo.it.app.MainMarker;
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
}
