package io.portalgo.it.monitoring;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * A small workload that moves every counter: {@code tcp} connections and {@code udp} sends, all
 * kept open, to loopback servers. Run in a range smaller than either count, the ports beyond the
 * range's size find none free: exhaustions, kernel fallbacks and retries. Prints
 * {@code RESULT tcp-ok=.. udp-ok=..} and then waits for standard input to close.
 */
public final class MonitoredApp {
    private MonitoredApp() {
    }

    public static void main(String[] args) throws Exception {
        int tcp = Integer.parseInt(args[0]);
        int udp = Integer.parseInt(args[1]);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(loopback, 0));
        // An explicit port, never the agent's: the number the kernel gave the TCP server (listeners=false).
        DatagramChannel receiver = DatagramChannel.open().bind(new InetSocketAddress(loopback, server.getLocalPort()));
        List<AutoCloseable> open = new ArrayList<>();
        int tcpOk = 0;
        for (int i = 0; i < tcp; i++) {
            Socket socket = new Socket();
            try {
                socket.connect(server.getLocalSocketAddress(), 10_000);
                open.add(socket);
                open.add(server.accept());
                tcpOk++;
            } catch (IOException e) {
                System.err.println("tcp: " + e);
            }
        }
        int udpOk = 0;
        for (int i = 0; i < udp; i++) {
            DatagramChannel channel = DatagramChannel.open();
            open.add(channel);
            try {
                channel.send(ByteBuffer.allocate(1), receiver.getLocalAddress());
                udpOk++;
            } catch (IOException e) {
                System.err.println("udp: " + e);
            }
        }
        System.out.println("RESULT tcp-ok=" + tcpOk + " udp-ok=" + udpOk);
        System.out.flush();
        System.in.readAllBytes();
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }
}
