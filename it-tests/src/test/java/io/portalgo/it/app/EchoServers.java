package io.portalgo.it.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * TCP and UDP echo servers on 127.0.0.1 and ::1, on ports the kernel or the agent chose, each
 * served by a daemon thread: TCP echoes every byte back, UDP every datagram.
 */
public final class EchoServers implements AutoCloseable {
    private final ServerSocket tcp4;
    private final ServerSocket tcp6;
    private final DatagramChannel udp4;
    private final DatagramChannel udp6;

    private EchoServers(ServerSocket tcp4, ServerSocket tcp6, DatagramChannel udp4, DatagramChannel udp6) {
        this.tcp4 = tcp4;
        this.tcp6 = tcp6;
        this.udp4 = udp4;
        this.udp6 = udp6;
    }

    public static EchoServers start() throws IOException {
        InetAddress loopback4 = InetAddress.getByName("127.0.0.1");
        InetAddress loopback6 = InetAddress.getByName("::1");
        EchoServers servers = new EchoServers(new ServerSocket(0, 200, loopback4), new ServerSocket(0, 200, loopback6),
                DatagramChannel.open().bind(new InetSocketAddress(loopback4, 0)),
                DatagramChannel.open().bind(new InetSocketAddress(loopback6, 0)));
        servers.serveTcp(servers.tcp4);
        servers.serveTcp(servers.tcp6);
        servers.serveUdp(servers.udp4);
        servers.serveUdp(servers.udp6);
        return servers;
    }

    public int tcp4() {
        return tcp4.getLocalPort();
    }

    public int tcp6() {
        return tcp6.getLocalPort();
    }

    public int udp4() {
        return port(udp4);
    }

    public int udp6() {
        return port(udp6);
    }

    private static int port(DatagramChannel channel) {
        return channel.socket().getLocalPort();
    }

    private void serveTcp(ServerSocket server) {
        daemon(() -> {
            while (!server.isClosed()) {
                Socket socket = server.accept();
                daemon(() -> {
                    try (Socket connection = socket; InputStream in = connection.getInputStream()) {
                        int b;
                        while ((b = in.read()) >= 0) {
                            connection.getOutputStream().write(b);
                        }
                    }
                });
            }
        });
    }

    private void serveUdp(DatagramChannel channel) {
        daemon(() -> {
            ByteBuffer buffer = ByteBuffer.allocate(2048);
            while (channel.isOpen()) {
                buffer.clear();
                SocketAddress from = channel.receive(buffer);
                buffer.flip();
                channel.send(buffer, from);
            }
        });
    }

    interface Loop {
        void run() throws IOException;
    }

    private static void daemon(Loop loop) {
        Thread thread = new Thread(() -> {
            try {
                loop.run();
            } catch (IOException closed) {
                // the server was closed: the loop ends
            }
        });
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        tcp4.close();
        tcp6.close();
        udp4.close();
        udp6.close();
    }
}
