package io.portalgo.examples.isolation;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The isolation experiments as a Markdown section and one figure: {@link Leakage} for every TCP
 * mode and algorithm against the kernel's own choice (IPv4 and IPv6, one namespace and two, and
 * the same probe for UDP), then {@link Clashes} at rising rates to one busy server.
 */
public final class IsolationReport {
    public static final String FIGURE = "evaluation-isolation.png";
    /** {@code default} is {@code auto}, which resolves to {@code share} with the fresh-socket retry: the same runs as {@code share}. */
    public static final List<String> MODES = List.of("default", "pin", "exclusive");
    public static final List<String> ALGORITHMS = List.of("bsd", "random_start", "random_pick", "hash", "doublehash", "randinc");

    /** Sizes of a run. */
    public record Plan(int trials, int k, List<Clashes.Step> steps, int holdMillis, int open, List<String> algorithms) {
        public static Plan full() {
            return new Plan(15, 200, List.of(new Clashes.Step(10, 3), new Clashes.Step(100, 3), new Clashes.Step(1000, 3),
                    new Clashes.Step(5000, 3)), 1000, 3000, ALGORITHMS);
        }
    }

    private IsolationReport() {
    }

    /** Runs everything and returns the section; writes the figure into {@code docs}. */
    public static String generate(Leakage.Launch launch, Plan plan, Path docs, String defaultModeLine) throws IOException {
        List<Leakage.Subject> tcpSubjects = new ArrayList<>();
        tcpSubjects.add(Leakage.Subject.kernel());
        for (String mode : MODES) {
            for (String algorithm : plan.algorithms()) {
                tcpSubjects.add(new Leakage.Subject("`" + mode + "` " + algorithm, mode, algorithm));
            }
        }
        List<Leakage.Subject> udpSubjects = new ArrayList<>();
        udpSubjects.add(Leakage.Subject.kernel());
        for (String algorithm : plan.algorithms()) {
            udpSubjects.add(new Leakage.Subject("udp " + algorithm, "default", algorithm));
        }
        List<Leakage.Result> results = new ArrayList<>();
        List<Clashes.Outcome> clashes = new ArrayList<>();
        try (Namespaces namespaces = new Namespaces()) {
            for (String scope : List.of("same namespace", "two namespaces")) {
                for (String family : List.of("inet", "inet6")) {
                    Leakage.Setting setting = new Leakage.Setting("tcp", family, scope);
                    results.addAll(Leakage.run(launch, setting, tcpSubjects, plan.trials(), plan.k(), namespaces));
                    System.err.println("isolation: " + setting.label() + " done");
                }
                Leakage.Setting udp = new Leakage.Setting("udp", "inet", scope);
                results.addAll(Leakage.run(launch, udp, udpSubjects, plan.trials(), plan.k(), namespaces));
                System.err.println("isolation: " + udp.label() + " done");
            }
            for (Leakage.Subject subject : tcpSubjects) {
                clashes.addAll(Clashes.run(launch, subject, plan.steps(), plan.holdMillis(), plan.open(), namespaces));
                System.err.println("isolation: clashes of " + subject.label() + " done");
            }
        }
        String markdown = markdown(launch, plan, results, clashes, defaultModeLine);
        System.out.print(markdown); // kept in the log even if the figure fails
        figure(results, docs.resolve(FIGURE));
        return markdown;
    }

    static String markdown(Leakage.Launch launch, Plan plan, List<Leakage.Result> results, List<Clashes.Outcome> clashes,
            String defaultModeLine) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "### Isolation: what the host's kernel learns from a JVM under portalgo%n%n"
                + "Kernel `%s` (`uname -r`), range %s, agent start-up line of the default run: `%s`. "
                + "An observer process (no agent) takes a port from the kernel for a server, the JVM under test makes %d "
                + "connections (UDP: datagrams from fresh sockets) to the same server, the observer takes a second port; "
                + "the table gives how far the observer's port moved (modulo the range size), %d trials each, and the same "
                + "move with nothing in between (the baseline: the observer's own step, 2-16 on Linux since 2022, interleaved "
                + "with the loaded trials). p is the two-sided Mann-Whitney U test of the two samples; a p below 0.01 with a "
                + "larger median is a leak. \"Two namespaces\": observer and JVM in different network namespaces, each with "
                + "its own server on %s / %s and the same port, so the flows differ only in the namespace. `default` leaves "
                + "`portalgo.tcp.mode` unset: `auto`, which is `share` with the fresh-socket retry here, so its rows are "
                + "`share`'s too.%n%n",
                osRelease(), launch.range(), defaultModeLine, plan.k(), plan.trials(), Namespaces.INET, Namespaces.INET6));
        Map<String, List<Leakage.Result>> bySetting = new LinkedHashMap<>();
        results.forEach(r -> bySetting.computeIfAbsent(r.setting().label(), s -> new ArrayList<>()).add(r));
        md.append("| the JVM under test | ");
        bySetting.keySet().forEach(s -> md.append(s).append(" | "));
        md.append("\n|---|");
        bySetting.keySet().forEach(s -> md.append("---|"));
        md.append('\n');
        List<String> labels = new ArrayList<>();
        results.forEach(r -> {
            if (!labels.contains(r.subject().label())) {
                labels.add(r.subject().label());
            }
        });
        for (String label : labels) {
            md.append("| ").append(label).append(" | ");
            for (List<Leakage.Result> inSetting : bySetting.values()) {
                Leakage.Result r = inSetting.stream().filter(x -> x.subject().label().equals(label)).findFirst().orElse(null);
                md.append(r == null ? "" : String.format(Locale.ROOT, "%.0f (%d-%d) vs %.0f, p=%s%s", r.medianLoaded(), r.min(),
                        r.max(), r.medianBaseline(), p(r.pValue()), r.connectErrors() > 0 ? ", " + r.connectErrors() + " errors" : ""));
                md.append(" | ");
            }
            md.append('\n');
        }
        md.append(String.format(Locale.ROOT, "%nEach cell: median (min-max) of the observer's move over the loaded trials, "
                + "vs the median of its baseline, and p. The figure shows the medians of the TCP settings. The table "
                + "is one for the whole host, so another process's flow that hashes to the same entry (1 in 65,536) "
                + "moves single trials, loaded or not: the maxima; medians and p are what compare.%n%n"
                + "![observer's port move per mode](%s)%n%n", FIGURE));
        md.append(String.format(Locale.ROOT, "#### Clashes: what the application sees at one busy server%n%n"
                + "Each row in fresh network namespaces; the server on %s (not loopback, so `tcp_tw_reuse=2` does not "
                + "let a connect take over a TIME-WAIT 4-tuple, as with a remote server). Connections at each rate for "
                + "its seconds, each held open %d ms and closed by the client (TIME-WAIT on the client's side for 60 s, "
                + "accumulating from step to step); then, in a fresh namespace, %d connections open at once. A cell gives "
                + "the connects that failed / those attempted, and the errors by kind.%n%n", Namespaces.INET, plan.holdMillis(),
                plan.open()));
        List<String> steps = new ArrayList<>();
        clashes.forEach(c -> {
            if (!steps.contains(c.step())) {
                steps.add(c.step());
            }
        });
        md.append("| the JVM under test | ");
        steps.forEach(s -> md.append(s).append(" | "));
        md.append("\n|---|");
        steps.forEach(s -> md.append("---|"));
        md.append('\n');
        for (String label : labels) {
            List<Clashes.Outcome> rows = clashes.stream().filter(c -> c.subject().label().equals(label)).toList();
            if (rows.isEmpty()) {
                continue;
            }
            md.append("| ").append(label).append(" | ");
            for (String step : steps) {
                rows.stream().filter(c -> c.step().equals(step)).findFirst().ifPresent(c -> md.append(c.errors()).append(" / ")
                        .append(c.attempts()).append(c.detail().isEmpty() ? "" : " " + c.detail().replace("_", " ")));
                md.append(" | ");
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static void figure(List<Leakage.Result> results, Path file) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(1100).height(560)
                .title("Other process's port move while the JVM makes its connections (median)")
                .xAxisTitle("the JVM under test").yAxisTitle("observer's port move").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisLabelRotation(60);
        chart.getStyler().setAntiAlias(false);
        Map<String, List<Leakage.Result>> bySetting = new LinkedHashMap<>();
        results.stream().filter(r -> r.setting().protocol().equals("tcp"))
                .forEach(r -> bySetting.computeIfAbsent(r.setting().label(), s -> new ArrayList<>()).add(r));
        bySetting.forEach((setting, inSetting) -> chart.addSeries(setting,
                inSetting.stream().map(r -> r.subject().label().replace("`", "")).toList(),
                inSetting.stream().map(r -> (Number) r.medianLoaded()).toList()));
        Path directory = file.toAbsolutePath().getParent();
        if (directory != null) {
            Files.createDirectories(directory);
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static String p(double p) {
        return p < 0.001 ? String.format(Locale.ROOT, "%.0e", p) : String.format(Locale.ROOT, "%.2f", p);
    }

    /** {@code uname -r}. */
    public static String osRelease() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
        } catch (IOException | RuntimeException unreadable) {
            return System.getProperty("os.version");
        }
    }
}
