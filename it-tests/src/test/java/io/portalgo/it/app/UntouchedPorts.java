package io.portalgo.it.app;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sockets whose ports the agent must leave alone, and a few it must not. Arguments, run in turn:
 * <ul>
 *   <li>{@code explicit}: a {@code ServerSocket} at a fixed port, a client {@code Socket} bound to
 *       another fixed port connecting to it, a {@code DatagramSocket} at a third; prints
 *       {@code RESULT kind=explicit-... asked=P port=<getLocalPort()>};</li>
 *   <li>{@code unix}: a Unix-domain {@code ServerSocketChannel} and {@code SocketChannel}
 *       exchanging a byte; prints {@code RESULT kind=unix exchanged=true};</li>
 *   <li>{@code ephemeral}: an unbound TCP connect, a {@code ServerSocket(0)} with a client, a
 *       UDP {@code bind(null)}; prints {@code RESULT kind=ephemeral-... port=...}.</li>
 * </ul>
 */
public final class UntouchedPorts {
    private static final int TRIES = 100;

    private UntouchedPorts() {
    }

    public static void main(String[] args) throws Exception {
        try (FixedPortEchoServer echo = FixedPortEchoServer.start()) {
            for (String scenario : args) {
                switch (scenario) {
                    case "explicit" -> explicit(echo);
                    case "unix" -> unix();
                    case "ephemeral" -> ephemeral(echo);
                    default -> throw new IllegalArgumentException(scenario);
                }
            }
        }
    }

    private static void explicit(FixedPortEchoServer echo) throws IOException {
        try (ServerSocket server = fixedServerSocket()) {
            Socket client = new Socket();
            int clientPort = bindFixed(client);
            client.connect(server.getLocalSocketAddress(), 10_000);
            try (Socket accepted = server.accept()) {
                client.getOutputStream().write(5);
                SocketPaths.check(accepted.getInputStream().read() == 5, "tcp exchange");
                System.out.println("RESULT kind=explicit-serversocket asked=" + server.getLocalPort() + " port="
                        + server.getLocalPort());
                System.out.println("RESULT kind=explicit-socket asked=" + clientPort + " port=" + client.getLocalPort()
                        + " seen-by-server=" + accepted.getPort());
            } finally {
                Clients.closeAbortively(client);
            }
        }
        for (int i = 0; ; i++) {
            int asked = FixedPortEchoServer.randomHighPort();
            try (DatagramSocket socket = new DatagramSocket(asked)) {
                Clients.echo(socket, echo.udp());
                System.out.println("RESULT kind=explicit-datagramsocket asked=" + asked + " port=" + socket.getLocalPort());
                return;
            } catch (BindException taken) {
                if (i == TRIES) {
                    throw taken;
                }
            }
        }
    }

    /** {@code new ServerSocket(P, 50, 127.0.0.1)} at a free fixed port; the port asked is the one printed. */
    private static ServerSocket fixedServerSocket() throws IOException {
        for (int i = 0; ; i++) {
            int asked = FixedPortEchoServer.randomHighPort();
            try {
                ServerSocket server = new ServerSocket(asked, 50, FixedPortEchoServer.LOOPBACK);
                SocketPaths.check(server.getLocalPort() == asked, "ServerSocket(" + asked + ") got " + server.getLocalPort());
                return server;
            } catch (BindException taken) {
                if (i == TRIES) {
                    throw taken;
                }
            }
        }
    }

    private static int bindFixed(Socket socket) throws IOException {
        for (int i = 0; ; i++) {
            int asked = FixedPortEchoServer.randomHighPort();
            try {
                socket.bind(new InetSocketAddress(FixedPortEchoServer.LOOPBACK, asked));
                return asked;
            } catch (BindException taken) {
                if (i == TRIES) {
                    throw taken;
                }
            }
        }
    }

    private static void unix() throws IOException {
        Path directory = Files.createTempDirectory("portalgo-unix");
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(directory.resolve("echo.sock"));
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(address);
            try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                client.connect(address);
                try (SocketChannel accepted = server.accept()) {
                    client.write(ByteBuffer.wrap(new byte[] {9}));
                    ByteBuffer received = ByteBuffer.allocate(1);
                    accepted.read(received);
                    SocketPaths.check(received.get(0) == 9, "unix exchange");
                    System.out.println("RESULT kind=unix exchanged=true local=" + client.getLocalAddress().toString()
                            .replace(' ', '_'));
                }
            }
        } finally {
            Files.deleteIfExists(address.getPath());
            Files.deleteIfExists(directory);
        }
    }

    private static void ephemeral(FixedPortEchoServer echo) throws IOException {
        Socket connected = Clients.connectAndEcho(echo.tcp());
        System.out.println("RESULT kind=ephemeral-connect port=" + connected.getLocalPort());
        Clients.closeAbortively(connected);
        try (ServerSocket listener = new ServerSocket(0, 50, FixedPortEchoServer.LOOPBACK)) {
            Socket client = new Socket();
            client.connect(listener.getLocalSocketAddress(), 10_000);
            try (Socket accepted = listener.accept()) {
                client.getOutputStream().write(3);
                SocketPaths.check(accepted.getInputStream().read() == 3, "listener exchange");
                System.out.println("RESULT kind=ephemeral-listener port=" + listener.getLocalPort());
                System.out.println("RESULT kind=ephemeral-listener-client port=" + client.getLocalPort());
            } finally {
                Clients.closeAbortively(client);
            }
        }
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.bind(null);
            Clients.echo(channel, echo.udp());
            System.out.println("RESULT kind=ephemeral-udp port=" + Clients.port(channel));
        }
    }
}
