package io.portalgo.algorithms;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Flows, keys and hand-built hash inputs shared by the algorithm tests. */
final class Fixtures {
    static final Flow TCP_ANY = Flow.unknownDestination(Protocol.TCP, AddressFamily.INET);
    static final int[] A_ADDRESS = {192, 0, 2, 1};
    static final int A_PORT = 80;
    static final Flow TCP_A = tcp4(A_ADDRESS, A_PORT);
    static final int[] B_ADDRESS = {198, 51, 100, 7};
    static final int B_PORT = 443;
    static final Flow TCP_B = tcp4(B_ADDRESS, B_PORT);

    /** Key 00 01 .. 0f, the SipHash paper's test key, as {@code (k0, k1)} little-endian. */
    static final long[] PAPER_KEY = {0x0706050403020100L, 0x0f0e0d0c0b0a0908L};

    /** A second key, bytes 10 11 .. 1f, for a rekey. */
    static final long[] SECOND_KEY = {0x1716151413121110L, 0x1f1e1d1c1b1a1918L};

    private Fixtures() {
    }

    static Flow tcp4(int[] address, int port) {
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) address[i];
        }
        return Flow.of(Protocol.TCP, AddressFamily.INET, null, bytes, port);
    }

    /** The usable ports of {@code settings} computed the obvious way: the reference model. */
    static java.util.SortedSet<Integer> usable(SelectorSettings settings) {
        java.util.SortedSet<Integer> ports = new java.util.TreeSet<>();
        for (int port = settings.range().min(); port <= settings.range().max(); port++) {
            if (!settings.reserved().contains(port)) {
                ports.add(port);
            }
        }
        return ports;
    }

    /** The candidates that are not in {@code usable}, in order (AssertJ's containsAll is quadratic). */
    static List<Integer> outside(java.util.Set<Integer> usable, List<Integer> candidates) {
        List<Integer> outside = new ArrayList<>();
        for (int port : candidates) {
            if (!usable.contains(port)) {
                outside.add(port);
            }
        }
        return outside;
    }

    /** Every candidate of one allocation in which no port is suitable. */
    static List<Integer> drain(PortCursor cursor) {
        List<Integer> candidates = new ArrayList<>();
        for (int port = cursor.next(); port != PortCursor.NO_PORT; port = cursor.next()) {
            candidates.add(port);
        }
        return candidates;
    }

    /** A few flows of every protocol and family, some without destination. */
    static List<Flow> mixedFlows() {
        List<Flow> flows = new ArrayList<>();
        flows.add(TCP_ANY);
        flows.add(TCP_A);
        flows.add(TCP_B);
        flows.add(Flow.unknownDestination(Protocol.UDP, AddressFamily.INET6));
        flows.add(Flow.of(Protocol.UDP, AddressFamily.INET, new byte[] {10, 0, 0, 1}, new byte[] {8, 8, 8, 8}, 53));
        byte[] v6 = new byte[16];
        v6[0] = 0x20;
        v6[1] = 0x01;
        v6[2] = 0x0d;
        v6[3] = (byte) 0xb8;
        v6[15] = 1;
        flows.add(Flow.of(Protocol.TCP, AddressFamily.INET6, null, v6, 8443));
        return flows;
    }

    /**
     * The hashed input of RFC 6056 §3.3.3 for an IPv4 TCP flow with unknown local address, laid
     * out by hand as {@link Flow} documents it: protocol ordinal, family ordinal, 4 local bytes,
     * 4 remote bytes, remote port big-endian, epoch big-endian; 2 + 4 + 4 + 2 + 8 = 20 bytes.
     */
    static byte[] tcp4Input(int[] remote, int remotePort, long epoch) {
        byte[] input = new byte[20];
        input[0] = 0; // TCP
        input[1] = 0; // INET
        // input[2..5] stay 0: local address 0.0.0.0
        for (int i = 0; i < 4; i++) {
            input[6 + i] = (byte) remote[i];
        }
        input[10] = (byte) (remotePort >>> 8);
        input[11] = (byte) remotePort;
        for (int i = 0; i < 8; i++) {
            input[12 + i] = (byte) (epoch >>> (56 - 8 * i));
        }
        return input;
    }

    /** {@code F(flow, K)} computed outside the selector: SipHash-2-4 of the hand-built input. */
    static long siphashOfTcp4(long[] key, int[] remote, int remotePort, long epoch) {
        byte[] input = tcp4Input(remote, remotePort, epoch);
        return new SipHash24(key[0], key[1]).hash(input, input.length);
    }

    /** A key source that hands out the given keys in order and fails when asked for more. */
    static Entropy.KeySource keys(long[]... keys) {
        Deque<long[]> queue = new ArrayDeque<>(List.of(keys));
        return () -> {
            if (queue.isEmpty()) {
                throw new AssertionError("the selector drew more keys than the test scripted");
            }
            return queue.removeFirst();
        };
    }

    /** A clock the test moves by hand. */
    static final class ManualClock {
        private final AtomicLong millis = new AtomicLong();

        long now() {
            return millis.get();
        }

        void set(long value) {
            millis.set(value);
        }
    }
}
