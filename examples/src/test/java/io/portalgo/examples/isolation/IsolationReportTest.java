package io.portalgo.examples.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The isolation section's Markdown from given measurements (no sockets here; the it-tests run them). */
class IsolationReportTest {
    private static final Leakage.Launch LAUNCH = new Leakage.Launch(Path.of("java"), "", null, 32768, 60999);

    @Test
    void oneRowPerSubjectOneColumnPerSettingWithMedianRangeBaselineAndP() {
        Leakage.Setting same = new Leakage.Setting("tcp", "inet", "same namespace");
        Leakage.Setting two = new Leakage.Setting("tcp", "inet", "two namespaces");
        int[] baseline = {2, 4, 6, 8, 10, 12, 14, 16};
        int[] kernelMoves = {1800, 1810, 1820, 1830, 1840, 1850, 1860, 1870};
        List<Leakage.Result> results = List.of(
                new Leakage.Result(same, Leakage.Subject.kernel(), kernelMoves, baseline, 0),
                new Leakage.Result(two, Leakage.Subject.kernel(), kernelMoves, baseline, 0),
                new Leakage.Result(same, new Leakage.Subject("`share` bsd", "share", "bsd"), baseline.clone(), baseline, 0));
        List<Clashes.Outcome> clashes = List.of(
                new Clashes.Outcome(Leakage.Subject.kernel(), "10/s", 30, 0, "seconds=3.00"),
                new Clashes.Outcome(new Leakage.Subject("`share` bsd", "share", "bsd"), "10/s", 30, 1,
                        "BindException:Cannot_assign_requested_address=1 retries=4"));

        String markdown = IsolationReport.markdown(LAUNCH, IsolationReport.Plan.full(), results, clashes, "line");

        assertThat(markdown).contains("Kernel `" + IsolationReport.osRelease() + "`")
                .contains("| the JVM under test | tcp inet, same namespace | tcp inet, two namespaces | ")
                .contains("| kernel (no agent) | 1835 (1800-1870) vs 9, p=8e-04 | 1835 (1800-1870) vs 9, p=8e-04 | ")
                .contains("| `share` bsd | 9 (2-16) vs 9, p=1.00 |  | ")
                .contains("| `share` bsd | 1 / 30 BindException:Cannot assign requested address=1 retries=4 | ")
                .contains("](" + IsolationReport.FIGURE + ")");
    }
}
