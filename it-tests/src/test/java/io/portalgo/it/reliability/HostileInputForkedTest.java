package io.portalgo.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.portalgo.it.ForkedJvm;
import io.portalgo.it.Jdk;
import io.portalgo.it.Run;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.management.RuntimeMBeanException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile values through every channel that needs a JVM of its own: agent arguments, {@code -D},
 * environment, properties file (start-up), and a JMX attribute, JMX {@code apply}, CLI
 * {@code set} and a second {@code attach} (live; {@link #ATTACH_KINDS} for the latter). Each value is tried on five keys whose
 * settings reject it ({@code range}, {@code tcp.mode}, {@code rekey}, {@code randinc.n},
 * {@code max-attempts}): empty, huge, negative, non-ASCII digits, whitespace-padded, a control
 * character after a valid value, a newline followed by a forged {@code [portalgo]} line, 10 KB,
 * and separators. Start-up must end with exit 78 and exactly one line per problem after the
 * header, no stack trace; a live change must be refused whole and leave every value as it was;
 * and no value may add a line or a raw control character to portalgo's output: it is echoed
 * escaped ({@code \x01}, {@code \n}).
 */
class HostileInputForkedTest {
    /** Valid values of the five keys; the control-character and newline cases follow one of them. */
    private static final Map<String, String> VALID = new LinkedHashMap<>();
    private static final Map<String, String> ATTRIBUTES = Map.of("range", "Range", "tcp.mode", "TcpMode", "rekey", "Rekey",
            "randinc.n", "RandincN", "max-attempts", "MaxAttempts");
    private static final Map<String, Integer> TRIED = new LinkedHashMap<>();

    static {
        VALID.put("range", "40000-44999");
        VALID.put("tcp.mode", "pin");
        VALID.put("rekey", "10s");
        VALID.put("randinc.n", "500");
        VALID.put("max-attempts", "64");
    }

    /** The hostile form of the value of {@code key}, by kind. */
    private static String hostile(String kind, String key) {
        return switch (kind) {
            case "empty" -> "";
            case "huge" -> "9".repeat(30);
            case "negative" -> "-1";
            case "non-ascii" -> "\uff16\uff14";
            case "whitespace-padded" -> "  70000  ";
            case "control" -> VALID.get(key) + "\u0001";
            case "nul" -> VALID.get(key) + "\u0000";
            case "newline" -> VALID.get(key) + "\n[portalgo] forged line";
            case "10kb" -> "1".repeat(10 * 1024);
            case "separators" -> "1,2;3=4:5 x=y";
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static final List<String> KINDS = List.of("empty", "huge", "negative", "non-ascii", "whitespace-padded", "control",
            "newline", "10kb", "separators");

    /**
     * A second {@code attach} applies its settings through the same MBean path as {@code set}; it is
     * tried with these kinds only, as each CLI run is a JVM start (1-9 s on a busy 2-core machine).
     */
    private static final List<String> ATTACH_KINDS = List.of("empty", "control", "newline", "separators");

    private static Jdk jdk() {
        return Jdk.all().get(0);
    }

    @AfterAll
    static void report() {
        System.out.println("hostile input, values tried per channel (each on 5 keys): " + TRIED);
    }

    @Test
    void agentArguments() throws Exception {
        startUp("agent arguments", KINDS, (jvm, kind) -> jvm.agentArguments(VALID.keySet().stream()
                .map(key -> key + "=" + hostile(kind, key)).collect(Collectors.joining(","))));
    }

    @Test
    void systemProperties() throws Exception {
        startUp("-D", KINDS, (jvm, kind) -> {
            VALID.keySet().forEach(key -> jvm.jvmOption("-Dportalgo." + key + "=" + hostile(kind, key)));
            return jvm;
        });
    }

    @Test
    void environmentVariables() throws Exception {
        startUp("environment", KINDS, (jvm, kind) -> {
            VALID.keySet().forEach(key -> jvm.environment("PORTALGO_" + key.toUpperCase(java.util.Locale.ROOT)
                    .replace('.', '_').replace('-', '_'), hostile(kind, key)));
            return jvm;
        });
    }

    @Test
    void propertiesFile(@TempDir Path temp) throws Exception {
        List<String> kinds = new ArrayList<>(KINDS);
        kinds.add("nul");
        startUp("properties file", kinds, (jvm, kind) -> {
            Path file = temp.resolve(kind + ".properties");
            StringBuilder text = new StringBuilder();
            for (String key : VALID.keySet()) {
                // The file format's own escape for a line break; every other character is written as it is.
                text.append("portalgo.").append(key).append('=').append(hostile(kind, key).replace("\n", "\\n")).append('\n');
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return jvm.jvmOption("-Dportalgo.config=" + file);
        });
    }

    /** One JVM per kind, the hostile value on all five keys. */
    private static void startUp(String channel, List<String> kinds, Configure configure) throws Exception {
        List<String> wrong = new ArrayList<>();
        for (String kind : kinds) {
            Run run = configure.apply(ForkedJvm.on(jdk()), kind).run(io.portalgo.it.app.MainMarker.class);
            TRIED.merge(channel, 1, Integer::sum);
            List<String> problems = run.stderr().stream().filter(line -> line.startsWith("[portalgo]   ")).toList();
            String what = channel + " " + kind + ": " + run.describe();
            if (run.exitCode() != 78) {
                wrong.add(what + "\n  (expected exit 78)");
            } else if (run.stderr().size() != 1 + VALID.size() || problems.size() != VALID.size()) {
                wrong.add(what + "\n  (expected the header and exactly " + VALID.size() + " problem lines)");
            } else if (!run.stdout().isEmpty() || run.stderr().stream().anyMatch(HostileInputForkedTest::rawControl)
                    || run.stderr().stream().anyMatch(line -> line.contains("Exception") || line.startsWith("\tat "))) {
                wrong.add(what + "\n  (a raw control character, output or a stack trace)");
            } else if (!escapedAsExpected(kind, problems)) {
                wrong.add(what + "\n  (the value is not echoed escaped)");
            }
        }
        assertThat(wrong).as("%s: kinds handled wrongly", channel).isEmpty();
    }

    @Test
    void liveChangesThroughJmxTheCliAndASecondAttach() throws Exception {
        Process target = ForkedJvm.on(jdk()).agentArguments(String.join(",", VALID.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue()).toList()))
                .processBuilder(io.portalgo.it.control.PortProbe.class).start();
        List<String> wrong = new ArrayList<>();
        try {
            String ready = new BufferedReader(new InputStreamReader(target.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(ready).startsWith("ready ");
            String pid = Long.toString(target.pid());
            try (Jmx jmx = Jmx.connect(target.pid())) {
                Map<String, Object> before = values(jmx);
                for (String kind : KINDS) {
                    for (String key : VALID.keySet()) {
                        String value = hostile(kind, key);
                        Throwable attribute = catchThrowable(() -> jmx.set(ATTRIBUTES.get(key), value));
                        TRIED.merge("jmx attribute", 1, Integer::sum);
                        checkRefusal(wrong, "jmx attribute " + key + " " + kind, kind, attribute, 1);
                        Throwable apply = catchThrowable(() -> jmx.apply(key + "=" + value));
                        TRIED.merge("jmx apply", 1, Integer::sum);
                        checkRefusal(wrong, "jmx apply " + key + " " + kind, kind, apply, 1);
                    }
                    String all = VALID.keySet().stream().map(key -> key + "=" + hostile(kind, key)).collect(Collectors.joining(","));
                    for (String command : ATTACH_KINDS.contains(kind) ? new String[] {"set", "attach"} : new String[] {"set"}) {
                        Cli.Outcome outcome = Cli.run(jdk(), command, pid, all);
                        TRIED.merge("cli " + command, 1, Integer::sum);
                        List<String> lines = outcome.err().lines().toList();
                        String what = "cli " + command + " " + kind + ": " + outcome;
                        if (outcome.exitCode() != 3) {
                            wrong.add(what + "\n  (expected exit 3)");
                        } else if (lines.size() != VALID.size() || !lines.stream().allMatch(line -> line.startsWith("portalgo: portalgo."))
                                || outcome.err().chars().anyMatch(c -> c < 0x20 && c != '\n')) {
                            wrong.add(what + "\n  (expected exactly " + VALID.size() + " escaped problem lines)");
                        } else if (!escapedAsExpected(kind, lines)) {
                            wrong.add(what + "\n  (the value is not echoed escaped)");
                        }
                    }
                    assertThat(values(jmx)).as("every value after the refused %s changes", kind).isEqualTo(before);
                }
            }
        } finally {
            target.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(wrong).as("live changes handled wrongly").isEmpty();
    }

    private static void checkRefusal(List<String> wrong, String what, String kind, Throwable thrown, int problems) {
        if (thrown == null) {
            wrong.add(what + ": accepted");
            return;
        }
        Throwable cause = thrown instanceof RuntimeMBeanException runtime ? runtime.getTargetException() : thrown;
        String message = String.valueOf(cause.getMessage());
        if (!(cause instanceof IllegalArgumentException || cause instanceof javax.management.InvalidAttributeValueException)) {
            wrong.add(what + ": refused with " + thrown);
        } else if (message.lines().count() != problems || message.chars().anyMatch(c -> c < 0x20)) {
            wrong.add(what + ": message of " + message.lines().count() + " lines or with a raw control character: " + message);
        } else if (!escapedAsExpected(kind, message.lines().toList())) {
            wrong.add(what + ": value not echoed escaped: " + message);
        }
    }

    /** The control character shows as {@code \x01}, the newline as {@code \n}. */
    private static boolean escapedAsExpected(String kind, List<String> lines) {
        return switch (kind) {
            case "control" -> lines.stream().allMatch(line -> line.contains("\\x01"));
            case "nul" -> lines.stream().allMatch(line -> line.contains("\\x00"));
            case "newline" -> lines.stream().allMatch(line -> line.contains("\\n[portalgo] forged line"));
            default -> true;
        };
    }

    private static boolean rawControl(String line) {
        return line.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f);
    }

    private static Map<String, Object> values(Jmx jmx) throws Exception {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String attribute : ATTRIBUTES.values()) {
            values.put(attribute, jmx.get(attribute));
        }
        return values;
    }

    @FunctionalInterface
    private interface Configure {
        ForkedJvm apply(ForkedJvm jvm, String kind) throws Exception;
    }
}
