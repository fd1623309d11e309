package io.portalgo.benchmarks;

import io.portalgo.algorithms.Flow;
import io.portalgo.algorithms.Protocol;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Many distinct destinations, so that {@code hash} and {@code doublehash} (RFC 6056 §3.3.3,
 * §3.3.4) hash a different {@code (local_IP, remote_IP, remote_port)} on every call instead of
 * sitting on one flow, and {@code doublehash} spreads over many of its 65,536 counters.
 *
 * <p>Flow i goes from 192.0.2.1 to host {@code 1 + (i / 2) mod 254} of 198.51.100.0/24 (even i)
 * or 203.0.113.0/24 (odd i), on service port {@code SERVICE_PORTS[i / 508]}: 508 flows per service
 * port, all distinct, all in the RFC 5737 documentation networks. 1,024 flows hold about 80 KiB
 * and stay in L2.
 */
public final class Destinations {
    /** Flows per service port: 2 networks x 254 hosts. */
    static final int FLOWS_PER_SERVICE_PORT = 2 * 254;
    /** Remote ports in the order they are used: https, http, dns, postgres, ... */
    static final int[] SERVICE_PORTS = {443, 80, 53, 5432, 8080, 22, 25, 3306};
    /** Most distinct flows this class makes. */
    public static final int MAX_COUNT = FLOWS_PER_SERVICE_PORT * SERVICE_PORTS.length;

    private static final InetAddress LOCAL = address(192, 0, 2, 1);

    private Destinations() {
    }

    /**
     * The first {@code count} TCP flows of the sequence above.
     *
     * @throws IllegalArgumentException unless {@code 1 <= count <= MAX_COUNT} (4,064)
     */
    public static Flow[] tcp(int count) {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be 1.." + MAX_COUNT + ", not " + count);
        }
        Flow[] flows = new Flow[count];
        for (int i = 0; i < count; i++) {
            int host = 1 + (i / 2) % 254;
            InetAddress remote = (i & 1) == 0 ? address(198, 51, 100, host) : address(203, 0, 113, host);
            flows[i] = Flow.of(Protocol.TCP, LOCAL, remote, SERVICE_PORTS[i / FLOWS_PER_SERVICE_PORT]);
        }
        return flows;
    }

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException impossible) {
            throw new AssertionError("4 bytes are always an IPv4 address", impossible);
        }
    }
}
