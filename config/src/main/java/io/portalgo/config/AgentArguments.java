package io.portalgo.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The agent-argument syntax: {@code -javaagent:portalgo-agent.jar=key=value,key=value}. A comma
 * separates two pairs only when a key and {@code =} follow it, so values may hold commas:
 * {@code reserved=1,2-4,10,algorithm=hash} is {@code reserved=1,2-4,10} and
 * {@code algorithm=hash}. A key starts with an ASCII letter and holds ASCII letters, digits,
 * dots, dashes and underscores; ASCII spaces and tabs around keys and values are dropped, nothing
 * else (see {@link InputText}). The price: a value cannot contain a comma followed by such a key
 * and {@code =} (no portalgo value does; rules use {@code ;}). Read by hand, without a regular
 * expression: the agent parses its arguments before {@code main}, in every JVM.
 */
public final class AgentArguments {
    private AgentArguments() {
    }

    /**
     * The pairs of {@code arguments} in order, keys and values trimmed; null or blank gives none.
     *
     * @throws ConfigException naming the text that is not a {@code key=value} pair
     */
    public static List<Map.Entry<String, String>> parse(String arguments) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (arguments == null || InputText.trimmed(arguments).isEmpty()) {
            return pairs;
        }
        int start = 0;
        for (int i = 0; i <= arguments.length(); i++) {
            if (i == arguments.length() || (arguments.charAt(i) == ',' && equalsAfterKey(arguments, i + 1) >= 0)) {
                pairs.add(pair(arguments.substring(start, i)));
                start = i + 1;
            }
        }
        return pairs;
    }

    /** {@code key=value} from one piece between separating commas; the value may hold anything, even {@code =}. */
    private static Map.Entry<String, String> pair(String piece) {
        int equals = equalsAfterKey(piece, 0);
        if (equals < 0) {
            throw new ConfigException(List.of("'" + Echo.of(InputText.trimmed(piece)) + "' (agent argument): expected "
                    + "key=value pairs separated by commas, e.g. algorithm=hash,range=40000-44999"));
        }
        int keyStart = skipBlanks(piece, 0);
        return Map.entry(piece.substring(keyStart, keyEnd(piece, keyStart)), InputText.trimmed(piece.substring(equals + 1)));
    }

    /**
     * The index of the {@code =} when {@code text} holds, from {@code from} on, blanks, a key,
     * blanks and {@code =}; else -1. {@code equalsAfterKey("a, tcp.mode =pin", 2)} is 12.
     */
    private static int equalsAfterKey(String text, int from) {
        int keyStart = skipBlanks(text, from);
        int keyEnd = keyEnd(text, keyStart);
        int equals = skipBlanks(text, keyEnd);
        return keyEnd > keyStart && equals < text.length() && text.charAt(equals) == '=' ? equals : -1;
    }

    /** The end of the key that starts at {@code start}: {@code start} itself when no letter starts one there. */
    private static int keyEnd(String text, int start) {
        if (start == text.length() || !isLetter(text.charAt(start))) {
            return start;
        }
        int end = start + 1;
        while (end < text.length() && isKeyCharacter(text.charAt(end))) {
            end++;
        }
        return end;
    }

    private static int skipBlanks(String text, int from) {
        int i = from;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static boolean isLetter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    private static boolean isKeyCharacter(char c) {
        return isLetter(c) || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-';
    }
}
