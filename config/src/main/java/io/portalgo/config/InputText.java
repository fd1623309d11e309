package io.portalgo.config;

/**
 * What portalgo does to the raw text of a key or value before reading it, the same for every
 * source (agent arguments, system properties, environment variables, the properties file, live
 * changes):
 * <ul>
 *   <li>ASCII spaces and tabs at both ends are dropped, so {@code range = 40000-44999} in a file
 *       and {@code -Dportalgo.range=" 40000-44999"} mean what they say; nothing else is dropped
 *       (not a no-break space, not a control character);</li>
 *   <li>a text that then still holds a control character (ISO control: U+0000-U+001F, U+007F-U+009F,
 *       a tab inside included) or a line or paragraph separator (U+2028, U+2029) is refused: no
 *       portalgo value needs one, and accepting {@code bsd\x01} as {@code bsd} would hide a broken
 *       deployment script.</li>
 * </ul>
 */
final class InputText {
    private InputText() {
    }

    /** {@code text} without the ASCII spaces and tabs at its ends: {@code "\t bsd "} is {@code bsd}. */
    static String trimmed(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isBlank(text.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    /** The index of the first character {@link #isForbidden} refuses, or -1 when there is none. */
    static int firstForbidden(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isForbidden(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** A control character (U+0000-U+001F, U+007F-U+009F) or U+2028 / U+2029: each can start a new line somewhere. */
    static boolean isForbidden(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }

    /**
     * Why {@code text} is refused, as the start of a reason ({@code holds the control character
     * \x01 at position 4}), or null when it holds no forbidden character. Positions count from 1
     * in the text as given.
     */
    static String forbiddenReason(String text) {
        int at = firstForbidden(text);
        if (at < 0) {
            return null;
        }
        char c = text.charAt(at);
        String kind = Character.isISOControl(c) ? "the control character " : "the line separator ";
        return "holds " + kind + Echo.escaped(String.valueOf(c)) + " at position " + (at + 1);
    }

    /**
     * {@code text} in ASCII lower case, or null when it holds a character outside ASCII. Names
     * (keys, algorithm ids, modes) are ASCII and case-insensitive in ASCII only: Java's own case
     * folding would take {@code pın} (dotless i) for {@code pin}, {@code ſhare} (long s) for
     * {@code share} and <code>re&#92;u212Aey</code> (with the Kelvin sign) for {@code rekey}.
     */
    static String asciiLowerCase(String text) {
        char[] lower = new char[text.length()];
        for (int i = 0; i < lower.length; i++) {
            char c = text.charAt(i);
            if (c > 0x7f) {
                return null;
            }
            lower[i] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        return new String(lower);
    }

    /** True if {@code text} is the lower-case ASCII {@code name} in any ASCII case ({@code PIN}, {@code Pin}). */
    static boolean sameName(String text, String name) {
        return name.equals(asciiLowerCase(text));
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
