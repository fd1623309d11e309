package io.portalgo.config;

/**
 * How a key or value appears inside a message: on one line, and short. portalgo prints every
 * problem as one line ({@code [portalgo]   portalgo.range=... (system property): ...}), so a
 * value must not be able to end that line, start a forged one, or flood the output:
 * <ul>
 *   <li>control characters are escaped as {@code \t}, {@code \n}, {@code \r} or {@code \xNN}
 *       ({@code bsd\x01}, {@code \x7f}, {@code \x85});</li>
 *   <li>other characters that print nothing visible are escaped as <code>&#92;uNNNN</code>: the
 *       line and paragraph separators (<code>&#92;u2028</code>), format characters
 *       (<code>&#92;u200b</code>, <code>&#92;u202e</code>), spaces other than ASCII's
 *       (<code>&#92;u00a0</code>), unpaired surrogates, private-use and unassigned
 *       code points;</li>
 *   <li>everything else prints as it is ({@code ｂｓｄ}, {@code bsdé}); a backslash is not doubled,
 *       so the echo is for reading, not a round-trip encoding;</li>
 *   <li>a text longer than {@value #SHOWN} characters shows its first {@value #SHOWN} and its
 *       length: {@code aaaa...a... (10240 characters)}.</li>
 * </ul>
 */
public final class Echo {
    /** Characters shown of a long text; the rest is counted, not shown. */
    static final int SHOWN = 64;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Echo() {
    }

    /** {@code text} as a message shows it: escaped, and shortened beyond {@value #SHOWN} characters. */
    public static String of(String text) {
        if (text.length() <= SHOWN) {
            return escaped(text);
        }
        int cut = Character.isHighSurrogate(text.charAt(SHOWN - 1)) ? SHOWN - 1 : SHOWN;
        return escaped(text.substring(0, cut)) + "... (" + text.length() + " characters)";
    }

    /**
     * {@code line} with every control character and line separator escaped, nothing shortened:
     * the last guard that keeps one problem on one line, whatever a message was built from.
     */
    static String oneLine(String line) {
        return InputText.firstForbidden(line) < 0 ? line : escaped(line);
    }

    /** Every character of {@code text} that prints nothing visible, escaped; nothing shortened. */
    static String escaped(String text) {
        StringBuilder shown = null;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int width = Character.charCount(codePoint);
            boolean visible = isVisible(codePoint);
            if (!visible && shown == null) {
                shown = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (shown != null) {
                if (visible) {
                    shown.appendCodePoint(codePoint);
                } else {
                    escape(text, i, width, shown);
                }
            }
            i += width;
        }
        return shown == null ? text : shown.toString();
    }

    private static void escape(String text, int at, int width, StringBuilder shown) {
        char c = text.charAt(at);
        switch (c) {
            case '\t':
                shown.append("\\t");
                return;
            case '\n':
                shown.append("\\n");
                return;
            case '\r':
                shown.append("\\r");
                return;
            default:
                break;
        }
        if (Character.isISOControl(c)) {
            shown.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            return;
        }
        for (int i = at; i < at + width; i++) {
            char unit = text.charAt(i);
            shown.append("\\u").append(HEX[unit >> 12]).append(HEX[unit >> 8 & 0xf]).append(HEX[unit >> 4 & 0xf])
                    .append(HEX[unit & 0xf]);
        }
    }

    private static boolean isVisible(int codePoint) {
        if (codePoint == ' ') {
            return true;
        }
        switch (Character.getType(codePoint)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.SURROGATE:
            case Character.PRIVATE_USE:
            case Character.UNASSIGNED:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.SPACE_SEPARATOR:
                return false;
            default:
                return true;
        }
    }
}
