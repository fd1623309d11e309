package io.portalgo.config;

/**
 * ASCII decimal numbers and the whitespace around them, read by hand. Settings are read in the
 * agent's premain, before {@code main}, in every JVM: a first {@code java.util.regex.Pattern}
 * there loads about 30 regex classes and spins lambdas, so the value types, the agent-argument
 * syntax and the host's port files are read with these few loops instead. Digits are
 * {@code 0}-{@code 9} only ({@code Character.isDigit} would also take {@code ４} and other
 * scripts' digits); whitespace is what a regular expression's {@code \s} matches: space,
 * {@code \t}, {@code \n}, {@code \u000B}, {@code \f}, {@code \r}.
 */
final class Digits {
    private Digits() {
    }

    /** True if {@code text[from, to)} is 1 to {@code maxDigits} ASCII digits: {@code 0042} is, {@code 4 2} is not. */
    static boolean areDigits(String text, int from, int to, int maxDigits) {
        if (to - from < 1 || to - from > maxDigits) {
            return false;
        }
        return skipDigits(text, from) >= to;
    }

    /**
     * The value of {@code text[from, to)} when it is 1 to {@code maxDigits} ASCII digits, else
     * -1: {@code value("40000-40999", 0, 5, 10)} is 40000. {@code maxDigits} is at most 18, so
     * the value fits a {@code long}.
     */
    static long value(String text, int from, int to, int maxDigits) {
        if (maxDigits > 18) {
            throw new IllegalArgumentException("more than 18 digits may not fit a long: " + maxDigits);
        }
        if (!areDigits(text, from, to, maxDigits)) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    /** {@link #value(String, int, int, int)} of the whole {@code text}. */
    static long value(String text, int maxDigits) {
        return value(text, 0, text.length(), maxDigits);
    }

    /** The index after the ASCII digits that start at {@code from} ({@code from} itself when there are none). */
    static int skipDigits(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    /** The index after the whitespace ({@code \s}) that starts at {@code from}. */
    static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && isSpace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
