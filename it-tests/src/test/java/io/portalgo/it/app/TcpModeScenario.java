package io.portalgo.it.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Three TCP connections held open at once, #1 to server A, #2 to B, #3 to A again, then three
 * UDP sockets bound to port 0 and held: in a two-port range the third of each must share a port,
 * be refused, or fall back to the kernel. Prints, in order,
 * {@code RESULT kind=tcp n=1 dest=A port=<getLocalPort()> reuse=<getReuseAddress()>} (or
 * {@code error=<exception>}) and {@code RESULT kind=udp n=1 port=... reuse=...}. Everything is
 * closed with a reset at the end, so no TIME_WAIT outlives the JVM. Last, the agent's counters:
 * {@code RESULT kind=stats allocations=4 exhaustions=2 kernel-fallbacks=2}.
 */
public final class TcpModeScenario {
    private TcpModeScenario() {
    }

    public static void main(String[] args) throws Exception {
        List<Socket> open = new ArrayList<>();
        List<DatagramChannel> udp = new ArrayList<>();
        try (FixedPortEchoServer a = FixedPortEchoServer.start(); FixedPortEchoServer b = FixedPortEchoServer.start()) {
            System.out.println("RESULT kind=server name=A port=" + a.tcp().getPort());
            System.out.println("RESULT kind=server name=B port=" + b.tcp().getPort());
            connect(1, "A", a.tcp(), open);
            connect(2, "B", b.tcp(), open);
            connect(3, "A", a.tcp(), open);
            for (int n = 1; n <= 3; n++) {
                try {
                    DatagramChannel channel = DatagramChannel.open();
                    udp.add(channel);
                    channel.bind(null);
                    Clients.echo(channel, a.udp());
                    System.out.println("RESULT kind=udp n=" + n + " port=" + Clients.port(channel) + " reuse="
                            + channel.socket().getReuseAddress());
                } catch (IOException e) {
                    System.out.println("RESULT kind=udp n=" + n + " error=" + Clients.field(e));
                }
            }
            System.out.println("RESULT kind=stats " + AgentStatistics.totals());
        } finally {
            open.forEach(Clients::closeAbortively);
            for (DatagramChannel channel : udp) {
                channel.close();
            }
        }
    }

    private static void connect(int n, String name, InetSocketAddress server, List<Socket> open) {
        Socket socket = new Socket();
        open.add(socket);
        try {
            socket.connect(server, 10_000);
            Clients.echo(socket);
            System.out.println("RESULT kind=tcp n=" + n + " dest=" + name + " port=" + socket.getLocalPort() + " reuse="
                    + socket.getReuseAddress());
        } catch (IOException e) {
            System.out.println("RESULT kind=tcp n=" + n + " dest=" + name + " error=" + Clients.field(e)
                    + " bound=" + socket.getLocalPort());
        }
    }
}
