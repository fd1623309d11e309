package io.portalgo.config;

import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.PortRange;
import io.portalgo.algorithms.PortSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern DIGITS = Pattern.compile("\\d{1,10}");

    static ValueType<Integer> integer(int min, int max) {
        return new ValueType<>() {
            @Override
            public Integer parse(String text) throws InvalidValue {
                if (!DIGITS.matcher(text).matches()) {
                    throw rejected(text);
                }
                long value = Long.parseLong(text);
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

    /** One of a fixed set of names, any case; a near miss gets a suggestion. */
    static <E> ValueType<E> names(E[] constants, Function<E, String> id) {
        List<String> ids = new ArrayList<>();
        for (E constant : constants) {
            ids.add(id.apply(constant));
        }
        String accepted = "expected one of " + String.join(", ", ids);
        return new ValueType<>() {
            @Override
            public E parse(String text) throws InvalidValue {
                for (E constant : constants) {
                    if (InputText.sameName(text, id.apply(constant))) {
                        return constant;
                    }
                }
                Optional<String> near = Suggestions.closest(text, ids);
                throw new InvalidValue(text, accepted + near.map(name -> " (did you mean " + name + "?)").orElse(""));
            }

            @Override
            public String format(E value) {
                return id.apply(value);
            }

            @Override
            public String accepted() {
                return accepted;
            }
        };
    }

    static final ValueType<Algorithm> ALGORITHM = names(Algorithm.values(), Algorithm::id);

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

    private static final Pattern RANGE = Pattern.compile("(\\d{1,10})\\s*-\\s*(\\d{1,10})");

    static final ValueType<PortRange> RANGE_TYPE = new ValueType<>() {
        @Override
        public PortRange parse(String text) throws InvalidValue {
            Matcher matcher = RANGE.matcher(text);
            if (!matcher.matches()) {
                throw rejected(text);
            }
            long min = Long.parseLong(matcher.group(1));
            long max = Long.parseLong(matcher.group(2));
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
            PortSet.Builder ports = PortSet.builder();
            if (text.isEmpty()) {
                return ports.build();
            }
            for (String item : text.split(",", -1)) {
                String trimmed = item.trim();
                if (DIGITS.matcher(trimmed).matches()) {
                    long port = Long.parseLong(trimmed);
                    if (port < PortRange.LOWEST_PORT || port > PortRange.HIGHEST_PORT) {
                        throw rejected(text, "port " + Echo.of(trimmed) + " is not in 1..65535");
                    }
                    ports.add((int) port);
                    continue;
                }
                Matcher range = RANGE.matcher(trimmed);
                if (!range.matches()) {
                    throw rejected(text, "'" + Echo.of(trimmed) + "' is neither a port nor a range a-b");
                }
                long first = Long.parseLong(range.group(1));
                long last = Long.parseLong(range.group(2));
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

    private static final Pattern SIGNED_DIGITS = Pattern.compile("[+-]?[0-9]{1,19}");

    /** The seed: a value that must never be echoed, not even when it is malformed. */
    static final ValueType<OptionalLong> SEED = new ValueType<>() {
        @Override
        public OptionalLong parse(String text) throws InvalidValue {
            if (text.isEmpty()) {
                return OptionalLong.empty();
            }
            // ASCII digits only: Long.parseLong would also read full-width and other scripts' digits.
            if (SIGNED_DIGITS.matcher(text).matches()) {
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
