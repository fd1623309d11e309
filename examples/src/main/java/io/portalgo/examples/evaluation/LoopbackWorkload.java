package io.portalgo.examples.evaluation;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;

/**
 * The real-socket workload, run in a child JVM (under the agent or without it): a loopback TCP
 * server, N client connections to it, each closed first by the client with SO_LINGER 0 (an RST,
 * so neither side keeps TIME-WAIT and 2,000 connections cannot exhaust the range), then N UDP datagrams from fresh
 * unbound channels to a loopback receiver. Prints one line per connection, {@code tcp <port>} or
 * {@code udp <port>}: the local port the socket got. Loopback only; at most 20,000 of each.
 *
 * <p>Usage: {@code LoopbackWorkload <tcp-connections> <udp-datagrams>}.
 */
public final class LoopbackWorkload {
    static final int MAX_PER_PROTOCOL = 20_000;

    private LoopbackWorkload() {
    }

    public static void main(String[] args) throws Exception {
        int tcp = bounded(args.length > 0 ? Integer.parseInt(args[0]) : 1000);
        int udp = bounded(args.length > 1 ? Integer.parseInt(args[1]) : tcp);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.US_ASCII)));
        try (ServerSocket server = new ServerSocket(0, 1024, loopback)) {
            Thread acceptor = new Thread(() -> acceptAndClose(server), "acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
            InetSocketAddress target = new InetSocketAddress(loopback, server.getLocalPort());
            for (int i = 0; i < tcp; i++) {
                try (Socket socket = new Socket()) {
                    socket.setSoLinger(true, 0);
                    socket.connect(target); // untimed: a timed connect may see the reset of a fast close
                    out.println("tcp " + socket.getLocalPort());
                }
            }
        }
        try (DatagramSocket receiver = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            InetSocketAddress target = new InetSocketAddress(loopback, receiver.getLocalPort());
            for (int i = 0; i < udp; i++) {
                try (DatagramChannel channel = DatagramChannel.open()) {
                    channel.send(ByteBuffer.wrap(new byte[] {1}), target);
                    out.println("udp " + ((InetSocketAddress) channel.getLocalAddress()).getPort());
                }
            }
        }
        out.flush();
    }

    private static int bounded(int count) {
        if (count < 0 || count > MAX_PER_PROTOCOL) {
            throw new IllegalArgumentException("count must be 0.." + MAX_PER_PROTOCOL + ", not " + count);
        }
        return count;
    }

    private static void acceptAndClose(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket accepted = server.accept()) {
                accepted.getInputStream().read(); // the client closes first (RST), so the server keeps no TIME-WAIT
            } catch (IOException closedOrReset) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }
}
