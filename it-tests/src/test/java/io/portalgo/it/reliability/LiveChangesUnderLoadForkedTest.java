package io.portalgo.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalgo.it.ForkedJvm;
import io.portalgo.it.Jdk;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Live changes under load: two threads connect over loopback without pause while 53 changes
 * arrive through JMX ({@code apply}, attribute writes, {@code rekey()}) and the CLI ({@code set},
 * twice: on a 2-core machine whose cores the load keeps busy one {@code set} takes 7-34 s,
 * most of it starting the CLI's JVM and the target's local JMX agent):
 * every algorithm in both ranges and every TCP mode, {@code doublehash.table-size} from 1 up to
 * the maximum 16,777,216, and {@code rekey} from {@code 0} to {@code 1d}; the last one, {@code share}
 * with {@code random_pick}, then stays for 5 s. Asserted: no connect
 * fails that would not fail without the agent (the same load without it, as long), and every
 * connect that started after a change returned got a port in the range in force (or in the
 * next change's, which may already apply while it is on its way). Measured and printed, never
 * asserted: each connect's latency, near a change and away from changes.
 */
class LiveChangesUnderLoadForkedTest {
    private static final int THREADS = 2;
    private static final String[] ALGORITHMS = {"bsd", "random_start", "random_pick", "hash", "doublehash", "randinc"};
    private static final String[] MODES = {"pin", "share", "exclusive", "auto"};
    private static final int[][] RANGES = {{33_000, 45_999}, {46_000, 58_999}};
    private static final String[] TABLE_SIZES = {"1", "4096", "65536", "16777216"};
    private static final String[] REKEYS = {"500ms", "0", "10s", "1d"};
    private static final int CHANGES = 52;
    /** How long the load runs under the last change. */
    private static final long DWELL_MILLIS = 5_000;
    /** A connect counts as near a change when it overlaps the change's call or the 50 ms after it. */
    private static final long NEAR_MICROS = 50_000;
    /** The load without the agent runs as long as with it, up to this; failures are compared per connect. */
    private static final long BASELINE_MILLIS = 10_000;

    static Stream<Jdk> jdks() {
        return Jdk.all().stream();
    }

    /** One change as sent: through which channel, which settings, when the call started and returned. */
    private record Change(String channel, Map<String, String> settings, long startMicros, long endMicros) {
        int[] range() {
            String[] bounds = settings.get("range").split("-");
            return new int[] {Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1])};
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void connectsKeepWorkingAndFollowEachChangeOnceItReturns(Jdk jdk, @TempDir Path temp) throws Exception {
        String initialRange = RANGES[0][0] + "-" + RANGES[0][1];
        Path agentRecords = temp.resolve("agent.bin");
        Process agentRun = ForkedJvm.on(jdk).agentArguments("listeners=false,tcp.algorithm=doublehash,range=" + initialRange)
                .processBuilder(LiveLoadApp.class, Integer.toString(THREADS), agentRecords.toString()).start();
        List<Change> changes = new ArrayList<>();
        long loadStart = System.nanoTime();
        String agentResult;
        List<String> agentFailures;
        try (Session session = new Session(agentRun)) {
            try (Jmx jmx = Jmx.connect(session.pid)) {
                for (int i = 0; i < CHANGES; i++) {
                    changes.add(change(jdk, jmx, session.pid, i));
                    Thread.sleep(100);
                }
                changes.add(dwell(jmx));
            }
            Thread.sleep(DWELL_MILLIS);
            agentResult = session.stop();
            agentFailures = session.failures();
        }
        long loadMillis = (System.nanoTime() - loadStart) / 1_000_000;

        Path baselineRecords = temp.resolve("baseline.bin");
        Process baselineRun = ForkedJvm.on(jdk).withoutAgent()
                .processBuilder(LiveLoadApp.class, Integer.toString(THREADS), baselineRecords.toString()).start();
        String baselineResult;
        try (Session session = new Session(baselineRun)) {
            Thread.sleep(Math.min(loadMillis, BASELINE_MILLIS));
            baselineResult = session.stop();
        }

        long[][] agent = read(agentRecords);
        long[][] baseline = read(baselineRecords);
        List<String> outside = new ArrayList<>();
        List<Long> near = new ArrayList<>();
        List<Long> away = new ArrayList<>();
        int[] initial = RANGES[0];
        for (long[] connect : agent) {
            long start = connect[0];
            long latency = connect[1];
            int port = (int) connect[2];
            int last = -1;
            boolean isNear = false;
            for (int k = 0; k < changes.size(); k++) {
                Change change = changes.get(k);
                if (change.endMicros() <= start) {
                    last = k;
                }
                if (start <= change.endMicros() + NEAR_MICROS && start + latency >= change.startMicros()) {
                    isNear = true;
                }
            }
            (isNear ? near : away).add(latency);
            if (port < 0) {
                continue;
            }
            int[] inForce = last < 0 ? initial : changes.get(last).range();
            int[] next = last + 1 < changes.size() ? changes.get(last + 1).range() : inForce;
            if (!within(port, inForce) && !within(port, next)) {
                outside.add("port " + port + " at " + start + " after change " + last + " "
                        + (last < 0 ? "(initial)" : changes.get(last).settings()));
            }
        }
        List<Long> baselineLatencies = new ArrayList<>();
        for (long[] connect : baseline) {
            baselineLatencies.add(connect[1]);
        }
        long agentFailed = Arrays.stream(agent).filter(connect -> connect[2] < 0).count();
        long baselineFailed = Arrays.stream(baseline).filter(connect -> connect[2] < 0).count();
        System.out.printf("live changes %s: %d changes (%s) over %d ms; with the agent %s, without %s%n", jdk, changes.size(),
                channels(changes), loadMillis, agentResult, baselineResult);
        System.out.println("  connect latency near a change (" + near.size() + "): " + distribution(near));
        System.out.println("  connect latency away from changes (" + away.size() + "): " + distribution(away));
        System.out.println("  connect latency without the agent (" + baselineLatencies.size() + "): " + distribution(baselineLatencies));
        System.out.println("  slowest connects: " + slowest(agent, changes));
        System.out.println("  change calls (ms): " + changes.stream()
                .map(change -> change.channel() + "=" + (change.endMicros() - change.startMicros()) / 1_000).toList());
        agentFailures.stream().limit(10).forEach(failure -> System.out.println("  " + failure + " under "
                + inForceAt(Long.parseLong(failure.split(" ")[1]), changes)));
        System.out.println("  ports outside the range in force: " + outside.size() + " " + outside.stream().limit(10).toList());

        double scale = (double) agent.length / Math.max(1, baseline.length);
        assertThat(agentFailed).as("connects failed with the agent (without it: %d of %d); first: %s", baselineFailed, baseline.length,
                agentFailures.stream().limit(5).toList()).isLessThanOrEqualTo((long) Math.ceil(baselineFailed * scale));
        assertThat(outside).as("ports outside the range in force once the change had returned").isEmpty();
    }

    /**
     * The last change, then {@link #DWELL_MILLIS} of load under it: {@code share} with
     * {@code random_pick}, where a port clash between two connecting threads surfaces as the
     * application's {@code BindException} unless the agent retries it.
     */
    private static Change dwell(Jmx jmx) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("tcp.algorithm", "random_pick");
        settings.put("range", RANGES[1][0] + "-" + RANGES[1][1]);
        settings.put("tcp.mode", "share");
        long start = LiveLoadApp.epochMicros();
        jmx.apply(String.join(",", settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        return new Change("jmx-apply", settings, start, LiveLoadApp.epochMicros());
    }

    /** Change number {@code i}: algorithm, range and mode rotate; every 4th sets the table size, every 5th the rekey period. */
    private static Change change(Jdk jdk, Jmx jmx, long pid, int i) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("tcp.algorithm", ALGORITHMS[i % ALGORITHMS.length]);
        int[] range = RANGES[(i / ALGORITHMS.length + i) % 2];
        settings.put("range", range[0] + "-" + range[1]);
        settings.put("tcp.mode", MODES[(i / ALGORITHMS.length) % MODES.length]);
        if (i % 4 == 0) {
            settings.put("doublehash.table-size", TABLE_SIZES[(i / 4) % TABLE_SIZES.length]);
        }
        if (i % 5 == 0) {
            settings.put("rekey", REKEYS[(i / 5) % REKEYS.length]);
        }
        String joined = String.join(",", settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        long start = LiveLoadApp.epochMicros();
        String channel;
        if (i % 26 == 3) {
            channel = "cli-set";
            Cli.Outcome set = Cli.run(jdk, "set", Long.toString(pid), joined);
            assertThat(set.exitCode()).as("set %s: %s", joined, set).isZero();
        } else if (i % 4 == 1) {
            channel = "jmx-attributes";
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                jmx.set(attributeName(setting.getKey()), setting.getValue());
            }
        } else {
            channel = "jmx-apply";
            jmx.apply(joined);
            if (i % 7 == 2) {
                channel = "jmx-apply+rekey()";
                jmx.rekey();
            }
        }
        return new Change(channel, settings, start, LiveLoadApp.epochMicros());
    }

    /** {@code doublehash.table-size} is {@code DoublehashTableSize}. */
    static String attributeName(String key) {
        StringBuilder name = new StringBuilder();
        for (String part : key.split("[.-]")) {
            name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return name.toString();
    }

    /** The settings of the last change returned before {@code micros}, and the next one if it was on its way. */
    private static String inForceAt(long micros, List<Change> changes) {
        String last = "(start-up settings)";
        for (Change change : changes) {
            if (change.endMicros() <= micros) {
                last = change.channel() + " " + change.settings();
            } else {
                return last + (change.startMicros() <= micros ? ", while " + change.channel() + " " + change.settings() + " ran" : "");
            }
        }
        return last;
    }

    private static boolean within(int port, int[] range) {
        return port >= range[0] && port <= range[1];
    }

    private static String channels(List<Change> changes) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        changes.forEach(change -> counts.merge(change.channel(), 1, Integer::sum));
        return counts.toString();
    }

    /** p50, p90, p99, p99.9, max and the count over 50 ms, in microseconds. */
    static String distribution(List<Long> latencies) {
        if (latencies.isEmpty()) {
            return "none";
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        long over50ms = Arrays.stream(sorted).filter(latency -> latency > 50_000).count();
        return String.format("p50=%dus p90=%dus p99=%dus p99.9=%dus max=%dus over-50ms=%d", quantile(sorted, 0.5),
                quantile(sorted, 0.9), quantile(sorted, 0.99), quantile(sorted, 0.999), sorted[sorted.length - 1], over50ms);
    }

    private static long quantile(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
    }

    /** The five slowest connects near a change, with the change they met. */
    private static List<String> slowest(long[][] records, List<Change> changes) {
        return Arrays.stream(records).sorted((a, b) -> Long.compare(b[1], a[1])).limit(5).map(connect -> {
            for (Change change : changes) {
                if (connect[0] <= change.endMicros() + NEAR_MICROS && connect[0] + connect[1] >= change.startMicros()) {
                    return connect[1] + "us (" + change.channel() + " " + change.settings() + ")";
                }
            }
            return connect[1] + "us (no change near)";
        }).toList();
    }

    private static long[][] read(Path file) throws Exception {
        List<long[]> records = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            long size = Files.size(file) / 20;
            for (long i = 0; i < size; i++) {
                records.add(new long[] {in.readLong(), in.readLong(), in.readInt()});
            }
        }
        return records.toArray(new long[0][]);
    }

    /** A running {@link LiveLoadApp}: its pid, its failures, and a stop that returns its RESULT line. */
    private static final class Session implements AutoCloseable {
        private final Process process;
        private final long pid;
        private final BufferedReader out;
        private final CompletableFuture<String> err;

        Session(Process process) throws Exception {
            this.process = process;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.err = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (java.io.IOException e) {
                    return "";
                }
            });
            String ready = out.readLine();
            if (ready == null || !ready.startsWith("ready ")) {
                process.destroyForcibly();
                throw new IllegalStateException("load did not start: " + ready + "\n" + err.get(10, TimeUnit.SECONDS));
            }
            this.pid = Long.parseLong(ready.substring("ready ".length()));
        }

        String stop() throws Exception {
            PrintWriter in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            in.println("stop");
            String result = out.readLine();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("load did not stop");
            }
            return result;
        }

        List<String> failures() throws Exception {
            return err.get(10, TimeUnit.SECONDS).lines().filter(line -> line.startsWith("FAILURE ")).toList();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
