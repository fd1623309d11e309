package io.portalgo.it.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A TCP and a UDP echo server on 127.0.0.1 at explicit ports in 62000-64999: outside the kernel's
 * ephemeral range (32768-60999) and every portalgo range the tests set, so the servers never take
 * a port an algorithm under test would hand out, and the agent leaves them alone (explicit ports).
 */
public final class FixedPortEchoServer implements AutoCloseable {
    public static final InetAddress LOOPBACK = SocketPaths.address("127.0.0.1");
    private static final int LOWEST = 62000;
    private static final int PORTS = 3000;
    private static final int TRIES = 100;

    private final ServerSocket tcp;
    private final DatagramChannel udp;

    private FixedPortEchoServer(ServerSocket tcp, DatagramChannel udp) {
        this.tcp = tcp;
        this.udp = udp;
    }

    public static FixedPortEchoServer start() throws IOException {
        FixedPortEchoServer server = new FixedPortEchoServer(bindTcp(), bindUdp());
        daemon(server::serveTcp);
        daemon(server::serveUdp);
        return server;
    }

    public InetSocketAddress tcp() {
        return new InetSocketAddress(LOOPBACK, tcp.getLocalPort());
    }

    public InetSocketAddress udp() {
        return new InetSocketAddress(LOOPBACK, udp.socket().getLocalPort());
    }

    /** A port of 62000-64999 that was free a moment ago, for a test that binds it explicitly. */
    public static int randomHighPort() {
        return LOWEST + ThreadLocalRandom.current().nextInt(PORTS);
    }

    private static ServerSocket bindTcp() throws IOException {
        for (int i = 0; ; i++) {
            ServerSocket server = new ServerSocket();
            try {
                server.bind(new InetSocketAddress(LOOPBACK, randomHighPort()), 200);
                return server;
            } catch (BindException taken) {
                server.close();
                if (i == TRIES) {
                    throw taken;
                }
            }
        }
    }

    private static DatagramChannel bindUdp() throws IOException {
        for (int i = 0; ; i++) {
            DatagramChannel channel = DatagramChannel.open();
            try {
                return channel.bind(new InetSocketAddress(LOOPBACK, randomHighPort()));
            } catch (BindException taken) {
                channel.close();
                if (i == TRIES) {
                    throw taken;
                }
            }
        }
    }

    private void serveTcp() throws IOException {
        while (!tcp.isClosed()) {
            Socket socket = tcp.accept();
            daemon(() -> {
                try (Socket connection = socket; InputStream in = connection.getInputStream()) {
                    int b;
                    while ((b = in.read()) >= 0) {
                        connection.getOutputStream().write(b);
                    }
                }
            });
        }
    }

    private void serveUdp() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        while (udp.isOpen()) {
            buffer.clear();
            SocketAddress from = udp.receive(buffer);
            buffer.flip();
            udp.send(buffer, from);
        }
    }

    private static void daemon(EchoServers.Loop loop) {
        Thread thread = new Thread(() -> {
            try {
                loop.run();
            } catch (IOException closedOrReset) {
                // the server was closed or the client reset the connection: the loop ends
            }
        });
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        tcp.close();
        udp.close();
    }
}
