package io.portalgo.config;

import java.util.Locale;

/**
 * Durations as people write them: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h},
 * {@code 1d}, or {@code 0}. A bare number other than 0 is refused: {@code 500} could mean
 * 500 ms or 500 s, and a key epoch off by a factor of 1000 fails silently.
 */
final class DurationText {
    /** Longest accepted duration: 30 days, far beyond any sensible key epoch, far below overflow. */
    static final long MAX_MILLIS = 30L * 24 * 3600 * 1000;

    /** At most 12 digits in the amount; 30 days in ms take 10 (2592000000). */
    private static final int MAX_DIGITS = 12;
    private static final long[] UNIT_MILLIS = {24L * 3600 * 1000, 3600L * 1000, 60L * 1000, 1000L, 1L};
    private static final String[] UNIT_NAMES = {"d", "h", "m", "s", "ms"};

    private DurationText() {
    }

    /**
     * Up to 12 ASCII digits, optional whitespace, a unit ({@code 10s}, {@code 10 S}); or {@code 0}.
     *
     * @throws IllegalArgumentException if {@code text} is not a duration in 0..{@link #MAX_MILLIS}
     */
    static long parseMillis(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        if (trimmed.equals("0")) {
            return 0;
        }
        int digitsEnd = Digits.skipDigits(trimmed, 0);
        long amount = Digits.value(trimmed, 0, digitsEnd, MAX_DIGITS);
        int unitIndex = amount < 0 ? -1 : indexOf(trimmed.substring(Digits.skipSpaces(trimmed, digitsEnd)));
        if (unitIndex < 0) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        long unit = UNIT_MILLIS[unitIndex];
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

    /** The index of {@code unit} in {@link #UNIT_NAMES}, or -1. */
    private static int indexOf(String unit) {
        for (int i = 0; i < UNIT_NAMES.length; i++) {
            if (UNIT_NAMES[i].equals(unit)) {
                return i;
            }
        }
        return -1;
    }
}
