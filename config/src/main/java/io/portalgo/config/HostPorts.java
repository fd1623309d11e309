package io.portalgo.config;

import io.portalgo.algorithms.PortRange;
import io.portalgo.algorithms.PortSet;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host's own ephemeral-port settings, the defaults of {@code portalgo.range} and
 * {@code portalgo.reserved}: on Linux {@code net.ipv4.ip_local_port_range} (default
 * 32768-60999, n = 28,232) and {@code net.ipv4.ip_local_reserved_ports}. Anything unreadable
 * or unexpected gives empty, and the caller falls back to 49152-65535 (RFC 6335 §6) and none.
 */
public final class HostPorts {
    private static final Pattern TWO_NUMBERS = Pattern.compile("\\s*(\\d{1,5})\\s+(\\d{1,5})\\s*");

    private HostPorts() {
    }

    public static Optional<PortRange> range(Environment environment) {
        try {
            Matcher matcher = TWO_NUMBERS.matcher(environment.read(environment.portRangeFile()));
            if (!matcher.matches()) {
                return Optional.empty();
            }
            return Optional.of(PortRange.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public static Optional<PortSet> reserved(Environment environment) {
        try {
            return Optional.of(Values.PORT_LIST.parse(environment.read(environment.reservedPortsFile()).trim()));
        } catch (IOException | InvalidValue | RuntimeException e) {
            return Optional.empty();
        }
    }
}
