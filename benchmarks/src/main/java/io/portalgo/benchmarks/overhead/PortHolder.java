package io.portalgo.benchmarks.overhead;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Another process that holds a share of the ephemeral range, for {@link OccupancyLatency}: it
 * binds TCP sockets (bound, not listening, as a process that bound and has not connected yet) to
 * a random {@code percent} of the ports in {@code [min, max]}, prints {@code READY <count>} and
 * keeps them until its standard input closes. The kernel's connect-time autobind skips every
 * port held this way, and so does a pinned connect.
 *
 * <p>Usage: {@code PortHolder <min> <max> <percent> <seed>}.
 */
public final class PortHolder {
    private PortHolder() {
    }

    public static void main(String[] args) throws IOException {
        int min = Integer.parseInt(args[0]);
        int max = Integer.parseInt(args[1]);
        int percent = Integer.parseInt(args[2]);
        List<Integer> ports = new ArrayList<>();
        for (int port = min; port <= max; port++) {
            ports.add(port);
        }
        Collections.shuffle(ports, new Random(Long.parseLong(args[3])));
        int wanted = ports.size() * percent / 100;
        List<Socket> held = new ArrayList<>();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int port : ports.subList(0, wanted)) {
            Socket socket = new Socket();
            socket.bind(new InetSocketAddress(loopback, port));
            held.add(socket);
        }
        System.out.println("READY " + held.size());
        System.out.flush();
        while (System.in.read() >= 0) {
            // hold until the harness closes our input
        }
        for (Socket socket : held) {
            socket.close();
        }
    }
}
