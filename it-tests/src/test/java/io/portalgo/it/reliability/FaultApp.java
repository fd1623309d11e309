package io.portalgo.it.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The application side of the fault tests, with its own loopback servers:
 * <ul>
 *   <li>{@code sequential N}: N times a TCP connect of an unbound socket (closed with a reset), a
 *       {@code bind(0)} of a TCP socket, and a UDP send from an unbound channel, one after
 *       another;</li>
 *   <li>{@code open N}: N TCP connections opened and all kept open at once, then closed;</li>
 *   <li>{@code timewait N}: N connects each closed plainly by the client first, so each leaves
 *       a TIME_WAIT behind on the client's side.</li>
 * </ul>
 * Prints {@code RESULT ok=.. failed=.. tcp-ports=p,p,.. bind-ports=.. udp-ports=..} with the
 * agent's counters for the workload, and each distinct failure as {@code FAILURE ...} on
 * standard error (an exception in the application is what the tests count as a failure).
 */
public final class FaultApp {
    private FaultApp() {
    }

    public static void main(String[] args) throws Exception {
        String scenario = args[0];
        int count = Integer.parseInt(args[1]);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(loopback, 0), 4096);
        List<Socket> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread acceptor = new Thread(() -> {
            while (true) {
                try {
                    Socket socket = server.accept();
                    if (scenario.equals("timewait")) {
                        Thread reader = new Thread(() -> drainAndClose(socket));
                        reader.setDaemon(true);
                        reader.start();
                    } else {
                        accepted.add(socket);
                    }
                } catch (IOException e) {
                    return;
                }
            }
        }, "acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        // An explicit port, never the agent's choice: the UDP receiver takes the number the kernel gave the TCP
        // server (run with listeners=false), so neither takes a port of the small ranges under test.
        DatagramChannel receiver = DatagramChannel.open().bind(new InetSocketAddress(loopback, server.getLocalPort()));
        InetSocketAddress udpTarget = (InetSocketAddress) receiver.getLocalAddress();

        Map<String, Long> before = AgentCounters.read();
        StringJoiner tcpPorts = new StringJoiner(",");
        StringJoiner bindPorts = new StringJoiner(",");
        StringJoiner udpPorts = new StringJoiner(",");
        Map<String, Integer> failures = new TreeMap<>();
        int ok = 0;
        if (scenario.equals("sequential")) {
            for (int i = 0; i < count; i++) {
                try (Socket socket = new Socket()) {
                    socket.connect(server.getLocalSocketAddress(), 10_000);
                    tcpPorts.add(Integer.toString(socket.getLocalPort()));
                    socket.setSoLinger(true, 0);
                    ok++;
                } catch (IOException | RuntimeException e) {
                    failures.merge("tcp-connect " + e, 1, Integer::sum);
                }
                try (Socket socket = new Socket()) {
                    socket.bind(null);
                    bindPorts.add(Integer.toString(socket.getLocalPort()));
                    ok++;
                } catch (IOException | RuntimeException e) {
                    failures.merge("tcp-bind " + e, 1, Integer::sum);
                }
                try (DatagramChannel channel = DatagramChannel.open()) {
                    channel.send(ByteBuffer.allocate(1), udpTarget);
                    udpPorts.add(Integer.toString(((InetSocketAddress) channel.getLocalAddress()).getPort()));
                    ok++;
                } catch (IOException | RuntimeException e) {
                    failures.merge("udp-send " + e, 1, Integer::sum);
                }
            }
        } else if (scenario.equals("open")) {
            List<Socket> open = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Socket socket = new Socket();
                try {
                    socket.connect(server.getLocalSocketAddress(), 10_000);
                    open.add(socket);
                    ok++;
                } catch (IOException | RuntimeException e) {
                    failures.merge("tcp-connect " + e, 1, Integer::sum);
                    socket.close();
                }
            }
            for (Socket socket : open) {
                socket.setSoLinger(true, 0);
                socket.close();
            }
        } else if (scenario.equals("timewait")) {
            for (int i = 0; i < count; i++) {
                try (Socket socket = new Socket()) {
                    socket.connect(server.getLocalSocketAddress(), 10_000);
                    ok++;
                } catch (IOException | RuntimeException e) {
                    failures.merge("tcp-connect " + e, 1, Integer::sum);
                }
            }
        } else {
            throw new IllegalArgumentException(scenario);
        }
        Map<String, Long> after = AgentCounters.read();
        failures.forEach((failure, times) -> System.err.println("FAILURE " + times + "x " + failure));
        int failed = failures.values().stream().mapToInt(Integer::intValue).sum();
        System.out.println("RESULT ok=" + ok + " failed=" + failed + " tcp-ports=" + tcpPorts + " bind-ports=" + bindPorts
                + " udp-ports=" + udpPorts + AgentCounters.delta(before, after));
        System.exit(0);
    }

    private static void drainAndClose(Socket socket) {
        try (Socket closing = socket; InputStream in = closing.getInputStream()) {
            while (in.read() >= 0) {
                // until the client's FIN
            }
        } catch (IOException ignored) {
            // reset: gone as well
        }
    }
}
