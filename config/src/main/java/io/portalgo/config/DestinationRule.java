package io.portalgo.config;

import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.Protocol;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code portalgo.rules}: sockets of {@code protocol} whose destination lies in
 * {@code address} and {@code port} get {@code algorithm}. portalgo's counterpart of NetBSD's
 * per-socket {@code IP_PORTALGO} option, chosen by destination instead of by the program: e.g.
 * {@code udp:*:53=random_pick} gives DNS queries fully random source ports (RFC 5452 §9.2)
 * whatever the UDP default is. Canonical text: {@code tcp:192.0.2.0/24:443=bsd},
 * {@code *:[2001:db8::/32]:1000-2000=hash}, {@code udp:*:*=randinc}.
 */
public final class DestinationRule {
    private final Protocol protocol;
    private final byte[] network;
    private final int prefixLength;
    private final int firstPort;
    private final int lastPort;
    private final Algorithm algorithm;

    DestinationRule(Protocol protocol, byte[] network, int prefixLength, int firstPort, int lastPort, Algorithm algorithm) {
        this.protocol = protocol;
        this.network = network == null ? null : network.clone();
        this.prefixLength = prefixLength;
        this.firstPort = firstPort;
        this.lastPort = lastPort;
        this.algorithm = algorithm;
    }

    /** The protocol matched, or empty for {@code *}. */
    public Optional<Protocol> protocol() {
        return Optional.ofNullable(protocol);
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    /**
     * True if a socket of {@code protocol} going to {@code remote}:{@code remotePort} falls
     * under this rule. An IPv4 rule matches IPv4 destinations (also written as IPv4-mapped IPv6),
     * an IPv6 rule IPv6 ones; port {@code *} matches every port, even an unknown 0.
     */
    public boolean matches(Protocol protocol, InetAddress remote, int remotePort) {
        if (this.protocol != null && this.protocol != protocol) {
            return false;
        }
        if (firstPort != 0 && (remotePort < firstPort || remotePort > lastPort)) {
            return false;
        }
        if (network == null) {
            return true;
        }
        byte[] address = unmapped(remote.getAddress());
        if (address.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int restBits = prefixLength % 8;
        if (restBits == 0) {
            return true;
        }
        int mask = 0xff << (8 - restBits) & 0xff;
        return (address[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    /** {@code ::ffff:a.b.c.d} as the 4 bytes of a.b.c.d (a dual-stack socket's view of an IPv4 peer). */
    static byte[] unmapped(byte[] address) {
        if (address.length != 16) {
            return address;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return address;
            }
        }
        if (address[10] != (byte) 0xff || address[11] != (byte) 0xff) {
            return address;
        }
        return Arrays.copyOfRange(address, 12, 16);
    }

    /** The canonical text, which {@code portalgo.rules} reads back to an equal rule. */
    @Override
    public String toString() {
        String address;
        if (network == null) {
            address = "*";
        } else {
            String literal = IpLiteral.format(network);
            boolean host = prefixLength == network.length * 8;
            String text = host ? literal : literal + "/" + prefixLength;
            address = network.length == 16 ? "[" + text + "]" : text;
        }
        String port = firstPort == 0 ? "*" : firstPort == lastPort ? Integer.toString(firstPort) : firstPort + "-" + lastPort;
        return (protocol == null ? "*" : protocol.id()) + ":" + address + ":" + port + "=" + algorithm.id();
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof DestinationRule)) {
            return false;
        }
        DestinationRule that = (DestinationRule) other;
        return protocol == that.protocol && Arrays.equals(network, that.network) && prefixLength == that.prefixLength
                && firstPort == that.firstPort && lastPort == that.lastPort && algorithm == that.algorithm;
    }

    @Override
    public int hashCode() {
        return Objects.hash(protocol, Arrays.hashCode(network), prefixLength, firstPort, lastPort, algorithm);
    }
}
