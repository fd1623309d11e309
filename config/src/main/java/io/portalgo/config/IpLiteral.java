package io.portalgo.config;

/**
 * IP address literals parsed by hand, so that reading a rule never triggers a DNS lookup
 * ({@code InetAddress.getByName} resolves anything that is not a literal; Java 17 has no
 * {@code InetAddress.ofLiteral}). IPv4 is four decimal octets without leading zeros (which
 * {@code inet_aton} would read as octal); IPv6 is RFC 4291 §2.2 text, printed back in the
 * RFC 5952 canonical form ({@code 2001:db8::1}).
 */
final class IpLiteral {
    private IpLiteral() {
    }

    /**
     * The 4 or 16 bytes of {@code text}.
     *
     * @throws IllegalArgumentException saying why {@code text} is not a literal
     */
    static byte[] parse(String text) {
        return text.indexOf(':') >= 0 ? parseIpv6(text) : parseIpv4(text);
    }

    static byte[] parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("'" + Echo.of(text) + "' is not an IPv4 address (four numbers 0..255 separated by dots, no leading zeros)");
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            long octet = Digits.value(part, 3);
            if (octet < 0 || (part.length() > 1 && part.charAt(0) == '0') || octet > 255) {
                throw new IllegalArgumentException("'" + Echo.of(text) + "' is not an IPv4 address (four numbers 0..255 "
                        + "separated by dots, no leading zeros)");
            }
            bytes[i] = (byte) octet;
        }
        return bytes;
    }

    static byte[] parseIpv6(String text) {
        String problem = "'" + Echo.of(text) + "' is not an IPv6 address";
        if (text.indexOf('%') >= 0) {
            throw new IllegalArgumentException(problem + " (zone ids are not accepted)");
        }
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            throw new IllegalArgumentException(problem + " ('::' may appear once)");
        }
        int[] head = gap >= 0 ? groups(text.substring(0, gap), problem) : groups(text, problem);
        int[] tail = gap >= 0 ? groups(text.substring(gap + 2), problem) : new int[0];
        int count = head.length + tail.length;
        if (gap < 0 ? count != 8 : count > 7) {
            throw new IllegalArgumentException(problem + " (it needs 8 groups of 16 bits, or '::' for the missing ones)");
        }
        int[] all = new int[8];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, 8 - tail.length, tail.length);
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[2 * i] = (byte) (all[i] >>> 8);
            bytes[2 * i + 1] = (byte) all[i];
        }
        return bytes;
    }

    /** 16-bit groups of a colon-separated piece; a dotted IPv4 tail counts as two groups. */
    private static int[] groups(String piece, String problem) {
        if (piece.isEmpty()) {
            return new int[0];
        }
        String[] parts = piece.split(":", -1);
        boolean ipv4Tail = parts[parts.length - 1].indexOf('.') >= 0;
        int[] groups = new int[parts.length + (ipv4Tail ? 1 : 0)];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == parts.length - 1 && ipv4Tail) {
                byte[] v4 = parseIpv4(part);
                groups[i] = (v4[0] & 0xff) << 8 | (v4[1] & 0xff);
                groups[i + 1] = (v4[2] & 0xff) << 8 | (v4[3] & 0xff);
                continue;
            }
            if (part.isEmpty() || part.length() > 4 || !allHex(part)) {
                throw new IllegalArgumentException(problem + " ('" + Echo.of(part) + "' is not a group of 1 to 4 hex digits)");
            }
            groups[i] = Integer.parseInt(part, 16);
        }
        return groups;
    }

    private static boolean allHex(String part) {
        for (int i = 0; i < part.length(); i++) {
            if (!isHex(part.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Dotted quad for 4 bytes; RFC 5952 §4 for 16 (lower case, longest zero run of 2+ groups as '::'). */
    static String format(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "." + (address[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (address[2 * i] & 0xff) << 8 | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
