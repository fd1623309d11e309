package io.portalgo.benchmarks.overhead;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;

/**
 * The latency of each connect of an unbound TCP socket to a loopback listener, for
 * {@link OccupancyLatency}: {@code warm-up} connects, then {@code measured} ones timed one by one
 * ({@code SO_LINGER 0} at close, so no TIME_WAIT piles up); prints
 * {@code LATENCY <median ns> <p99 ns> <failures>}.
 *
 * <p>Usage: {@code ConnectLatency <warm-up> <measured>}.
 */
public final class ConnectLatency {
    private ConnectLatency() {
    }

    public static void main(String[] args) throws IOException {
        int warmUp = Integer.parseInt(args[0]);
        int measured = Integer.parseInt(args[1]);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 1024, loopback)) {
            Harness.closeEveryConnection(server);
            InetSocketAddress target = new InetSocketAddress(loopback, server.getLocalPort());
            long[] nanos = new long[measured];
            int failures = 0;
            for (int i = -warmUp; i < measured; i++) {
                long start = System.nanoTime();
                try (Socket socket = new Socket()) {
                    socket.connect(target);
                    long took = System.nanoTime() - start;
                    if (i >= 0) {
                        nanos[i] = took;
                    }
                    socket.setSoLinger(true, 0);
                } catch (IOException failed) {
                    failures++;
                    if (i >= 0) {
                        nanos[i] = System.nanoTime() - start;
                    }
                }
            }
            Arrays.sort(nanos);
            System.out.println("LATENCY " + nanos[measured / 2] + " " + nanos[(int) Math.ceil(measured * 0.99) - 1] + " "
                    + failures);
        }
    }
}
