package io.portalgo.config;

import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.Protocol;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The value of {@code portalgo.rules}: destination rules tried in order, the first match wins.
 * Syntax: entries separated by {@code ;}, each {@code protocol:address:port=algorithm} with
 * protocol {@code tcp}, {@code udp} or {@code *}; address an IP ({@code 192.0.2.7}), a CIDR
 * block ({@code 192.0.2.0/24}) or {@code *}, IPv6 in brackets ({@code [2001:db8::/32]});
 * port a number, a range {@code a-b} or {@code *}. Literals only: no name is ever resolved. Read
 * by hand, without a regular expression or a lambda: rules may be read before {@code main}.
 */
public final class DestinationRules {
    /** What {@code portalgo.rules} accepts, as it ends an error message. */
    static final String SYNTAX = "expected rules like udp:*:53=random_pick;tcp:192.0.2.0/24:*=bsd (each "
            + "protocol:address:port=algorithm; protocol tcp, udp or *; address an IP, a CIDR or *, IPv6 in "
            + "brackets; port N, A-B or *)";

    public static final DestinationRules NONE = new DestinationRules(List.of());

    private final List<DestinationRule> rules;

    private DestinationRules(List<DestinationRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public List<DestinationRule> rules() {
        return rules;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The algorithm of the first rule that matches, if any. */
    public Optional<Algorithm> match(Protocol protocol, InetAddress remote, int remotePort) {
        for (DestinationRule rule : rules) {
            if (rule.matches(protocol, remote, remotePort)) {
                return Optional.of(rule.algorithm());
            }
        }
        return Optional.empty();
    }

    /**
     * Parses {@code text}; blank entries (a trailing {@code ;}) are ignored.
     *
     * @throws InvalidValue with one issue per bad rule, each naming the rule, its position and the fault
     */
    static DestinationRules parse(String text) throws InvalidValue {
        List<DestinationRule> parsed = new ArrayList<>();
        List<InvalidValue.Issue> issues = new ArrayList<>();
        int position = 0;
        // One-character separators here and below: String.split's fast path, no regular expression.
        for (String entry : text.split(";", -1)) {
            String rule = entry.trim();
            if (rule.isEmpty()) {
                continue;
            }
            position++;
            try {
                parsed.add(parseRule(rule));
            } catch (IllegalArgumentException e) {
                issues.add(new InvalidValue.Issue(rule, "rule " + position + ": " + e.getMessage() + "; " + SYNTAX));
            }
        }
        if (!issues.isEmpty()) {
            throw new InvalidValue(issues);
        }
        return new DestinationRules(parsed);
    }

    private static DestinationRule parseRule(String rule) {
        int equals = rule.indexOf('=');
        if (equals < 0 || rule.indexOf('=', equals + 1) >= 0) {
            throw new IllegalArgumentException("it needs exactly one '=' before the algorithm");
        }
        String match = rule.substring(0, equals).trim();
        Algorithm algorithm = algorithm(rule.substring(equals + 1).trim());
        int firstColon = match.indexOf(':');
        int lastColon = match.lastIndexOf(':');
        if (firstColon < 0 || lastColon == firstColon) {
            throw new IllegalArgumentException("'" + Echo.of(match) + "' does not have the three parts protocol:address:port");
        }
        Protocol protocol = protocol(match.substring(0, firstColon).trim());
        String address = match.substring(firstColon + 1, lastColon).trim();
        String port = match.substring(lastColon + 1).trim();
        boolean bracketed = address.startsWith("[") && address.endsWith("]");
        if (!bracketed && address.indexOf(':') >= 0) {
            throw new IllegalArgumentException("IPv6 address '" + Echo.of(address) + "' must be written in brackets: [" + Echo.of(address) + "]");
        }
        int[] ports = ports(port);
        if (address.equals("*")) {
            return new DestinationRule(protocol, null, 0, ports[0], ports[1], algorithm);
        }
        String block = bracketed ? address.substring(1, address.length() - 1).trim() : address;
        int slash = block.indexOf('/');
        byte[] network = IpLiteral.parse(slash < 0 ? block : block.substring(0, slash).trim());
        if (bracketed && network.length == 4) {
            throw new IllegalArgumentException("brackets are for IPv6; write the IPv4 address " + Echo.of(address) + " without them");
        }
        if (network.length == 16 && DestinationRule.unmapped(network).length == 4) {
            throw new IllegalArgumentException("write the IPv4-mapped address " + Echo.of(address) + " as plain IPv4 "
                    + IpLiteral.format(DestinationRule.unmapped(network)));
        }
        int bits = network.length * 8;
        int prefixLength = bits;
        if (slash >= 0) {
            String length = block.substring(slash + 1).trim();
            long value = Digits.value(length, 3);
            if (value < 0 || value > bits) {
                throw new IllegalArgumentException("prefix length '" + Echo.of(length) + "' is not in 0.." + bits);
            }
            prefixLength = (int) value;
        }
        byte[] masked = masked(network, prefixLength);
        if (!java.util.Arrays.equals(masked, network)) {
            String suggestion = IpLiteral.format(masked) + "/" + prefixLength;
            throw new IllegalArgumentException(Echo.of(block) + " has host bits set (did you mean "
                    + (network.length == 16 ? "[" + suggestion + "]" : suggestion) + "?)");
        }
        return new DestinationRule(protocol, network, prefixLength, ports[0], ports[1], algorithm);
    }

    private static byte[] masked(byte[] address, int prefixLength) {
        byte[] masked = address.clone();
        for (int bit = prefixLength; bit < address.length * 8; bit++) {
            masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return masked;
    }

    private static Protocol protocol(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "*":
                return null;
            case "tcp":
                return Protocol.TCP;
            case "udp":
                return Protocol.UDP;
            default:
                throw new IllegalArgumentException("protocol '" + Echo.of(text) + "' is not tcp, udp or *");
        }
    }

    /** {first, last}; {0, 0} for {@code *}. */
    private static int[] ports(String text) {
        if (text.equals("*")) {
            return new int[] {0, 0};
        }
        String[] bounds = text.split("-", -1);
        if (bounds.length > 2) {
            throw new IllegalArgumentException("port '" + Echo.of(text) + "' is not a number, a range a-b or *");
        }
        int first = port(bounds[0].trim(), text);
        int last = bounds.length == 2 ? port(bounds[1].trim(), text) : first;
        if (first > last) {
            throw new IllegalArgumentException("port range '" + Echo.of(text) + "' runs backwards");
        }
        return new int[] {first, last};
    }

    private static int port(String text, String whole) {
        long port = Digits.value(text, 5);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port '" + Echo.of(whole) + "' is not a number 1..65535, a range a-b or *");
        }
        return (int) port;
    }

    private static Algorithm algorithm(String text) {
        try {
            return Values.ALGORITHM.parse(text);
        } catch (InvalidValue e) {
            throw new IllegalArgumentException("algorithm '" + Echo.of(text) + "' is not one of " + Algorithm.availableIds()
                    + Suggestions.closest(text, ids()).map(id -> " (did you mean " + id + "?)").orElse(""));
        }
    }

    private static List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (Algorithm algorithm : Algorithm.values()) {
            ids.add(algorithm.id());
        }
        return ids;
    }

    /** The canonical text: rules in order, joined by {@code ;}; empty for no rules. */
    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(";");
        rules.forEach(rule -> text.add(rule.toString()));
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DestinationRules && ((DestinationRules) other).rules.equals(rules);
    }

    @Override
    public int hashCode() {
        return rules.hashCode();
    }
}
