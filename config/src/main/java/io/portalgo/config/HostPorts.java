package io.portalgo.config;

import io.portalgo.algorithms.PortRange;
import io.portalgo.algorithms.PortSet;
import java.io.IOException;
import java.util.Optional;

/**
 * The host's own ephemeral-port settings, the defaults of {@code portalgo.range} and
 * {@code portalgo.reserved}: on Linux {@code net.ipv4.ip_local_port_range} (default
 * 32768-60999, n = 28,232) and {@code net.ipv4.ip_local_reserved_ports}. Anything unreadable
 * or unexpected gives empty, and the caller falls back to 49152-65535 (RFC 6335 §6) and none.
 */
public final class HostPorts {
    private static final int PORT_DIGITS = 5;

    private HostPorts() {
    }

    /** Two numbers of 1 to 5 digits separated by whitespace, whitespace around: {@code 32768	60999\n}. */
    public static Optional<PortRange> range(Environment environment) {
        try {
            String text = environment.readHostFile(environment.portRangeFile());
            int firstStart = Digits.skipSpaces(text, 0);
            int firstEnd = Digits.skipDigits(text, firstStart);
            int secondStart = Digits.skipSpaces(text, firstEnd);
            int secondEnd = Digits.skipDigits(text, secondStart);
            long first = Digits.value(text, firstStart, firstEnd, PORT_DIGITS);
            long second = Digits.value(text, secondStart, secondEnd, PORT_DIGITS);
            if (first < 0 || second < 0 || secondStart == firstEnd || Digits.skipSpaces(text, secondEnd) != text.length()) {
                return Optional.empty();
            }
            return Optional.of(PortRange.of((int) first, (int) second));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public static Optional<PortSet> reserved(Environment environment) {
        try {
            return Optional.of(Values.PORT_LIST.parse(environment.readHostFile(environment.reservedPortsFile()).trim()));
        } catch (IOException | InvalidValue | RuntimeException e) {
            return Optional.empty();
        }
    }
}
