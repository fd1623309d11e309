package io.portalgo.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalgo.algorithms.PortRange;
import io.portalgo.algorithms.PortSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The readers written by hand for start-up ({@link Digits}, the value types, durations, agent
 * arguments, the host's range file) accept exactly what the regular expressions they replaced
 * accepted, with the same values and the same messages. The former code is kept here, as it
 * was, as the oracle; inputs are strings of tokens chosen to sit on every edge: digit counts at
 * and past each limit, every whitespace {@code \s} knows, digits of other scripts ({@code ٣},
 * {@code ０}), signs, dashes, units in both cases.
 */
class HandReadersTest {
    private static final String[] NUMBER_TOKENS = {"0", "1", "7", "0042", "40000", "65535", "65536", "1234567890",
        "12345678901", "999999999999999999", " ", "\t", "\n", "\u000B", "\f", "\r", "-", ",", "+", "\u0663", "\uff10", "x"};

    @Property(tries = 3000)
    void digitsAreWhatBackslashDMatched(@ForAll("numbers") String text) {
        for (int maxDigits = 1; maxDigits <= 18; maxDigits++) {
            boolean matched = text.matches("\\d{1," + maxDigits + "}");
            long value = Digits.value(text, maxDigits);
            assertThat(value >= 0).as("%s, at most %d digits", text, maxDigits).isEqualTo(matched);
            if (matched) {
                assertThat(value).isEqualTo(Long.parseLong(text));
            }
        }
    }

    @Property(tries = 3000)
    void integersRangesAndPortListsReadAsBefore(@ForAll("numbers") String text) {
        assertThat(outcome(Values.integer(0, 65_535), text)).isEqualTo(Former.integer(text, 0, 65_535));
        assertThat(outcome(Values.integer(1, 16_777_216), text)).isEqualTo(Former.integer(text, 1, 16_777_216));
        assertThat(outcome(Values.RANGE_TYPE, text)).isEqualTo(Former.range(text));
        assertThat(outcome(Values.PORT_LIST, text)).isEqualTo(Former.portList(text));
    }

    @Property(tries = 2000)
    void seedsReadAsBefore(@ForAll("seeds") String text) {
        assertThat(outcome(Values.SEED, text)).isEqualTo(Former.seed(text));
    }

    @Property(tries = 3000)
    void durationsReadAsBefore(@ForAll("durations") String text) {
        assertThat(duration(text)).isEqualTo(Former.duration(text));
    }

    @Property(tries = 3000)
    void agentArgumentsSplitAsBefore(@ForAll("arguments") String text) {
        assertThat(arguments(text)).isEqualTo(Former.arguments(text));
    }

    @Property(tries = 2000)
    void theHostRangeFileReadsAsBefore(@ForAll("rangeFiles") String content) {
        Environment host = TestEnvironments.host(Map.of(TestEnvironments.RANGE_FILE.toString(), content)).build();
        assertThat(HostPorts.range(host)).as(content).isEqualTo(Former.hostRange(content));
    }

    @Provide
    Arbitrary<String> numbers() {
        Arbitrary<String> number = Arbitraries.of("0", "1", "7", "0042", "40000", "65535", "65536", "1234567890", "12345678901",
                "999999999999999999", "\u0663", "\uff10", "x", "");
        return Arbitraries.oneOf(tokens(NUMBER_TOKENS),
                Combinators.combine(number, spaces(), Arbitraries.of("-", ",", "+", ""), spaces(), number)
                        .as((a, b, c, d, e) -> a + b + c + d + e));
    }

    @Provide
    Arbitrary<String> seeds() {
        return tokens("+", "-", "0", "1", "42", "9223372036854775807", "9223372036854775808", "1234567890123456789",
                "12345678901234567890", " ", "\u0663", "x");
    }

    @Provide
    Arbitrary<String> durations() {
        Arbitrary<String> amount = Arbitraries.of("0", "1", "10", "500", "2592000", "2592001", "999999999999", "1000000000000",
                "\u0663", "");
        Arbitrary<String> unit = Arbitraries.of("ms", "s", "m", "h", "d", "MS", "Ms", "S", "D", "us", "sm", "x", "");
        return Arbitraries.oneOf(tokens("0", "1", "10", " ", "\t", "ms", "s", "m", "h", "d", "S", "us", "x", "-", "\u0663"),
                Combinators.combine(spaces(), amount, spaces(), unit, spaces()).as((a, b, c, d, e) -> a + b + c + d + e));
    }

    @Provide
    Arbitrary<String> arguments() {
        return tokens("a", "tcp.mode", "Range", "_x", "1x", "x-y", "é", " ", "\t", "\n", "=", "=", ",", ",", "pin", "1,2");
    }

    @Provide
    Arbitrary<String> rangeFiles() {
        Arbitrary<String> number = Arbitraries.of("32768", "60999", "0", "1", "65535", "65536", "123456", "\u0663", "x", "");
        return Arbitraries.oneOf(tokens("32768", "60999", " ", "\t", "\n", "\r", "x", "-"),
                Combinators.combine(spaces(), number, spaces(), number, spaces()).as((a, b, c, d, e) -> a + b + c + d + e));
    }

    /** Nothing, or one or two of the characters a regular expression's {@code \s} matches, or a no-break space. */
    private static Arbitrary<String> spaces() {
        return Arbitraries.of("", "", " ", "\t", "\n", "\u000B", "\f", "\r", "\u00a0", " \t", "\r\n");
    }

    /** Strings of 0 to 7 tokens. */
    private static Arbitrary<String> tokens(String... tokens) {
        return Arbitraries.of(tokens).list().ofMaxSize(7).map(list -> String.join("", list));
    }

    private static String outcome(ValueType<?> type, String text) {
        try {
            return "accepted " + type.parse(text);
        } catch (InvalidValue e) {
            return "refused " + e.issues();
        }
    }

    private static String duration(String text) {
        try {
            return "accepted " + DurationText.parseMillis(text);
        } catch (IllegalArgumentException e) {
            return "refused " + e.getMessage();
        }
    }

    private static String arguments(String text) {
        try {
            return "accepted " + AgentArguments.parse(text);
        } catch (ConfigException e) {
            return "refused " + e.getMessage();
        }
    }

    /** The code the hand-written readers replaced, kept as it was. */
    private static final class Former {
        private static final Pattern DIGITS = Pattern.compile("\\d{1,10}");
        private static final Pattern RANGE = Pattern.compile("(\\d{1,10})\\s*-\\s*(\\d{1,10})");
        private static final Pattern SIGNED_DIGITS = Pattern.compile("[+-]?[0-9]{1,19}");
        private static final Pattern DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");
        private static final Pattern TWO_NUMBERS = Pattern.compile("\\s*(\\d{1,5})\\s+(\\d{1,5})\\s*");
        private static final String KEY = "[A-Za-z][A-Za-z0-9._-]*";
        private static final String BLANKS = "[ \\t]*";
        private static final Pattern SEPARATOR = Pattern.compile(",(?=" + BLANKS + KEY + BLANKS + "=)");
        private static final Pattern PAIR = Pattern.compile(BLANKS + "(" + KEY + ")" + BLANKS + "=(.*)", Pattern.DOTALL);
        private static final long[] UNIT_MILLIS = {24L * 3600 * 1000, 3600L * 1000, 60L * 1000, 1000L, 1L};
        private static final List<String> UNIT_NAMES = List.of("d", "h", "m", "s", "ms");

        private Former() {
        }

        static String integer(String text, int min, int max) {
            String accepted = "expected an integer from " + min + " to " + max;
            if (!DIGITS.matcher(text).matches()) {
                return refused(text, accepted);
            }
            long value = Long.parseLong(text);
            return value < min || value > max ? refused(text, accepted) : "accepted " + value;
        }

        static String range(String text) {
            String accepted = Values.RANGE_TYPE.accepted();
            Matcher matcher = RANGE.matcher(text);
            if (!matcher.matches()) {
                return refused(text, accepted);
            }
            long min = Long.parseLong(matcher.group(1));
            long max = Long.parseLong(matcher.group(2));
            if (min < PortRange.LOWEST_PORT || max > PortRange.HIGHEST_PORT || min > max) {
                return refused(text, accepted);
            }
            return "accepted " + PortRange.of((int) min, (int) max);
        }

        static String portList(String text) {
            String accepted = "; " + Values.PORT_LIST.accepted();
            PortSet.Builder ports = PortSet.builder();
            if (text.isEmpty()) {
                return "accepted " + ports.build();
            }
            for (String item : text.split(",", -1)) {
                String trimmed = item.trim();
                if (DIGITS.matcher(trimmed).matches()) {
                    long port = Long.parseLong(trimmed);
                    if (port < PortRange.LOWEST_PORT || port > PortRange.HIGHEST_PORT) {
                        return refused(text, "port " + Echo.of(trimmed) + " is not in 1..65535" + accepted);
                    }
                    ports.add((int) port);
                    continue;
                }
                Matcher range = RANGE.matcher(trimmed);
                if (!range.matches()) {
                    return refused(text, "'" + Echo.of(trimmed) + "' is neither a port nor a range a-b" + accepted);
                }
                long first = Long.parseLong(range.group(1));
                long last = Long.parseLong(range.group(2));
                if (first < PortRange.LOWEST_PORT || last > PortRange.HIGHEST_PORT || first > last) {
                    return refused(text, "range " + Echo.of(trimmed) + " is not within 1..65535 with a <= b" + accepted);
                }
                ports.addRange((int) first, (int) last);
            }
            return "accepted " + ports.build();
        }

        static String seed(String text) {
            if (text.isEmpty()) {
                return "accepted " + OptionalLong.empty();
            }
            if (SIGNED_DIGITS.matcher(text).matches()) {
                try {
                    return "accepted " + OptionalLong.of(Long.parseLong(text));
                } catch (NumberFormatException e) {
                    // beyond 64 bits: refused below
                }
            }
            return refused(Values.SECRET_HIDDEN, Values.SEED.accepted());
        }

        static String duration(String text) {
            String trimmed = text.trim().toLowerCase(Locale.ROOT);
            if (trimmed.equals("0")) {
                return "accepted 0";
            }
            Matcher matcher = DURATION.matcher(trimmed);
            if (!matcher.matches()) {
                return "refused not a duration: " + text;
            }
            long amount = Long.parseLong(matcher.group(1));
            long unit = UNIT_MILLIS[UNIT_NAMES.indexOf(matcher.group(2))];
            if (amount > DurationText.MAX_MILLIS / unit) {
                return "refused duration too long: " + text;
            }
            return "accepted " + amount * unit;
        }

        static String arguments(String arguments) {
            List<Map.Entry<String, String>> pairs = new ArrayList<>();
            if (arguments == null || InputText.trimmed(arguments).isEmpty()) {
                return "accepted " + pairs;
            }
            for (String piece : SEPARATOR.split(arguments, -1)) {
                Matcher pair = PAIR.matcher(piece);
                if (!pair.matches()) {
                    return "refused " + Echo.oneLine("'" + Echo.of(InputText.trimmed(piece)) + "' (agent argument): expected "
                            + "key=value pairs separated by commas, e.g. algorithm=hash,range=40000-44999");
                }
                pairs.add(Map.entry(pair.group(1), InputText.trimmed(pair.group(2))));
            }
            return "accepted " + pairs;
        }

        static Optional<PortRange> hostRange(String content) {
            Matcher matcher = TWO_NUMBERS.matcher(content);
            if (!matcher.matches()) {
                return Optional.empty();
            }
            try {
                return Optional.of(PortRange.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }

        private static String refused(String shown, String reason) {
            return "refused " + List.of(new InvalidValue.Issue(shown, reason));
        }
    }
}
