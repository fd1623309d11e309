package io.portalgo.examples.evaluation;

import io.portalgo.algorithms.SelectorSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every simulated experiment on every policy and writes {@code EVALUATION.md}, its PNG
 * figures and one CSV per table. Everything in it comes from the seed and the simulated clock, so
 * a second run gives the same bytes. The real-socket section, which varies from run to run, is
 * kept between {@link #REAL_BEGIN} and {@link #REAL_END}: this class copies it over from the file
 * it replaces and never writes its content, and the drift test leaves it out of the comparison.
 */
public final class Report {
    public static final String FILE = "EVALUATION.md";
    public static final String REAL_BEGIN = "<!-- real-sockets:begin -->";
    public static final String REAL_END = "<!-- real-sockets:end -->";
    static final String REAL_PLACEHOLDER = "Not run yet: `./evaluate.sh real` fills this section.\n";

    private final HarnessConfig config;
    private final PolicyRegistry registry;
    private final StringBuilder out = new StringBuilder();
    private final List<Table> tables = new ArrayList<>();

    private Report(HarnessConfig config, PolicyRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    /** Writes {@code docs/EVALUATION.md}, {@code docs/evaluation-*.png} and {@code csv/*.csv}; returns the Markdown. */
    public static String generate(HarnessConfig config, PolicyRegistry registry, Path docs, Path csv) throws IOException {
        Report report = new Report(config, registry);
        String simulated = report.build(docs);
        Path file = docs.resolve(FILE);
        String real = Files.exists(file) ? realSection(Files.readString(file, StandardCharsets.UTF_8)) : REAL_PLACEHOLDER;
        String markdown = simulated.replace(REAL_BEGIN + "\n" + REAL_PLACEHOLDER + REAL_END,
                REAL_BEGIN + "\n" + real + REAL_END);
        Files.createDirectories(docs);
        Files.writeString(file, markdown, StandardCharsets.UTF_8);
        for (Table table : report.tables) {
            table.writeCsv(csv);
        }
        return markdown;
    }

    /** The text between the real-socket markers (without them). */
    public static String realSection(String markdown) {
        int begin = markdown.indexOf(REAL_BEGIN);
        int end = markdown.indexOf(REAL_END);
        if (begin < 0 || end < begin) {
            return REAL_PLACEHOLDER;
        }
        return markdown.substring(begin + REAL_BEGIN.length() + 1, end);
    }

    /** The Markdown with the real-socket section emptied: what must match a fresh run exactly. */
    public static String simulatedPart(String markdown) {
        int begin = markdown.indexOf(REAL_BEGIN);
        int end = markdown.indexOf(REAL_END);
        if (begin < 0 || end < begin) {
            return markdown;
        }
        return markdown.substring(0, begin + REAL_BEGIN.length()) + "\n" + markdown.substring(end);
    }

    /** {@code markdown} with the real-socket section replaced by {@code section}. */
    public static String withRealSection(String markdown, String section) {
        String simulated = simulatedPart(markdown);
        return simulated.replace(REAL_BEGIN + "\n" + REAL_END, REAL_BEGIN + "\n" + section + REAL_END);
    }

    private String build(Path docs) throws IOException {
        List<Policy> policies = registry.all();
        int n = new PortIndex(policies.get(0).settings()).size();
        Workload workload = Workload.fromConfig(config);

        Map<String, Trace> traces = new LinkedHashMap<>();
        Map<String, Uniformity.Result> uniformity = new LinkedHashMap<>();
        Map<String, Uniformity.Result> freshUniformity = new LinkedHashMap<>();
        Map<String, double[]> reuse = new LinkedHashMap<>();
        Map<String, Predictability.Result> predictability = new LinkedHashMap<>();
        Map<String, Leakage.Result> leakage = new LinkedHashMap<>();
        Map<String, List<Occupancy.Level>> occupancy = new LinkedHashMap<>();
        Map<String, List<NatCollisions.Result>> nat = new LinkedHashMap<>();
        for (Policy policy : policies) {
            Trace trace = Simulator.run(policy, config.seed(), workload, config.timeWaitMillis());
            traces.put(policy.id(), trace);
            uniformity.put(policy.id(), Uniformity.chiSquare(trace.takenPorts(), new PortIndex(policy.settings()),
                    config.intValue("workload.chi-square-bins")));
            reuse.put(policy.id(), ReuseDistance.distances(trace));
            Predictability.Result guess = Predictability.run(policy, config);
            predictability.put(policy.id(), guess);
            freshUniformity.put(policy.id(), Uniformity.chiSquare(guess.freshPorts(), new PortIndex(policy.settings()),
                    config.intValue("workload.chi-square-bins")));
            leakage.put(policy.id(), Leakage.run(policy, config));
            occupancy.put(policy.id(), Occupancy.sweep(policy, config));
            List<NatCollisions.Result> natRuns = new ArrayList<>();
            for (int hosts : config.intList("nat.hosts")) {
                natRuns.add(NatCollisions.run(policy, config, hosts));
            }
            nat.put(policy.id(), natRuns);
        }

        header(n, workload);
        mainTable(n, freshUniformity, predictability, leakage, reuse, traces, occupancy, nat);
        figuresOfTheWorkload(docs, traces, reuse);
        uniformitySection(freshUniformity, uniformity);
        predictabilitySection(predictability, leakage, n);
        reuseSection(reuse);
        linuxSection();
        occupancySection(docs, occupancy, traces);
        natSection(docs, nat);
        attackSection();
        realSocketsSection();
        settingsSection();
        return out.toString();
    }

    private void header(int n, Workload workload) {
        out.append("# portalgo evaluation\n\n");
        out.append("<!-- Generated by ./evaluate.sh from examples/src/main/resources/io/portalgo/examples/evaluation/evaluation.properties; do not edit. -->\n\n");
        out.append("The six algorithms of RFC 6056 (ids as NetBSD's `portalgo`) fed identical workloads over a simulated port table, ")
                .append("measured with the metrics of RFC 6056 §3 and the literature (uniformity, predictability, reuse distance, probes, NAT collisions, tracking cost). Everything below comes from seed ").append(config.seed())
                .append(" and a simulated clock: `./evaluate.sh` regenerates this file and its figures byte for byte, ")
                .append("and `ReportDriftTest` fails the build when the committed file and a fresh run differ. ")
                .append("Only the section \"Real sockets\" varies from run to run; it is left out of that comparison.\n\n");
        out.append("Simulated host: range ").append(config.text("range")).append(" (n = ").append(Table.count(n))
                .append("), portalgo's defaults for every algorithm (`doublehash`: 65,536 counters, noise 0..7, 10-s key epoch; ")
                .append("`hash`: 10-s key epoch; `randinc`: N = 500), SipHash-2-4. TIME-WAIT: a 4-tuple stays unusable for ")
                .append(config.text("time-wait-seconds")).append(" s (2 x MSL) after its connection closes.\n\n");
        out.append("Main workload: ").append(Table.count(workload.connections())).append(" connections at ")
                .append(config.text("workload.rate")).append(" per second (")
                .append(Table.count((long) (workload.connections() / workload.ratePerSecond())))
                .append(" simulated seconds) to ").append(config.text("workload.destinations"))
                .append(" destinations in 192.0.2.0/24, 198.51.100.0/24 and 203.0.113.0/24 with Zipf(")
                .append(config.text("workload.zipf-exponent"))
                .append(") popularity, each closed at once by the client; the same stream for every algorithm.\n\n");
    }

    private void mainTable(int n, Map<String, Uniformity.Result> uniformity, Map<String, Predictability.Result> predictability,
                           Map<String, Leakage.Result> leakage, Map<String, double[]> reuse, Map<String, Trace> traces,
                           Map<String, List<Occupancy.Level>> occupancy, Map<String, List<NatCollisions.Result>> nat) {
        int natHosts = config.intValue("nat.table-hosts");
        Table table = new Table("main", "algorithm", "uniformity: chi-square p (new destinations)", "next port guessed (ideal 1/n = "
                + Table.probability(1.0 / n) + ")", "leakage: Spearman rho", "reuse distance min / median",
                "probes per connection (TIME-WAIT)", "probes at 50 / 90 / 99 % busy", "NAT collisions, " + natHosts + " hosts");
        for (Policy policy : registry.all()) {
            String id = policy.id();
            ReuseDistance.Summary summary = ReuseDistance.summarize(reuse.get(id));
            Predictability.Result guess = predictability.get(id);
            table.row("`" + id + "`", Table.probability(uniformity.get(id).pValue()),
                    guess.successes() + " / " + guess.trials() + " = " + Table.probability(guess.rate()),
                    Table.number(leakage.get(id).spearman(), 3),
                    Table.number(summary.min(), 0) + " / " + Table.number(summary.p50(), 0),
                    Table.number(traces.get(id).meanProbes(), 3),
                    probesAt(occupancy.get(id), 50) + " / " + probesAt(occupancy.get(id), 90) + " / " + probesAt(occupancy.get(id), 99),
                    natAt(nat.get(id), natHosts));
        }
        section("Main table", table);
        out.append("How to read it: uniformity is the chi-square p-value of the first ports to ").append(config.text("predict.trials"))
                .append(" new destinations; well above 0.01 means no detectable bias, near 1 means too even (a counter spreads its ports evenly). ")
                .append("\"Next port guessed\" counts trials where the attacker, from 8 ports seen at its own server, guessed the victim's next port ")
                .append("to a new destination. Leakage near 0 means the attacker's server cannot count the victim's connections to others; ")
                .append("±1 means it counts them exactly. Reuse distance: connections to one destination between two uses of one port ")
                .append("(main workload, every destination). Probes: candidates tested per allocation, under TIME-WAIT in the main workload, ")
                .append("and with the range filled to 50/90/99 % by long-lived connections. NAT: share of connections whose port another host behind ")
                .append("the same port-preserving NAT already held for that destination. Each metric's section says how it is measured.\n\n");
    }

    private static String probesAt(List<Occupancy.Level> levels, int percent) {
        for (Occupancy.Level level : levels) {
            if (level.percentBusy() == percent) {
                return Table.number(level.meanProbes(), 1);
            }
        }
        return "n/a";
    }

    private static String natAt(List<NatCollisions.Result> results, int hosts) {
        for (NatCollisions.Result result : results) {
            if (result.hosts() == hosts) {
                return Table.percent(result.rate(), 2);
            }
        }
        return "n/a";
    }

    private void figuresOfTheWorkload(Path docs, Map<String, Trace> traces, Map<String, double[]> reuse) throws IOException {
        int shown = config.intValue("workload.plot-connections");
        Map<String, int[]> first = new LinkedHashMap<>();
        traces.forEach((id, trace) -> first.put(id, Arrays.copyOf(trace.ports(), Math.min(shown, trace.connections()))));
        Charts.portsByIndex(first, docs.resolve("evaluation-ports.png"));
        out.append("## Ports by connection index\n\n");
        out.append("The first ").append(Table.count(shown)).append(" connections of the main workload. `bsd` is a falling line; ")
                .append("`randinc` a rising one with random steps of 1..500 (it wraps every n / 250.5 = 65 connections); ")
                .append("the others fill the range evenly.\n\n");
        out.append("![port by connection index](evaluation-ports.png)\n\n");
        Charts.reuseHistograms(reuse, 2.0 * config.hostRange().size(), docs.resolve("evaluation-reuse.png"));
    }

    private void uniformitySection(Map<String, Uniformity.Result> fresh, Map<String, Uniformity.Result> all) {
        Table table = new Table("uniformity", "algorithm", "new destinations: ports", "chi-square", "p-value",
                "main workload: ports", "chi-square", "p-value");
        fresh.forEach((id, result) -> {
            Uniformity.Result whole = all.get(id);
            table.row("`" + id + "`", Table.count(result.samples()), Table.number(result.statistic(), 1),
                    Table.probability(result.pValue()), Table.count(whole.samples()), Table.number(whole.statistic(), 1),
                    Table.probability(whole.pValue()));
        });
        section("Uniformity", table);
        out.append("Pearson's chi-square test (commons-math) of port counts in ").append(config.text("workload.chi-square-bins"))
                .append(" equal bins against the uniform distribution (").append(config.intValue("workload.chi-square-bins") - 1)
                .append(" degrees of freedom: a statistic near that number is what chance gives). The test assumes independent draws. ")
                .append("The first port to each new destination of the predictability experiment is such a draw, and is what an attacker ")
                .append("would have to guess. The main workload's ports are not independent: `hash` and `doublehash` give each busy destination ")
                .append("a run of consecutive ports within a key epoch, and `bsd` goes around the range ")
                .append(Table.number(config.doubleValue("workload.connections") / config.hostRange().size(), 1))
                .append(" times, so the last partial lap ")
                .append("over-fills some bins. Their small p-values there measure that lumpiness, not a bias in which ports are likely.\n\n");
    }

    private void predictabilitySection(Map<String, Predictability.Result> predictability, Map<String, Leakage.Result> leakage, int n) {
        Table table = new Table("predictability", "algorithm", "trials", "guessed", "rate", "rate x n (1 = ideal)",
                "leakage trials", "Spearman rho");
        for (Policy policy : registry.all()) {
            Predictability.Result guess = predictability.get(policy.id());
            Leakage.Result leak = leakage.get(policy.id());
            table.row("`" + policy.id() + "`", guess.trials(), guess.successes(), Table.probability(guess.rate()),
                    Table.number(guess.rate() * n, 1), leak.trials(), Table.number(leak.spearman(), 3));
        }
        section("Predictability and cross-destination leakage", table);
        out.append("Predictability (RFC 6056 §3.1, first goal): each trial the victim makes 0..").append(config.text("predict.background-max"))
                .append(" connections elsewhere, then ").append(config.text("predict.observed"))
                .append(" to the attacker's server (203.0.113.7:443), then one to a destination it never used; the attacker guesses ")
                .append("\"last port + most frequent step\". `bsd` falls every time; `randinc` about once in N = 500 (rate x n near 33); ")
                .append("an ideal algorithm gives rate x n near 1, here 0 or 1 success in ").append(config.text("predict.trials"))
                .append(" trials.\n\n");
        out.append("Leakage (Algorithm 3's shared counter, Linux commit 190cc82489f4): the victim connects to the attacker, then k times ")
                .append("elsewhere (k uniform in 0..").append(config.text("leak.elsewhere-max")).append("), then to the attacker again, at ")
                .append(config.text("leak.rate")).append(" connections per second; rho is Spearman's correlation of k with the port step the attacker sees. ")
                .append("`hash` counts k exactly except across a 10-s key epoch; `doublehash` confines the counter to one of 65,536 buckets, ")
                .append("so other destinations almost never move it.\n\n");
    }

    private void reuseSection(Map<String, double[]> reuse) {
        Table table = new Table("reuse", "algorithm", "reuses", "min", "p1", "median", "mean", "max");
        reuse.forEach((id, distances) -> {
            ReuseDistance.Summary s = ReuseDistance.summarize(distances);
            table.row("`" + id + "`", Table.count(s.reuses()), Table.number(s.min(), 0), Table.number(s.p1(), 0),
                    Table.number(s.p50(), 0), Table.number(s.mean(), 0), Table.number(s.max(), 0));
        });
        section("Reuse distance per destination", table);
        out.append("Connections to one destination between two uses of the same port, over every destination of the main workload ")
                .append("(RFC 6056 §3.1, second goal). The host's own TIME-WAIT table keeps every distance above 60 s of that destination's traffic, ")
                .append("so what differs is how soon after that a port comes back: `bsd` and `randinc` cycle through the range with all ")
                .append("destinations together; `hash` and `doublehash` walk one destination's ports in order within a key epoch, but their offsets ")
                .append("are redrawn every 10 s, so at this workload's 13 connections per second to the busiest destination they behave like ")
                .append("random picks across epochs (the RFC's warning on rekeying, §3.4). Histograms (distances above 2n drawn at 2n):\n\n");
        out.append("![reuse-distance histograms](evaluation-reuse.png)\n\n");
    }

    private void linuxSection() {
        Table table = new Table("linux_reuse", "configuration", "ports used (m)", "worst lap m/8", "mean lap m/4.5",
                "measured shortest lap", "measured mean lap", "reuse distance min / p1 / median / mean");
        for (LinuxReuse.Row row : LinuxReuse.run(config)) {
            ReuseDistance.Summary r = row.reuse();
            table.row(row.configuration(), Table.count(row.usablePorts()), Table.number(row.boundWorstLap(), 0),
                    Table.number(row.expectedMeanLap(), 0), Table.number(row.minLap(), 0), Table.number(row.meanLap(), 0),
                    Table.number(r.min(), 0) + " / " + Table.number(r.p1(), 0) + " / " + Table.number(r.p50(), 0) + " / "
                            + Table.number(r.mean(), 0));
        }
        section("Reuse distance under Linux-like settings", table);
        out.append("Linux's figures (commit ca7af0402550): worst 1764, mean 3137 connections, in 32768-60999 with 0..7 extra increments. ")
                .append("Workload, as Linux's own test: one destination, ").append(Table.count(config.longValue("linux.connections")))
                .append(" consecutive connections closed by RST (no TIME-WAIT) at ").append(Table.count(config.longValue("linux.rate")))
                .append(" per second, all inside one 10-s key epoch. A lap is the number of connections until the destination's counter has ")
                .append("gone once around the m ports; Linux's 1764 and 3137 are m/8 and m/4.5 with m = 14,116, because its connect() scans ")
                .append("one parity of the range first. portalgo has no parity split, so in the same range its laps are twice Linux's (first row); ")
                .append("reserving the odd ports reproduces Linux's half range (second row). The worst lap m/8 needs eight maximal steps in ")
                .append("a row every time and is a bound: the shortest lap measured sits a few standard deviations below the mean. ")
                .append("A single port is hit on about one lap in 4.5, so the distance between two uses of one port has mean m and its ")
                .append("minimum near a lap.\n\n");
    }

    private void occupancySection(Path docs, Map<String, List<Occupancy.Level>> occupancy, Map<String, Trace> traces) throws IOException {
        List<Integer> levels = config.intList("occupancy.levels");
        List<String> headers = new ArrayList<>(List.of("algorithm", "TIME-WAIT workload"));
        for (int level : levels) {
            headers.add(level + " % busy");
        }
        headers.add("exhausted at 99 %");
        Table table = new Table("occupancy", headers.toArray(new String[0]));
        Map<String, double[]> series = new LinkedHashMap<>();
        double[] x = levels.stream().mapToDouble(Integer::doubleValue).toArray();
        occupancy.forEach((id, results) -> {
            List<Object> row = new ArrayList<>();
            row.add("`" + id + "`");
            row.add(Table.number(traces.get(id).meanProbes(), 3));
            double[] y = new double[results.size()];
            for (int i = 0; i < results.size(); i++) {
                Occupancy.Level level = results.get(i);
                row.add(Table.number(level.meanProbes(), 1) + " (p99 " + Table.number(level.p99Probes(), 0) + ")");
                y[i] = level.meanProbes();
            }
            row.add(results.get(results.size() - 1).exhaustions());
            table.row(row.toArray());
            series.put(id, y);
        });
        Charts.sweep("Probes per allocation as the range fills", "% of the range busy", "mean probes (log)", true, x, series,
                docs.resolve("evaluation-probes.png"));
        section("Probes per allocation", table);
        out.append("Mean candidates probed per allocation (99th percentile in brackets). The range is filled by the algorithm itself with ")
                .append("long-lived connections (each busy port unusable for every destination), then ").append(config.text("occupancy.samples"))
                .append(" short connections are measured at each level. `bsd` fills one contiguous block and its counter sits at its edge: one probe ")
                .append("nearly always (p99 = 1), but each time the counter wraps into the busy block it scans all of it, which brings the mean to about 1/(1-a). ")
                .append("The randomized algorithms scatter busy runs and pay linear probing's clustering, about (1 + 1/(1-a)^2)/2 at load a ")
                .append("(50.5 at 90 %); `hash` and `doublehash` pay more, because every new connection to a popular destination starts where that ")
                .append("destination's counter stopped, inside the cluster it has just grown. `random_pick` and `randinc` jump instead of walking ")
                .append("and pay 1/(1-a) (10 at 90 %, 100 at 99 %).\n\n");
        out.append("![probes vs occupancy](evaluation-probes.png)\n\n");
    }

    private void natSection(Path docs, Map<String, List<NatCollisions.Result>> nat) throws IOException {
        List<Integer> hostCounts = config.intList("nat.hosts");
        List<String> headers = new ArrayList<>(List.of("algorithm"));
        for (int hosts : hostCounts) {
            headers.add(hosts + (hosts == 1 ? " host" : " hosts"));
        }
        Table table = new Table("nat", headers.toArray(new String[0]));
        Map<String, double[]> series = new LinkedHashMap<>();
        double[] x = hostCounts.stream().mapToDouble(Integer::doubleValue).toArray();
        nat.forEach((id, results) -> {
            List<Object> row = new ArrayList<>();
            row.add("`" + id + "`");
            double[] y = new double[results.size()];
            for (int i = 0; i < results.size(); i++) {
                row.add(Table.percent(results.get(i).rate(), 2));
                y[i] = results.get(i).rate() * 100;
            }
            table.row(row.toArray());
            series.put(id, y);
        });
        Charts.sweep("Collisions behind a port-preserving NAT", "hosts behind the NAT", "% of connections rewritten", false, x,
                series, docs.resolve("evaluation-nat.png"));
        section("Collisions behind a port-preserving NAT", table);
        out.append("RFC 6056 §4: hosts behind a NAPT that keeps their source ports unless another host holds the port for the same destination. ")
                .append("Each host runs the algorithm with its own keys at ").append(config.text("nat.rate-per-host"))
                .append(" connections per second to ").append(config.text("nat.destinations")).append(" popular destinations for ")
                .append(config.text("nat.seconds")).append(" simulated seconds; the NAT keeps a mapping ").append(config.text("nat.hold-seconds"))
                .append(" s after close. A collision is a connection the NAT must rewrite. `bsd` hosts all count down from the top of the range and ")
                .append("collide constantly; the others stay near the first-order estimate (other hosts' live mappings to that destination) / n, ")
                .append("0.5 % for 8 hosts. The RFC expects `hash` and `doublehash` to do better than random choices, each host walking its own sequence; ")
                .append("with a 10-s key epoch and 0.2 connections per second per host and destination, each epoch holds about two connections ")
                .append("of a sequence, so they behave like random choices here.\n\n");
        out.append("![NAT collisions](evaluation-nat.png)\n\n");
    }

    private void attackSection() {
        SelectorSettings base = SelectorSettings.builder().range(config.hostRange()).build();
        int weakSize = config.intValue("attack.weak-table-size");
        Table table = new Table("attack", "victim's doublehash", "attacker's pool", "outcome", "connections used",
                "40 x L (paper)", "pairs found / true / correct", "unstable structures", "restarts", "simulated s (with the revisit wait)");
        addAttack(table, "L = " + weakSize + ", noise 0, no rekey (RFC-plain, Linux 5.12's size)",
                base.toBuilder().tableSize(weakSize).noise(0).rekeyMillis(0).build());
        addAttack(table, "L = " + weakSize + ", noise 7, no rekey",
                base.toBuilder().tableSize(weakSize).noise(7).rekeyMillis(0).build());
        addAttack(table, "portalgo defaults: L = 65,536, noise 7, rekey 10 s", base);
        section("Tracking attack on doublehash", table);
        out.append("Kol, Klein and Gilad (USENIX Security 2023): the attacker's page makes the victim connect to destinations the attacker controls ")
                .append("(203.0.113.0/24, many ports each) at ").append(Table.count(config.longValue("attack.rate")))
                .append(" connections per second and reads the source ports; destinations whose ports step together share a counter, and the set of ")
                .append("such pairs is a device ID. The attacker here screens a pool of destinations (two rounds: each one's step is its bucket's group size ")
                .append("in the pool), decodes the groups by group testing on random halves, and must confirm the pairs at the victim's next visit, ")
                .append(config.text("attack.revisit-seconds")).append(" s later. It knows the victim's settings: against noise it averages ")
                .append(config.text("attack.noise-repeats")).append(" repetitions per step; against rekeying it shrinks its pool to fit one key epoch. ")
                .append("The harness checks the pairs against a same-seed copy of the victim without noise. Budget: ")
                .append(Table.count(config.longValue("attack.budget"))).append(" connections. ")
                .append("Noise alone multiplies the cost by the repetitions (Linux: it \"does not stop statistical attacks\"); 65,536 counters alone ")
                .append("would put the cost near the paper's 2.6M (not run: beyond the budget); with the 10-s key epoch a structure found inside one epoch (\"unstable structures\") ")
                .append("is gone at the next visit, so there is no ID to find.\n\n");
    }

    private void addAttack(Table table, String name, SelectorSettings settings) {
        TrackingAttack.Outcome o = TrackingAttack.run(settings, config);
        table.row(name, Table.count(o.pool()), o.recovered() ? "**recovered**" : "failed", Table.count(o.connections()),
                Table.count(40L * settings.tableSize()), o.pairsFound() + " / " + o.truePairs() + " / " + o.correctPairs(),
                o.unstableStructures(), o.restarts(), Table.number(o.simulatedSeconds(), 1));
    }

    private void realSocketsSection() {
        out.append("## Real sockets\n\n");
        out.append("Not part of the byte-for-byte comparison: real ports depend on the kernel and on what else runs. `./evaluate.sh real` ")
                .append("runs `LoopbackWorkload` in a child JVM per algorithm under `-javaagent:agent/target/portalgo-agent.jar=algorithm=<id>,seed=<s>` ")
                .append("(and once without the agent, as the kernel's baseline), and writes the same metrics of the observed ports between the markers below.\n\n");
        out.append(REAL_BEGIN).append('\n').append(REAL_PLACEHOLDER).append(REAL_END).append("\n\n");
    }

    private void settingsSection() {
        out.append("## Settings of this run\n\n```\n");
        config.describe().forEach(line -> out.append(line).append('\n'));
        out.append("```\n\nCSV of every table: `examples/target/evaluation/*.csv` after `./evaluate.sh`.\n");
    }

    private void section(String title, Table table) {
        tables.add(table);
        out.append("## ").append(title).append("\n\n").append(table.toMarkdown()).append('\n');
    }
}
