package io.portalgo.examples.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed {@code docs/EVALUATION.md} must be what a fresh run with the same seed writes,
 * byte for byte, except the real-socket section (which varies and is never generated here).
 * When this fails, run {@code ./evaluate.sh} and commit the result.
 */
class ReportDriftTest {
    @TempDir
    static Path temp;

    static String fresh;
    static Path docs;

    @BeforeAll
    static void regenerate() throws IOException {
        System.setProperty("java.awt.headless", "true");
        docs = Path.of(System.getProperty("portalgo.docs", "../docs"));
        HarnessConfig config = HarnessConfig.defaults();
        fresh = Report.generate(config, PolicyRegistry.standard(config.hostRange()), temp.resolve("docs"), temp.resolve("csv"));
    }

    @Test
    void committedReportMatchesAFreshRunOutsideTheRealSocketSection() throws IOException {
        String committed = Files.readString(docs.resolve(Report.FILE), StandardCharsets.UTF_8);

        assertThat(Report.simulatedPart(fresh))
                .as("docs/EVALUATION.md is stale: run ./evaluate.sh and commit it")
                .isEqualTo(Report.simulatedPart(committed));
    }

    @Test
    void writesEveryFigureTheReportLinksAndOneCsvPerTable() throws IOException {
        for (String figure : List.of("evaluation-ports.png", "evaluation-reuse.png", "evaluation-probes.png", "evaluation-nat.png")) {
            assertThat(fresh).contains("](" + figure + ")");
            assertThat(temp.resolve("docs").resolve(figure)).isNotEmptyFile();
            assertThat(docs.resolve(figure)).as("committed " + figure).isNotEmptyFile();
        }
        for (String table : List.of("main", "uniformity", "predictability", "reuse", "linux_reuse", "occupancy", "nat", "attack")) {
            assertThat(temp.resolve("csv").resolve(table + ".csv")).isNotEmptyFile();
        }
    }

    @Test
    void keepsTheRealSocketSectionOfTheFileItReplaces() throws IOException {
        Path dir = temp.resolve("keep");
        Files.createDirectories(dir);
        String section = "a real run\n";
        Files.writeString(dir.resolve(Report.FILE), Report.withRealSection(fresh, section));
        HarnessConfig small = HarnessConfig.defaults().with("workload.connections", "2000").with("predict.trials", "50")
                .with("leak.trials", "50").with("occupancy.samples", "20").with("nat.hosts", "1,8").with("nat.seconds", "10")
                .with("linux.connections", "20000").with("attack.budget", "20000");

        String rewritten = Report.generate(small, PolicyRegistry.standard(small.hostRange()).select(List.of("bsd")), dir, dir);

        assertThat(Report.realSection(rewritten)).isEqualTo(section);
    }
}
