package io.portalgo.benchmarks.overhead;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * The per-operation workload {@link OperationOverhead} and {@code benchmarks/syscalls.sh} run in a
 * child JVM, with or without the agent; it prints {@code OPS <kind> <ns per op>} once done.
 * <ul>
 *   <li>{@code tcp}: {@code new Socket()}, connect to a loopback listener (an unbound socket: the
 *       agent's {@code NetHooks.beforeTcpConnect} path), read the one byte the server writes,
 *       {@code SO_LINGER 0} and close, so no TIME_WAIT piles up and the loop measures port
 *       selection, not TIME_WAIT exhaustion;</li>
 *   <li>{@code udp}: {@code DatagramChannel.open()}, send one datagram to loopback (the implicit
 *       bind), close.</li>
 * </ul>
 * Usage: {@code ConnectLoops tcp|udp <warm-up ops> <measured ops>}.
 */
public final class ConnectLoops {
    private ConnectLoops() {
    }

    public static void main(String[] args) throws IOException {
        String kind = args[0];
        int warmUp = Integer.parseInt(args[1]);
        int measured = Integer.parseInt(args[2]);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 1024, loopback);
                DatagramChannel sink = DatagramChannel.open().bind(new InetSocketAddress(loopback, 0))) {
            Thread acceptor = new Thread(() -> serve(server), "acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
            InetSocketAddress tcpTarget = new InetSocketAddress(loopback, server.getLocalPort());
            InetSocketAddress udpTarget = (InetSocketAddress) sink.getLocalAddress();
            ByteBuffer datagram = ByteBuffer.allocate(1);
            boolean tcp = kind.equals("tcp");
            run(tcp, warmUp, tcpTarget, udpTarget, datagram);
            long start = System.nanoTime();
            run(tcp, measured, tcpTarget, udpTarget, datagram);
            System.out.println("OPS " + kind + " " + (System.nanoTime() - start) / measured);
        }
    }

    private static void run(boolean tcp, int ops, InetSocketAddress tcpTarget, InetSocketAddress udpTarget,
            ByteBuffer datagram) throws IOException {
        for (int i = 0; i < ops; i++) {
            if (tcp) {
                try (Socket socket = new Socket()) {
                    socket.connect(tcpTarget);
                    InputStream in = socket.getInputStream();
                    if (in.read() < 0) {
                        throw new IOException("the server closed without its byte");
                    }
                    socket.setSoLinger(true, 0);
                }
            } else {
                try (DatagramChannel channel = DatagramChannel.open()) {
                    datagram.clear();
                    channel.send(datagram, udpTarget);
                }
            }
        }
    }

    private static void serve(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket accepted = server.accept()) {
                OutputStream out = accepted.getOutputStream();
                out.write(1);
                out.flush();
            } catch (IOException closed) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }
}
