package io.portalgo.it.app;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills a small range with UDP sockets bound to port 0 ({@code holders} of them, first argument),
 * then asks for one more port three ways: {@code DatagramChannel.bind(null)}, {@code new
 * DatagramSocket()} and the implicit bind of a first {@code send}. Prints
 * {@code RESULT kind=holder port=...} for each holder and {@code RESULT kind=<way> port=...} (the
 * datagram was echoed) or {@code RESULT kind=<way> error=<exception>} for each of the three.
 */
public final class UdpExhaustion {
    private UdpExhaustion() {
    }

    interface Way {
        int bindAndEcho() throws IOException;
    }

    public static void main(String[] args) throws Exception {
        int holders = Integer.parseInt(args[0]);
        List<DatagramChannel> held = new ArrayList<>();
        try (FixedPortEchoServer echo = FixedPortEchoServer.start()) {
            for (int i = 0; i < holders; i++) {
                DatagramChannel channel = DatagramChannel.open();
                held.add(channel);
                channel.bind(null);
                System.out.println("RESULT kind=holder port=" + Clients.port(channel));
            }
            attempt("channel-bind", () -> {
                try (DatagramChannel channel = DatagramChannel.open()) {
                    channel.bind(null);
                    Clients.echo(channel, echo.udp());
                    return Clients.port(channel);
                }
            });
            attempt("datagramsocket", () -> {
                try (DatagramSocket socket = new DatagramSocket()) {
                    Clients.echo(socket, echo.udp());
                    return socket.getLocalPort();
                }
            });
            attempt("implicit-send", () -> {
                try (DatagramChannel channel = DatagramChannel.open()) {
                    Clients.echo(channel, echo.udp());
                    return Clients.port(channel);
                }
            });
        } finally {
            for (DatagramChannel channel : held) {
                channel.close();
            }
        }
    }

    private static void attempt(String kind, Way way) {
        try {
            System.out.println("RESULT kind=" + kind + " port=" + way.bindAndEcho());
        } catch (IOException e) {
            System.out.println("RESULT kind=" + kind + " error=" + Clients.field(e));
        }
    }
}
