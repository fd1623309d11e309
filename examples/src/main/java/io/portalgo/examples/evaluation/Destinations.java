package io.portalgo.examples.evaluation;

import io.portalgo.algorithms.Flow;
import io.portalgo.algorithms.Protocol;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Simulated destinations, all in the documentation ranges of RFC 5737 (192.0.2.0/24,
 * 198.51.100.0/24, 203.0.113.0/24), so no simulated address can ever be a real host. The
 * local address is left unknown, as for an unbound TCP socket, whose source address the kernel
 * picks only at connect.
 */
public final class Destinations {
    private static final int[][] PREFIXES = {{192, 0, 2}, {198, 51, 100}, {203, 0, 113}};

    private Destinations() {
    }

    /**
     * The {@code index}-th destination of the victim's ordinary traffic: addresses cycle over the
     * three /24s (768 addresses), then the port moves on from 443, so 1,000 destinations are 768
     * addresses on port 443 and 232 more on port 444.
     */
    public static Flow ordinary(int index) {
        int block = index % 768;
        int[] prefix = PREFIXES[block / 256];
        return tcp(prefix, block % 256, 443 + index / 768);
    }

    /**
     * The {@code index}-th destination the attacker controls: 256 addresses of 203.0.113.0/24,
     * each listening on ports from 10000 up, so 65,536 destinations use ports 10000..10255.
     */
    public static Flow attacker(int index) {
        return tcp(PREFIXES[2], index % 256, 10_000 + index / 256);
    }

    /** A destination of the predictability and leakage experiments: the attacker's own server. */
    public static Flow attackerServer() {
        return tcp(PREFIXES[2], 7, 443);
    }

    private static Flow tcp(int[] prefix, int host, int port) {
        byte[] address = {(byte) prefix[0], (byte) prefix[1], (byte) prefix[2], (byte) host};
        try {
            return Flow.of(Protocol.TCP, null, InetAddress.getByAddress(address), port);
        } catch (UnknownHostException impossible) {
            throw new AssertionError(impossible);
        }
    }
}
