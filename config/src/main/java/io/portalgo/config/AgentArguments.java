package io.portalgo.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent-argument syntax: {@code -javaagent:portalgo-agent.jar=key=value,key=value}. A comma
 * separates two pairs only when a key and {@code =} follow it, so values may hold commas:
 * {@code reserved=1,2-4,10,algorithm=hash} is {@code reserved=1,2-4,10} and
 * {@code algorithm=hash}. A key starts with a letter and holds letters, digits, dots, dashes
 * and underscores; ASCII spaces and tabs around keys and values are dropped, nothing else (see
 * {@link InputText}). The price: a value cannot contain a comma followed by such a key and
 * {@code =} (no portalgo value does; rules use {@code ;}).
 */
public final class AgentArguments {
    private static final String KEY = "[A-Za-z][A-Za-z0-9._-]*";
    private static final String BLANKS = "[ \\t]*";
    private static final Pattern SEPARATOR = Pattern.compile(",(?=" + BLANKS + KEY + BLANKS + "=)");
    private static final Pattern PAIR = Pattern.compile(BLANKS + "(" + KEY + ")" + BLANKS + "=(.*)", Pattern.DOTALL);

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
        for (String piece : SEPARATOR.split(arguments, -1)) {
            Matcher pair = PAIR.matcher(piece);
            if (!pair.matches()) {
                throw new ConfigException(List.of("'" + Echo.of(InputText.trimmed(piece)) + "' (agent argument): expected "
                        + "key=value pairs separated by commas, e.g. algorithm=hash,range=40000-44999"));
            }
            pairs.add(Map.entry(pair.group(1), InputText.trimmed(pair.group(2))));
        }
        return pairs;
    }
}
