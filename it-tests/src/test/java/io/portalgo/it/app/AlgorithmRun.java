package io.portalgo.it.app;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.DatagramChannel;
import java.util.Map;

/**
 * Many ephemeral ports in one JVM, for the algorithm tests. Two TCP echo servers, A and B, at
 * explicit ports; then each argument in turn:
 * <ul>
 *   <li>{@code tcp:<destinations>:<count>}: {@code count} connects of unbound sockets, cycling
 *       through the destinations ({@code A} or {@code AB}), each echoing a byte and closed with a
 *       reset; prints {@code RESULT kind=tcp dest=A port=<getLocalPort()>};</li>
 *   <li>{@code udp:<count>}: {@code count} times {@code DatagramChannel.bind(null)}, a datagram
 *       echoed, closed; prints {@code RESULT kind=udp port=<getLocalPort()>}.</li>
 * </ul>
 * First prints {@code RESULT kind=server name=A port=...} for each server.
 */
public final class AlgorithmRun {
    private AlgorithmRun() {
    }

    public static void main(String[] args) throws Exception {
        try (FixedPortEchoServer a = FixedPortEchoServer.start(); FixedPortEchoServer b = FixedPortEchoServer.start()) {
            Map<Character, FixedPortEchoServer> servers = Map.of('A', a, 'B', b);
            System.out.println("RESULT kind=server name=A port=" + a.tcp().getPort());
            System.out.println("RESULT kind=server name=B port=" + b.tcp().getPort());
            for (String task : args) {
                String[] parts = task.split(":");
                if (parts[0].equals("tcp")) {
                    String destinations = parts[1];
                    int count = Integer.parseInt(parts[2]);
                    for (int i = 0; i < count; i++) {
                        char name = destinations.charAt(i % destinations.length());
                        Socket socket = Clients.connectAndEcho(servers.get(name).tcp());
                        System.out.println("RESULT kind=tcp dest=" + name + " port=" + socket.getLocalPort());
                        Clients.closeAbortively(socket);
                    }
                } else {
                    int count = Integer.parseInt(parts[1]);
                    InetSocketAddress echo = a.udp();
                    for (int i = 0; i < count; i++) {
                        try (DatagramChannel channel = DatagramChannel.open()) {
                            channel.bind(null);
                            Clients.echo(channel, echo);
                            System.out.println("RESULT kind=udp port=" + Clients.port(channel));
                        }
                    }
                }
            }
        }
    }
}
