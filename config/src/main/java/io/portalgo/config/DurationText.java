package io.portalgo.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h},
 * {@code 1d}, or {@code 0}. A bare number other than 0 is refused: {@code 500} could mean
 * 500 ms or 500 s, and a key epoch off by a factor of 1000 fails silently.
 */
final class DurationText {
    /** Longest accepted duration: 30 days, far beyond any sensible key epoch, far below overflow. */
    static final long MAX_MILLIS = 30L * 24 * 3600 * 1000;

    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");
    private static final long[] UNIT_MILLIS = {24L * 3600 * 1000, 3600L * 1000, 60L * 1000, 1000L, 1L};
    private static final String[] UNIT_NAMES = {"d", "h", "m", "s", "ms"};

    private DurationText() {
    }

    /** @throws IllegalArgumentException if {@code text} is not a duration in 0..{@link #MAX_MILLIS} */
    static long parseMillis(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        if (trimmed.equals("0")) {
            return 0;
        }
        Matcher matcher = DURATION.matcher(trimmed);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        long amount = Long.parseLong(matcher.group(1));
        long unit = UNIT_MILLIS[indexOf(matcher.group(2))];
        if (amount > MAX_MILLIS / unit) {
            throw new IllegalArgumentException("duration too long: " + text);
        }
        return amount * unit;
    }

    /** The shortest exact text: 10000 ms is {@code 10s}, 1500 ms stays {@code 1500ms}, 0 is {@code 0}. */
    static String format(long millis) {
        if (millis == 0) {
            return "0";
        }
        for (int i = 0; i < UNIT_MILLIS.length; i++) {
            if (millis % UNIT_MILLIS[i] == 0) {
                return millis / UNIT_MILLIS[i] + UNIT_NAMES[i];
            }
        }
        throw new AssertionError(millis);
    }

    private static int indexOf(String unit) {
        for (int i = 0; i < UNIT_NAMES.length; i++) {
            if (UNIT_NAMES[i].equals(unit)) {
                return i;
            }
        }
        throw new AssertionError(unit);
    }
}
