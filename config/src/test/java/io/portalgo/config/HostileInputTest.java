package io.portalgo.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalgo.algorithms.PortRange;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.junit.jupiter.api.Test;

/**
 * Hostile input: every property of the registry through every channel config models, with
 * every class of malformed value (README, "Values"). For each case the test computes, from the
 * documented grammar alone, what the channel delivers to config and whether it must be
 * accepted, then checks config's answer:
 * <ul>
 *   <li>accepted exactly when the documented grammar accepts (after trimming ASCII spaces and
 *       tabs, nothing else); a control character or line separator anywhere else is refused;</li>
 *   <li>every refusal is one line per problem with no control character or line break in it,
 *       names a key, shows the value escaped ({@code \x01}, {@code \n}) and shortened (a 10 KB
 *       value shows 64 characters and its length), names the source and says what is accepted;
 *       the seed shows as {@code (hidden)};</li>
 *   <li>a refused live change leaves the snapshot in force and calls no listener.</li>
 * </ul>
 * The counts per channel are printed (values tried, accepted, refused).
 */
class HostileInputTest {
    /** The channels config models, with the words its messages use for each. */
    enum Channel {
        AGENT_ARGUMENTS("agent argument"),
        SYSTEM_PROPERTIES("system property"),
        ENVIRONMENT("environment variable"),
        FILE_LF("properties file"),
        FILE_CRLF("properties file"),
        LIVE_KEY_VALUE("live change"),
        LIVE_ARGUMENT_TEXT("live change");

        final String origin;

        Channel(String origin) {
            this.origin = origin;
        }

        boolean live() {
            return this == LIVE_KEY_VALUE || this == LIVE_ARGUMENT_TEXT;
        }

        boolean file() {
            return this == FILE_LF || this == FILE_CRLF;
        }
    }

    /**
     * One case: {@code value} for {@code property} through {@code channel}; {@code escape} is the
     * escape sequence a message must show for it when it holds a forbidden character (null if none).
     */
    record Case(Channel channel, Property<?> property, String valueClass, String value, String escape) {
        @Override
        public String toString() {
            return channel + " " + property.key() + " [" + valueClass + "] " + printable(value);
        }
    }

    /** A key and value as the channel hands them to config, before any trimming. */
    record Pair(String key, String value) {
    }

    private static final List<String> ALGORITHMS = List.of("bsd", "random_start", "random_pick", "hash", "doublehash", "randinc");
    private static final String FILE = TestEnvironments.PROPERTIES_FILE;
    private static final PortRange HOST_RANGE = PortRange.of(32768, 60999);
    private static final String RUNNING = "algorithm=bsd,range=40000-44999";
    private static final PortRange RUNNING_RANGE = PortRange.of(40000, 44999);
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9._-]*");
    private static final Pattern ARGUMENT_SEPARATOR = Pattern.compile(",(?=[ \\t]*" + KEY + "[ \\t]*=)");
    private static final Pattern ARGUMENT_PAIR = Pattern.compile("[ \\t]*(" + KEY + ")[ \\t]*=(.*)", Pattern.DOTALL);

    private static final Map<Channel, int[]> TABLE_COUNTS = new EnumMap<>(Channel.class);
    private static final Map<Channel, int[]> RANDOM_COUNTS = new EnumMap<>(Channel.class);
    private static final AtomicInteger RANDOM_FAILURES = new AtomicInteger();

    // ---------------------------------------------------------------- the table

    /** Documented valid values of each property; the first is the base of the malformed ones. */
    static List<String> validValues(Property<?> property) {
        switch (property.key()) {
            case "portalgo.enabled":
            case "portalgo.listeners":
            case "portalgo.native-transports":
            case "portalgo.jmx":
            case "portalgo.class-cache":
                return List.of("true", "false", "TRUE", "False");
            case "portalgo.rules":
                return List.of("udp:*:53=random_pick", "tcp:192.0.2.0/24:*=bsd", "udp:*:53=random_pick;tcp:192.0.2.0/24:*=bsd",
                        "*:[2001:db8::/32]:1000-2000=hash", "tcp:198.51.100.7:443=doublehash;");
            case "portalgo.range":
                return List.of("40000-44999", "1-65535", "1024-1024");
            case "portalgo.reserved":
                return List.of("1,2-4,10", "40100-40199", "8080");
            case "portalgo.tcp.mode":
                return List.of("pin", "auto", "share", "exclusive", "PIN");
            case "portalgo.hash":
                return List.of("md5", "siphash", "MD5");
            case "portalgo.rekey":
                return List.of("2m", "500ms", "10s", "1h", "1d", "30d", "0", "1H");
            case "portalgo.doublehash.table-size":
                return List.of("1024", "1", "65536", "16777216");
            case "portalgo.doublehash.noise":
                return List.of("3", "0", "65535");
            case "portalgo.randinc.n":
                return List.of("250", "1", "65535");
            case "portalgo.max-attempts":
                return List.of("32", "1", "65535");
            case "portalgo.on-exhaustion":
                return List.of("fail", "kernel");
            case "portalgo.seed":
                return List.of("42", "-7", "9223372036854775807", "-9223372036854775808");
            case "portalgo.log.level":
                return List.of("debug", "off", "error", "warn", "info");
            case "portalgo.config":
                return List.of(FILE);
            case "portalgo.class-cache.dir":
                return List.of("/var/cache/portalgo", "relative/cache");
            default:
                if (property.key().endsWith("algorithm")) {
                    return List.of("bsd", "random_start", "random_pick", "hash", "doublehash", "randinc", "HASH", "Random_Pick");
                }
                throw new AssertionError("no valid values for " + property + ": add them to this table");
        }
    }

    /** Every value class of the brief, built around the first valid value {@code base}. */
    static List<Case> cases(Channel channel, Property<?> property) {
        List<String> valid = validValues(property);
        String base = valid.get(0);
        List<Case> cases = new ArrayList<>();
        valid.forEach(value -> cases.add(new Case(channel, property, "valid", value, null)));
        cases.add(new Case(channel, property, "empty", "", null));
        cases.add(new Case(channel, property, "blank", " \t ", null));
        cases.add(new Case(channel, property, "huge number", "99999999999999999999999", null));
        cases.add(new Case(channel, property, "huge number", "4294967297", null));
        cases.add(new Case(channel, property, "negative", "-1", null));
        cases.add(new Case(channel, property, "negative", "-" + base, null));
        cases.add(new Case(channel, property, "non-ASCII", "ｂｓｄ", null));
        cases.add(new Case(channel, property, "non-ASCII", "bsd\u00e9", null));
        cases.add(new Case(channel, property, "non-ASCII", "１２３", null));
        cases.add(new Case(channel, property, "non-ASCII", "\u0663", null));
        cases.add(new Case(channel, property, "non-ASCII", lookalike(base), null));
        cases.add(new Case(channel, property, "whitespace-padded", " \t" + base + "\t ", null));
        cases.add(new Case(channel, property, "whitespace-padded", "\u00a0" + base, "\\u00a0"));
        cases.add(new Case(channel, property, "whitespace-padded", base + "\u3000", "\\u3000"));
        cases.add(new Case(channel, property, "control character", base + "\u0001", "\\x01"));
        cases.add(new Case(channel, property, "control character", "\u0000" + base, "\\x00"));
        cases.add(new Case(channel, property, "control character", middle(base, "\u007f"), "\\x7f"));
        cases.add(new Case(channel, property, "control character", "\u0085" + base, "\\x85"));
        cases.add(new Case(channel, property, "control character", middle(base, "\t"), "\\t"));
        cases.add(new Case(channel, property, "control character", "\u001b[31m" + base, "\\x1b"));
        cases.add(new Case(channel, property, "newline", base + "\n[portalgo] forged line", "\\n"));
        cases.add(new Case(channel, property, "newline", "\n" + base, "\\n"));
        cases.add(new Case(channel, property, "CR", base + "\r", "\\r"));
        cases.add(new Case(channel, property, "CR", base + "\r\n", "\\r"));
        cases.add(new Case(channel, property, "CR", base + "\r[portalgo] forged line", "\\r"));
        cases.add(new Case(channel, property, "U+2028", base + "\u2028[portalgo] forged line", "\\u2028"));
        cases.add(new Case(channel, property, "U+2028", base + "\u2029", "\\u2029"));
        cases.add(new Case(channel, property, "10 KB", "a".repeat(10_240), null));
        cases.add(new Case(channel, property, "10 KB", "9".repeat(10_240), null));
        cases.add(new Case(channel, property, "10 KB", base + " ".repeat(10_240), null));
        for (String separated : new String[] {",", ";", "=", ":", base + ",", base + ";", base + "=x", ":" + base, "a,b=c",
            base + ",algorithm=bsd", base + ";" + base}) {
            cases.add(new Case(channel, property, "separator-laden", separated, null));
        }
        return cases;
    }

    @Test
    void everyPropertyThroughEveryChannelWithEveryValueClass() {
        List<String> failures = new ArrayList<>();
        for (Channel channel : Channel.values()) {
            for (Property<?> property : Property.all()) {
                for (Case hostile : cases(channel, property)) {
                    check(hostile, TABLE_COUNTS, failures);
                }
            }
        }
        System.out.println(report("hostile input, table", TABLE_COUNTS));
        assertThat(failures).as(failures.size() + " cases failed; the first ones").isEmpty();
        int tried = TABLE_COUNTS.values().stream().mapToInt(counts -> counts[0]).sum();
        assertThat(tried).isGreaterThan(Property.all().size() * Channel.values().length * 40);
    }

    @Test
    void keysWithControlCharactersOrLookalikeLettersAreRefusedAndEchoedEscaped() {
        String[][] keys = {
            {"portalgo.algorithm\u0001", "\\x01"}, {"portalgo.algo\nrithm", "\\n"}, {"portalgo.algorithm\u2028", "\\u2028"},
            {"portalgo.re\u212Aey", "\u212A"}, {"portalgo.\u017Feed", "\u017F"}, {"portalgo.l\u0131steners", "\u0131"},
        };
        for (String[] key : keys) {
            List<Runnable> channels = List.of(
                () -> PortalgoSettings.load(key[0].substring("portalgo.".length()) + "=bsd", TestEnvironments.host().build()),
                () -> PortalgoSettings.load(null, TestEnvironments.host().systemProperty(key[0], "bsd").build()),
                () -> PortalgoSettings.load(null, TestEnvironments.withPropertiesFile(key[0] + "=bsd\n").build()),
                () -> PortalgoSettings.load(null, TestEnvironments.host().environmentVariable(asciiUpperCase(key[0]), "bsd").build()),
                () -> new LiveSettings(PortalgoSettings.load(RUNNING, TestEnvironments.host().build()))
                        .apply(Map.of(key[0], "bsd"), Source.LIVE));
            for (int channel = 0; channel < channels.size(); channel++) {
                ConfigException refused = org.assertj.core.api.Assertions.catchThrowableOfType(ConfigException.class,
                        channels.get(channel)::run);
                assertThat(refused).as(printable(key[0])).isNotNull();
                assertThat(refused.getMessage().split("\n", -1)).containsExactlyElementsOf(refused.problems());
                for (String line : refused.problems()) {
                    assertThat(forbiddenIn(line)).as(printable(line)).isNegative();
                    assertThat(line).containsAnyOf("unknown property", "(agent argument): expected key=value pairs");
                }
                boolean fileSplitsTheKey = channel == 2 && key[0].contains("\n");
                if (!fileSplitsTheKey) {
                    assertThat(refused.getMessage()).as(printable(key[0])).contains(key[1]);
                }
            }
        }
    }

    // ---------------------------------------------------------------- random values

    @net.jqwik.api.Property(tries = 1000)
    void randomHostileValuesKeepTheSameContract(@ForAll("channels") Channel channel, @ForAll("properties") Property<?> property,
            @ForAll("hostileValues") String value) {
        List<String> failures = new ArrayList<>();
        check(new Case(channel, property, "random", value, null), RANDOM_COUNTS, failures);
        if (!failures.isEmpty()) {
            RANDOM_FAILURES.incrementAndGet();
        }
        assertThat(failures).isEmpty();
    }

    @AfterContainer
    static void printRandomCounts() {
        if (!RANDOM_COUNTS.isEmpty()) {
            System.out.println(report("hostile input, random (jqwik)", RANDOM_COUNTS));
        }
    }

    @Provide
    Arbitrary<Channel> channels() {
        return Arbitraries.of(Channel.class);
    }

    @Provide
    Arbitrary<Property<?>> properties() {
        return Arbitraries.of(Property.all());
    }

    @Provide
    Arbitrary<String> hostileValues() {
        Arbitrary<String> noise = Arbitraries.strings().withChars(" \t,;=:-*/.0123456789abdhimsptuFTRUE\u0000\u0001\n\r\u007f\u0085"
                + "\u2028\u2029\u00a0\u0131\u017f\u212a\u00e9\uff42\uff11\u200b\u202e").ofMaxLength(24);
        Arbitrary<String> fragment = Arbitraries.of(Property.all()).flatMap(property -> Arbitraries.of(validValues(property)));
        Arbitrary<String> mixed = Combinators.combine(noise, fragment, noise).as((a, b, c) -> a + b + c);
        Arbitrary<String> huge = Arbitraries.integers().between(65, 20_000).map("x"::repeat);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, noise), net.jqwik.api.Tuple.of(4, mixed),
                net.jqwik.api.Tuple.of(3, fragment), net.jqwik.api.Tuple.of(1, huge));
    }

    // ---------------------------------------------------------------- one case

    /** Runs {@code hostile}, counts it under its channel and adds what is wrong with config's answer to {@code failures}. */
    private static void check(Case hostile, Map<Channel, int[]> counts, List<String> failures) {
        List<Pair> pairs = delivered(hostile);
        boolean expected = pairs != null && documentedAccepted(hostile, pairs);
        int before = failures.size();
        ConfigException refused = null;
        if (hostile.channel().live()) {
            PortalgoSettings running = PortalgoSettings.load(RUNNING, TestEnvironments.host().build());
            LiveSettings live = new LiveSettings(running);
            List<PortalgoSettings> heard = new ArrayList<>();
            live.onChange(heard::add);
            try {
                if (hostile.channel() == Channel.LIVE_KEY_VALUE) {
                    live.apply(Map.of(hostile.property().shortKey(), hostile.value()), Source.LIVE);
                } else {
                    live.applyArguments(hostile.property().shortKey() + "=" + hostile.value(), Source.LIVE);
                }
            } catch (ConfigException e) {
                refused = e;
                if (live.current() != running || !heard.isEmpty()) {
                    failures.add(hostile + ": a refused live change changed the settings in force");
                }
            }
        } else {
            try {
                load(hostile);
            } catch (ConfigException e) {
                refused = e;
            }
        }
        boolean accepted = refused == null;
        if (accepted != expected) {
            failures.add(hostile + ": " + (accepted ? "accepted, but the documented grammar refuses " + pairs
                    : "refused, but the documented grammar accepts " + pairs + ": " + printable(refused.getMessage())));
        }
        if (refused != null) {
            checkRefusal(hostile, pairs, refused, failures);
        }
        int[] count = counts.computeIfAbsent(hostile.channel(), channel -> new int[3]);
        synchronized (count) {
            count[0]++;
            count[accepted ? 1 : 2]++;
        }
        if (failures.size() > before + 1) {
            failures.subList(before + 1, failures.size()).clear();
        }
    }

    private static PortalgoSettings load(Case hostile) {
        Property<?> property = hostile.property();
        String value = hostile.value();
        switch (hostile.channel()) {
            case AGENT_ARGUMENTS:
                return PortalgoSettings.load(property.shortKey() + "=" + value, hostWithFile("").build());
            case SYSTEM_PROPERTIES:
                return PortalgoSettings.load(null, hostWithFile("").systemProperty(property.key(), value).build());
            case ENVIRONMENT:
                return PortalgoSettings.load(null, hostWithFile("").environmentVariable(property.envVar(), value).build());
            case FILE_LF:
            case FILE_CRLF:
                return PortalgoSettings.load(null, hostWithFile(fileContent(hostile)).systemProperty("portalgo.config", FILE).build());
            default:
                throw new AssertionError(hostile);
        }
    }

    /** A stock host whose properties file {@link TestEnvironments#PROPERTIES_FILE} holds {@code content}. */
    private static Environment.Builder hostWithFile(String content) {
        return TestEnvironments.host(Map.of(FILE, content));
    }

    /** Short keys in one file line, the raw value (a NUL stays a NUL byte), then the channel's line end. */
    private static String fileContent(Case hostile) {
        return hostile.property().shortKey() + "=" + hostile.value() + (hostile.channel() == Channel.FILE_CRLF ? "\r\n" : "\n");
    }

    private static void checkRefusal(Case hostile, List<Pair> pairs, ConfigException refused, List<String> failures) {
        List<String> lines = refused.problems();
        if (lines.isEmpty() || !List.of(refused.getMessage().split("\n", -1)).equals(lines)) {
            failures.add(hostile + ": the message is not one line per problem: " + printable(refused.getMessage()));
            return;
        }
        for (String line : lines) {
            int forbidden = forbiddenIn(line);
            if (forbidden >= 0) {
                failures.add(hostile + ": raw character U+" + Integer.toHexString(line.charAt(forbidden)) + " in " + printable(line));
                return;
            }
            if (line.length() > 1_500) {
                failures.add(hostile + ": a line of " + line.length() + " characters floods the output");
                return;
            }
            if (!line.startsWith("portalgo.") && !line.startsWith("PORTALGO_")) {
                failures.add(hostile + ": names no key: " + line);
                return;
            }
            if (!line.contains(" (" + hostile.channel().origin)) {
                failures.add(hostile + ": does not name its source '" + hostile.channel().origin + "': " + line);
                return;
            }
            if (!saysWhatIsAccepted(line)) {
                failures.add(hostile + ": does not say what is accepted: " + line);
                return;
            }
        }
        String key = hostile.property().key();
        String own = lines.stream().filter(line -> line.startsWith(key + "=")).findFirst().orElse(null);
        boolean ownValueBad = pairs != null && pairs.stream().anyMatch(pair -> isOwn(hostile, pair)
                && !documentedValue(hostile, pair.value()));
        if (ownValueBad && own == null) {
            failures.add(hostile + ": no problem names " + key + ": " + lines);
            return;
        }
        if (own == null) {
            return;
        }
        String trimmed = pairs.stream().filter(pair -> isOwn(hostile, pair)).map(pair -> blankTrimmed(pair.value())).findFirst()
                .orElse("");
        if (hostile.property().secret()) {
            // The source's own text (a file's path) may equal a random value: only the rest of the line counts.
            int source = own.indexOf(" (" + hostile.channel().origin);
            int sourceEnd = source < 0 ? -1 : own.indexOf(')', source);
            String shown = sourceEnd < 0 ? own : own.substring(0, source) + own.substring(sourceEnd + 1);
            if (!own.startsWith(key + "=(hidden) ") || (trimmed.length() >= 3 && shown.contains(trimmed))) {
                failures.add(hostile + ": shows the seed: " + own);
            }
            return;
        }
        if (hostile.escape() != null && trimmed.contains(raw(hostile.escape())) && !own.contains(hostile.escape())) {
            failures.add(hostile + ": does not show " + hostile.escape() + ": " + own);
        }
        if (trimmed.length() > 64 && !own.contains("(" + trimmed.length() + " characters)")) {
            failures.add(hostile + ": does not shorten a value of " + trimmed.length() + " characters: " + own);
        }
        if (hostile.property() != Property.RULES && trimmed.length() <= 64 && forbiddenIn(trimmed) < 0
                && trimmed.chars().allMatch(c -> c < 0x7f) && !own.startsWith(key + "=" + trimmed + " (")) {
            failures.add(hostile + ": does not show the value as given: " + own);
        }
    }

    private static boolean saysWhatIsAccepted(String line) {
        String key = line.substring(0, Math.max(0, line.indexOf('=')));
        java.util.Optional<Property<?>> property = line.startsWith("PORTALGO_") ? Property.byEnvVar(key) : Property.byKey(key);
        return property.map(known -> line.contains(known.accepted())).orElse(false)
                || line.endsWith("give each property once")
                || line.endsWith("(restart to change it)")
                || line.endsWith(" (no similar name; see the options table in the README)") || line.matches(".*unknown property.*; did you mean \\S+( \\(\\S+\\))?\\?")
                || line.endsWith("expected a list that spares at least one port of the range")
                || line.endsWith("set portalgo.config as an agent argument, system property or environment variable");
    }

    private static boolean isOwn(Case hostile, Pair pair) {
        return hostile.property().equals(lookUp(hostile.channel(), pair.key()));
    }

    // ---------------------------------------------------------------- the documented grammar

    /**
     * What {@code hostile}'s channel hands to config: README, "Configuration". Agent arguments
     * split at a comma only where a key and {@code =} follow; a properties file is read by the
     * JDK's {@link Properties}; the other channels deliver one pair as given. Null when the text
     * is not {@code key=value} pairs at all.
     */
    static List<Pair> delivered(Case hostile) {
        Property<?> property = hostile.property();
        String value = hostile.value();
        switch (hostile.channel()) {
            case AGENT_ARGUMENTS:
            case LIVE_ARGUMENT_TEXT:
                List<Pair> pairs = new ArrayList<>();
                for (String piece : ARGUMENT_SEPARATOR.split(property.shortKey() + "=" + value, -1)) {
                    Matcher pair = ARGUMENT_PAIR.matcher(piece);
                    if (!pair.matches()) {
                        return null;
                    }
                    pairs.add(new Pair(pair.group(1), pair.group(2)));
                }
                return pairs;
            case FILE_LF:
            case FILE_CRLF:
                Properties file = new Properties();
                try {
                    file.load(new StringReader(fileContent(hostile)));
                } catch (IOException | IllegalArgumentException e) {
                    return null;
                }
                List<Pair> lines = new ArrayList<>();
                file.forEach((key, text) -> lines.add(new Pair((String) key, (String) text)));
                return lines;
            case ENVIRONMENT:
                return List.of(new Pair(property.envVar(), value));
            case SYSTEM_PROPERTIES:
                return List.of(new Pair(property.key(), value));
            default:
                return List.of(new Pair(property.shortKey(), value));
        }
    }

    /** Whether the documented grammar accepts every pair, each key once, in the context of the channel. */
    private static boolean documentedAccepted(Case hostile, List<Pair> pairs) {
        Set<Property<?>> seen = new HashSet<>();
        for (Pair pair : pairs) {
            Property<?> property = lookUp(hostile.channel(), pair.key());
            if (property == null || !seen.add(property)) {
                return false;
            }
            if (hostile.channel().file() && property == Property.CONFIG) {
                return false;
            }
            if (!documentedValue(new Case(hostile.channel(), property, hostile.valueClass(), pair.value(), null), pair.value())) {
                return false;
            }
        }
        return true;
    }

    /** The property a key names: the registry's key with or without {@code portalgo.}, ASCII case ignored; exact for variables. */
    private static Property<?> lookUp(Channel channel, String key) {
        if (channel == Channel.ENVIRONMENT) {
            return Property.all().stream().filter(property -> property.envVar().equals(key)).findFirst().orElse(null);
        }
        String name = blankTrimmed(key);
        if (!name.chars().allMatch(c -> c < 0x80)) {
            return null;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        String full = lower.startsWith("portalgo.") ? lower : "portalgo." + lower;
        return Property.all().stream().filter(property -> property.key().equals(full)).findFirst().orElse(null);
    }

    /** The README's grammar of each property, after ASCII spaces and tabs at both ends are dropped. */
    private static boolean documentedValue(Case hostile, String raw) {
        String value = blankTrimmed(raw);
        if (forbiddenIn(value) >= 0) {
            return false;
        }
        Property<?> property = hostile.property();
        boolean live = hostile.channel().live();
        switch (property.key()) {
            case "portalgo.enabled":
            case "portalgo.listeners":
            case "portalgo.native-transports":
                return isName(value, "true", "false");
            case "portalgo.jmx":
            case "portalgo.class-cache":
                return live ? isName(value, "true") : isName(value, "true", "false");
            case "portalgo.rules":
                return isRules(value);
            case "portalgo.range":
                return portRange(value) != null;
            case "portalgo.reserved": {
                BitSet ports = portList(value);
                PortRange range = live ? RUNNING_RANGE : HOST_RANGE;
                return ports != null && ports.get(range.min(), range.max() + 1).cardinality() < range.size();
            }
            case "portalgo.tcp.mode":
                return isName(value, "auto", "pin", "share", "exclusive");
            case "portalgo.hash":
                return isName(value, "siphash", "md5");
            case "portalgo.rekey":
                return isDuration(value);
            case "portalgo.doublehash.table-size":
                return isInteger(value, 1, 16_777_216);
            case "portalgo.doublehash.noise":
                return isInteger(value, 0, 65_535);
            case "portalgo.randinc.n":
            case "portalgo.max-attempts":
                return isInteger(value, 1, 65_535);
            case "portalgo.on-exhaustion":
                return isName(value, "kernel", "fail");
            case "portalgo.seed":
                return value.isEmpty() || (value.matches("[+-]?[0-9]+")
                        && new BigInteger(value).bitLength() < 64);
            case "portalgo.log.level":
                return isName(value, "off", "error", "warn", "info", "debug");
            case "portalgo.config":
                return value.isEmpty() || (!live && value.equals(FILE));
            case "portalgo.class-cache.dir":
                return value.isEmpty() || !live; // any path; checked when the cache opens, not here
            default:
                if (property.key().endsWith("algorithm")) {
                    return value.isEmpty() || isName(value, ALGORITHMS.toArray(new String[0]));
                }
                throw new AssertionError("no documented grammar for " + property + ": add it here");
        }
    }

    private static boolean isName(String value, String... names) {
        return value.chars().allMatch(c -> c < 0x80) && List.of(names).contains(value.toLowerCase(Locale.ROOT));
    }

    private static boolean isInteger(String value, long min, long max) {
        return value.matches("[0-9]{1,10}") && Long.parseLong(value) >= min && Long.parseLong(value) <= max;
    }

    private static boolean isDuration(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.equals("0")) {
            return true;
        }
        Matcher duration = Pattern.compile("([0-9]{1,12}) *(ms|s|m|h|d)").matcher(lower);
        if (!value.chars().allMatch(c -> c < 0x80) || !duration.matches()) {
            return false;
        }
        long unit = Map.of("ms", 1L, "s", 1_000L, "m", 60_000L, "h", 3_600_000L, "d", 86_400_000L).get(duration.group(2));
        return BigInteger.valueOf(Long.parseLong(duration.group(1))).multiply(BigInteger.valueOf(unit))
                .compareTo(BigInteger.valueOf(30L * 86_400_000L)) <= 0;
    }

    private static int[] portRange(String value) {
        Matcher range = Pattern.compile("([0-9]{1,10}) *- *([0-9]{1,10})").matcher(value);
        if (!range.matches()) {
            return null;
        }
        long min = Long.parseLong(range.group(1));
        long max = Long.parseLong(range.group(2));
        return min >= 1 && min <= max && max <= 65_535 ? new int[] {(int) min, (int) max} : null;
    }

    private static BitSet portList(String value) {
        BitSet ports = new BitSet();
        if (value.isEmpty()) {
            return ports;
        }
        for (String item : value.split(",", -1)) {
            String trimmed = item.trim();
            int[] range = trimmed.matches("[0-9]{1,10}") ? portRange(trimmed + "-" + trimmed) : portRange(trimmed);
            if (range == null) {
                return null;
            }
            ports.set(range[0], range[1] + 1);
        }
        return ports;
    }

    /** {@code protocol:address:port=algorithm;...}: protocol tcp, udp or *; address an IP, a CIDR or *, IPv6 in brackets; port N, A-B or *. */
    private static boolean isRules(String value) {
        for (String entry : value.split(";", -1)) {
            String rule = entry.trim();
            if (!rule.isEmpty() && !isRule(rule)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isRule(String rule) {
        int equals = rule.indexOf('=');
        if (equals < 0 || rule.indexOf('=', equals + 1) >= 0 || !isName(rule.substring(equals + 1).trim(),
                ALGORITHMS.toArray(new String[0]))) {
            return false;
        }
        String match = rule.substring(0, equals).trim();
        int first = match.indexOf(':');
        int last = match.lastIndexOf(':');
        if (first < 0 || first == last) {
            return false;
        }
        String protocol = match.substring(0, first).trim();
        String port = match.substring(last + 1).trim();
        boolean portOk = port.equals("*") || (port.matches("[0-9]{1,5}") ? portRange(port + "-" + port) != null
                : port.matches("[0-9]{1,5} *- *[0-9]{1,5}") && portRange(port) != null);
        return (protocol.equals("*") || isName(protocol, "tcp", "udp")) && portOk
                && isAddress(match.substring(first + 1, last).trim());
    }

    private static boolean isAddress(String address) {
        if (address.equals("*")) {
            return true;
        }
        boolean bracketed = address.startsWith("[") && address.endsWith("]");
        String block = bracketed ? address.substring(1, address.length() - 1).trim() : address;
        int slash = block.indexOf('/');
        String literal = (slash < 0 ? block : block.substring(0, slash)).trim();
        byte[] bytes;
        if (bracketed) {
            if (!literal.matches("[0-9A-Fa-f:]+")) {
                return false;
            }
            try {
                InetAddress parsed = InetAddress.getByName(literal);
                if (!(parsed instanceof Inet6Address)) {
                    return false;
                }
                bytes = parsed.getAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        } else {
            if (!literal.matches("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}")) {
                return false;
            }
            bytes = new byte[4];
            String[] octets = literal.split("\\.");
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(octets[i]);
                if (octet > 255) {
                    return false;
                }
                bytes[i] = (byte) octet;
            }
        }
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String length = block.substring(slash + 1).trim();
            if (!length.matches("[0-9]{1,3}") || Integer.parseInt(length) > bits) {
                return false;
            }
            prefix = Integer.parseInt(length);
        }
        BigInteger number = new BigInteger(1, bytes);
        return number.equals(number.shiftRight(bits - prefix).shiftLeft(bits - prefix));
    }

    // ---------------------------------------------------------------- helpers

    /** ASCII spaces and tabs dropped at both ends, as the README says; nothing else. */
    private static String blankTrimmed(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        return text.substring(start, end);
    }

    /** The index of the first control character (U+0000-U+001F, U+007F-U+009F) or U+2028/U+2029, or -1. */
    private static int forbiddenIn(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                return i;
            }
        }
        return -1;
    }

    /** {@code \x01} is U+0001, {@code \u2028} is U+2028; other texts stand for themselves. */
    private static String raw(String escape) {
        if (escape.startsWith("\\x")) {
            return String.valueOf((char) Integer.parseInt(escape.substring(2), 16));
        }
        if (escape.startsWith("\\u")) {
            return String.valueOf((char) Integer.parseInt(escape.substring(2), 16));
        }
        return Map.of("\\t", "\t", "\\n", "\n", "\\r", "\r").getOrDefault(escape, escape);
    }

    /** The first letter i, s or k of {@code text} swapped for a non-ASCII letter Java's case folding equates with it. */
    private static String lookalike(String text) {
        String[][] swaps = {{"i", "\u0131"}, {"s", "\u017f"}, {"k", "\u212a"}, {"I", "\u0130"}};
        for (String[] swap : swaps) {
            int at = text.indexOf(swap[0]);
            if (at >= 0) {
                return text.substring(0, at) + swap[1] + text.substring(at + 1);
            }
        }
        return text + "\u00e9";
    }

    /** {@code portalgo.re-key} as an environment variable name, upper-casing ASCII letters only. */
    private static String asciiUpperCase(String key) {
        StringBuilder name = new StringBuilder();
        for (char c : key.toCharArray()) {
            name.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c == '.' || c == '-' ? '_' : c);
        }
        return name.toString();
    }

    private static String middle(String text, String inserted) {
        return text.substring(0, text.length() / 2) + inserted + text.substring(text.length() / 2);
    }

    /** For failure messages: the text with every invisible character as a code. */
    private static String printable(String text) {
        StringBuilder shown = new StringBuilder();
        int limit = Math.min(text.length(), 120);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            shown.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("<U+%04X>", (int) c));
        }
        return text.length() > limit ? shown + "...(" + text.length() + ")" : shown.toString();
    }

    private static String report(String title, Map<Channel, int[]> counts) {
        StringBuilder report = new StringBuilder(title).append(" (").append(Property.all().size())
                .append(" properties): channel, values tried, accepted, refused\n");
        int[] total = new int[3];
        counts.forEach((channel, count) -> {
            report.append(String.format("  %-20s %6d %6d %6d%n", channel, count[0], count[1], count[2]));
            for (int i = 0; i < 3; i++) {
                total[i] += count[i];
            }
        });
        return report.append(String.format("  %-20s %6d %6d %6d", "total", total[0], total[1], total[2])).toString();
    }
}
