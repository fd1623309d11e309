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

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
