package io.portalgo.benchmarks.overhead;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * The workload {@link AgentOverhead} runs in a child JVM, with or without the agent: rounds of
 * {@code ops} operations of one kind, printing {@code ROUND <kind> <ns per op>} after each.
 * {@code tcp}: connect an unbound socket to a loopback listener and close it with SO_LINGER 0 (so
 * no TIME_WAIT piles up and the loop measures port selection, not TIME_WAIT exhaustion).
 * {@code udp}: open a datagram channel and send one datagram to loopback,
 * an implicit bind. {@code hello}: nothing, for start-up time. {@code connect}: one loopback listener,
 * one TCP connect accepted and closed, for the start-up of a JVM that uses the network (this class
 * alone, so that it runs from a jar of one class).
 */
public final class SocketLoops {
    private SocketLoops() {
    }

    public static void main(String[] args) throws IOException {
        String kind = args[0];
        int rounds = Integer.parseInt(args[1]);
        int ops = Integer.parseInt(args[2]);
        if (kind.equals("hello")) {
            System.out.println("hello");
            return;
        }
        if (kind.equals("connect")) {
            try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                    Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
                    Socket accepted = server.accept()) {
                System.out.println("connected from port " + client.getLocalPort() + " to " + accepted.getLocalPort());
            }
            return;
        }
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 1024, loopback)) {
            Harness.closeEveryConnection(server);
            InetSocketAddress target = new InetSocketAddress(loopback, server.getLocalPort());
            ByteBuffer datagram = ByteBuffer.allocate(1);
            for (int round = 0; round < rounds; round++) {
                long start = System.nanoTime();
                for (int i = 0; i < ops; i++) {
                    if (kind.equals("tcp")) {
                        try (Socket socket = new Socket()) {
                            socket.setSoLinger(true, 0);
                            socket.connect(target);
                        }
                    } else {
                        try (DatagramChannel channel = DatagramChannel.open()) {
                            datagram.clear();
                            channel.send(datagram, target);
                        }
                    }
                }
                System.out.println("ROUND " + kind + " " + (System.nanoTime() - start) / ops);
            }
        }
    }
}
