package io.portalgo.it.reliability;

import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Another process on the machine taking ports (run without the agent): each held port is taken
 * for TCP (a wildcard listener) and UDP (a wildcard socket), so no socket of the application
 * under test can have it.
 * <ul>
 *   <li>{@code hold p1,p2,...}: holds these ports until standard input closes;</li>
 *   <li>{@code churn min max}: until standard input closes, keeps grabbing random ports of the
 *       range and letting them go a moment later (about half the range busy at any time), so
 *       ports the application's algorithm has just chosen get taken before its bind.</li>
 * </ul>
 * Prints {@code ready} once the first ports are held.
 */
public final class PortHolder {
    private PortHolder() {
    }

    public static void main(String[] args) throws Exception {
        Thread waiter = new Thread(() -> {
            try {
                System.in.readAllBytes();
            } catch (IOException ignored) {
                // the test is gone: end too
            }
            System.exit(0);
        }, "stdin");
        waiter.start();
        if (args[0].equals("hold")) {
            List<Closeable> held = new ArrayList<>();
            for (String port : args[1].split(",")) {
                held.addAll(take(Integer.parseInt(port)));
            }
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        } else {
            int min = Integer.parseInt(args[1]);
            int max = Integer.parseInt(args[2]);
            java.util.ArrayDeque<List<Closeable>> held = new java.util.ArrayDeque<>();
            int target = (max - min + 1) / 2;
            System.out.println("ready");
            System.out.flush();
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (true) {
                try {
                    held.add(take(random.nextInt(min, max + 1)));
                } catch (IOException busy) {
                    // taken already (by us or by the application): try another
                }
                while (held.size() > target) {
                    for (Closeable socket : held.poll()) {
                        socket.close();
                    }
                }
                java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            }
        }
    }

    private static List<Closeable> take(int port) throws IOException {
        ServerSocket tcp = new ServerSocket(port);
        try {
            return List.of(tcp, new DatagramSocket(port));
        } catch (IOException e) {
            tcp.close();
            throw e;
        }
    }
}
