package io.portalgo.examples.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The README's main job, run under the agent once per algorithm by {@code demo.sh}: two loopback
 * TCP servers A and B, then connections alternating A, B, A, B, ... and a few UDP sends, printing
 * the local port each socket got. Nothing here knows about portalgo: it is an ordinary program,
 * and the ports it prints are the ones the agent chose.
 *
 * <p>Reading the output: {@code bsd} counts down across both servers; {@code hash} gives each
 * server its own start but one shared counter (A's ports step by 2 while B interleaves);
 * {@code doublehash} steps each server by 1 (its own bucket), plus up to 7 random extra steps;
 * the random ones jump anywhere in the range.
 */
public final class PortDemo {
    private PortDemo() {
    }

    /** Arguments: the label to print first, and the number of TCP connections per server (default 4). */
    public static void main(String[] args) throws IOException {
        String label = args.length > 0 ? args[0] : "ports";
        int perServer = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket a = new ServerSocket(0, 50, loopback); ServerSocket b = new ServerSocket(0, 50, loopback)) {
            List<Integer> toA = new ArrayList<>();
            List<Integer> toB = new ArrayList<>();
            for (int i = 0; i < perServer; i++) {
                toA.add(connectFrom(a));
                toB.add(connectFrom(b));
            }
            List<Integer> udp = new ArrayList<>();
            for (int i = 0; i < perServer; i++) {
                try (DatagramChannel channel = DatagramChannel.open()) {
                    channel.send(ByteBuffer.wrap(new byte[] {1}), new InetSocketAddress(loopback, a.getLocalPort()));
                    udp.add(((InetSocketAddress) channel.getLocalAddress()).getPort());
                }
            }
            System.out.printf("%-13s tcp to A(%d): %s   tcp to B(%d): %s   udp: %s%n", label, a.getLocalPort(), join(toA),
                    b.getLocalPort(), join(toB), join(udp));
        }
    }

    /** Connects to {@code server}, accepts, and closes server side first so TIME_WAIT stays there. */
    private static int connectFrom(ServerSocket server) throws IOException {
        try (Socket client = new Socket(server.getInetAddress(), server.getLocalPort()); Socket accepted = server.accept()) {
            accepted.close();
            return client.getLocalPort();
        }
    }

    private static String join(List<Integer> ports) {
        StringJoiner text = new StringJoiner(" ");
        ports.forEach(port -> text.add(Integer.toString(port)));
        return text.toString();
    }
}
