package io.portalgo.config;

import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.PortRange;
import io.portalgo.algorithms.PortSet;
import io.portalgo.algorithms.PrfKind;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The value types of the properties. Choices made here (README, "Configuration"):
 * <ul>
 *   <li>booleans are {@code true} or {@code false} only, any case: {@code yes}/{@code 1} are
 *       refused rather than guessed;</li>
 *   <li>names ({@code HASH}, {@code Pin}) are case-insensitive in ASCII only ({@link InputText#sameName});</li>
 *   <li>a duration needs a unit ({@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, {@code 1d});
 *       only {@code 0} stands alone, so {@code rekey=500} cannot be misread as seconds or ms;</li>
 *   <li>an empty value means "unset" for the optional properties (scoped algorithms, seed,
 *       config) and "none" for lists (reserved, rules); it is an error elsewhere.</li>
 * </ul>
 * Every value is read by hand ({@link Digits}): no regular expression, no lambda, since the
 * agent reads its settings before {@code main} in every JVM (GitHub issue 11).
 */
final class Values {
    private Values() {
    }

    static final ValueType<Boolean> BOOLEAN = new ValueType<>() {
        @Override
        public Boolean parse(String text) throws InvalidValue {
            if (InputText.sameName(text, "true")) {
                return true;
            }
            if (InputText.sameName(text, "false")) {
                return false;
            }
            throw rejected(text);
        }

        @Override
        public String format(Boolean value) {
            return value.toString();
        }

        @Override
        public String accepted() {
            return "expected true or false";
        }
    };

    /** Digits of an integer or a port: more would be refused by any bound anyway. */
    private static final int MAX_DIGITS = 10;

    static ValueType<Integer> integer(int min, int max) {
        return new ValueType<>() {
            @Override
            public Integer parse(String text) throws InvalidValue {
                long value = Digits.value(text, MAX_DIGITS);
                if (value < min || value > max) {
                    throw rejected(text);
                }
                return (int) value;
            }

            @Override
            public String format(Integer value) {
                return value.toString();
            }

            @Override
            public String accepted() {
                return "expected an integer from " + min + " to " + max;
            }
        };
    }

    /** One of the {@code constants} by its id ({@link #id}), any case; a near miss gets a suggestion. */
    static <E extends Enum<E>> ValueType<E> names(E[] constants) {
        String[] ids = new String[constants.length];
        for (int i = 0; i < constants.length; i++) {
            ids[i] = id(constants[i]);
        }
        String accepted = "expected one of " + String.join(", ", ids);
        return new ValueType<>() {
            @Override
            public E parse(String text) throws InvalidValue {
                for (int i = 0; i < constants.length; i++) {
                    if (InputText.sameName(text, ids[i])) {
                        return constants[i];
                    }
                }
                Optional<String> near = Suggestions.closest(text, Arrays.asList(ids));
                throw new InvalidValue(text, accepted + near.map(name -> " (did you mean " + name + "?)").orElse(""));
            }

            @Override
            public String format(E value) {
                return id(value);
            }

            @Override
            public String accepted() {
                return accepted;
            }
        };
    }

    /**
     * The id of a constant of a name-valued property's enum: {@code random_pick}, {@code pin}.
     * Asked by type rather than through a {@code Function} such as {@code TcpMode::id}, whose
     * method reference would spin a class at start-up.
     */
    private static String id(Enum<?> constant) {
        if (constant instanceof Algorithm) {
            return ((Algorithm) constant).id();
        }
        if (constant instanceof PrfKind) {
            return ((PrfKind) constant).id();
        }
        if (constant instanceof TcpMode) {
            return ((TcpMode) constant).id();
        }
        if (constant instanceof ExhaustionPolicy) {
            return ((ExhaustionPolicy) constant).id();
        }
        if (constant instanceof LogLevel) {
            return ((LogLevel) constant).id();
        }
        throw new AssertionError("no id for " + constant.getDeclaringClass());
    }

    static final ValueType<Algorithm> ALGORITHM = names(Algorithm.values());

    /** An algorithm, or empty text for "not set at this scope". */
    static final ValueType<Optional<Algorithm>> OPTIONAL_ALGORITHM = new ValueType<>() {
        @Override
        public Optional<Algorithm> parse(String text) throws InvalidValue {
            if (text.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(ALGORITHM.parse(text));
            } catch (InvalidValue e) {
                throw new InvalidValue(text, e.issues().get(0).reason().replace(ALGORITHM.accepted(), accepted()));
            }
        }

        @Override
        public String format(Optional<Algorithm> value) {
            return value.map(Algorithm::id).orElse("");
        }

        @Override
        public String accepted() {
            return ALGORITHM.accepted() + ", or nothing to unset";
        }
    };

    /**
     * The two numbers of {@code a-b}, blanks allowed around the dash ({@code 40000 - 40999}), each
     * of 1 to 10 digits; null for any other text.
     */
    private static long[] bounds(String text) {
        int firstEnd = Digits.skipDigits(text, 0);
        long first = Digits.value(text, 0, firstEnd, MAX_DIGITS);
        int dash = Digits.skipSpaces(text, firstEnd);
        if (first < 0 || dash == text.length() || text.charAt(dash) != '-') {
            return null;
        }
        long last = Digits.value(text, Digits.skipSpaces(text, dash + 1), text.length(), MAX_DIGITS);
        return last < 0 ? null : new long[] {first, last};
    }

    static final ValueType<PortRange> RANGE_TYPE = new ValueType<>() {
        @Override
        public PortRange parse(String text) throws InvalidValue {
            long[] bounds = bounds(text);
            if (bounds == null) {
                throw rejected(text);
            }
            long min = bounds[0];
            long max = bounds[1];
            if (min < PortRange.LOWEST_PORT || max > PortRange.HIGHEST_PORT || min > max) {
                throw rejected(text);
            }
            return PortRange.of((int) min, (int) max);
        }

        @Override
        public String format(PortRange value) {
            return value.toString();
        }

        @Override
        public String accepted() {
            return "expected min-max with 1 <= min <= max <= 65535";
        }
    };

    /** Linux's {@code ip_local_reserved_ports} syntax: {@code 1,2-4,10}; empty is the empty set. */
    static final ValueType<PortSet> PORT_LIST = new ValueType<>() {
        @Override
        public PortSet parse(String text) throws InvalidValue {
            if (text.isEmpty()) {
                return PortSet.EMPTY; // most hosts reserve nothing: no builder class to load at start-up
            }
            PortSet.Builder ports = PortSet.builder();
            // A one-character separator: String.split's fast path, no regular expression.
            for (String item : text.split(",", -1)) {
                String trimmed = item.trim();
                long port = Digits.value(trimmed, MAX_DIGITS);
                if (port >= 0) {
                    if (port < PortRange.LOWEST_PORT || port > PortRange.HIGHEST_PORT) {
                        throw rejected(text, "port " + Echo.of(trimmed) + " is not in 1..65535");
                    }
                    ports.add((int) port);
                    continue;
                }
                long[] range = bounds(trimmed);
                if (range == null) {
                    throw rejected(text, "'" + Echo.of(trimmed) + "' is neither a port nor a range a-b");
                }
                long first = range[0];
                long last = range[1];
                if (first < PortRange.LOWEST_PORT || last > PortRange.HIGHEST_PORT || first > last) {
                    throw rejected(text, "range " + Echo.of(trimmed) + " is not within 1..65535 with a <= b");
                }
                ports.addRange((int) first, (int) last);
            }
            return ports.build();
        }

        @Override
        public String format(PortSet value) {
            return value.toString();
        }

        @Override
        public String accepted() {
            return "expected ports and ranges like 1,2-4,10 (each in 1..65535), or nothing for none";
        }
    };

    static final ValueType<Long> DURATION = new ValueType<>() {
        @Override
        public Long parse(String text) throws InvalidValue {
            try {
                return DurationText.parseMillis(text);
            } catch (IllegalArgumentException e) {
                throw rejected(text);
            }
        }

        @Override
        public String format(Long value) {
            return DurationText.format(value);
        }

        @Override
        public String accepted() {
            return "expected a duration with a unit like 500ms, 10s, 2m, 1h, 1d (at most "
                    + DurationText.format(DurationText.MAX_MILLIS) + "), or 0 for never";
        }
    };

    /** The seed: a value that must never be echoed, not even when it is malformed. */
    static final ValueType<OptionalLong> SEED = new ValueType<>() {
        @Override
        public OptionalLong parse(String text) throws InvalidValue {
            if (text.isEmpty()) {
                return OptionalLong.empty();
            }
            // ASCII digits only: Long.parseLong would also read full-width and other scripts' digits.
            int sign = text.charAt(0) == '+' || text.charAt(0) == '-' ? 1 : 0;
            if (Digits.areDigits(text, sign, text.length(), 19)) {
                try {
                    return OptionalLong.of(Long.parseLong(text));
                } catch (NumberFormatException e) {
                    // beyond 64 bits: refused below
                }
            }
            throw new InvalidValue(SECRET_HIDDEN, accepted());
        }

        @Override
        public String format(OptionalLong value) {
            return value.isPresent() ? SECRET_SHOWN_AS : "";
        }

        @Override
        public String accepted() {
            return "expected a decimal 64-bit integer, or nothing to unset";
        }
    };

    /** How a bad secret value appears in an error message. */
    static final String SECRET_HIDDEN = "(hidden)";

    /** How a set secret value appears in {@code toMap()} and {@code describe()}. */
    static final String SECRET_SHOWN_AS = "(set)";

    /** A file path, or nothing. Existence is checked where the file is read. */
    static final ValueType<Optional<String>> OPTIONAL_PATH = new ValueType<>() {
        @Override
        public Optional<String> parse(String text) {
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        }

        @Override
        public String format(Optional<String> value) {
            return value.orElse("");
        }

        @Override
        public String accepted() {
            return "expected the path of a properties file";
        }
    };

    static final ValueType<DestinationRules> RULES = new ValueType<>() {
        @Override
        public DestinationRules parse(String text) throws InvalidValue {
            return DestinationRules.parse(text);
        }

        @Override
        public String format(DestinationRules value) {
            return value.toString();
        }

        @Override
        public String accepted() {
            return DestinationRules.SYNTAX;
        }
    };
}
