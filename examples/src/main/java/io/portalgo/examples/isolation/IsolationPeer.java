package io.portalgo.examples.isolation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;

/**
 * One process of the isolation experiments, driven line by line on standard input (one answer
 * line per command on standard output). It runs under the agent or without it, in the host's
 * network namespace or in one of the experiment's own ({@code ip netns exec}). Commands:
 * <ul>
 *   <li>{@code serve <address> <port>}: a TCP server (reads each connection to its end, then
 *       closes, so a client that closes first keeps the TIME-WAIT) and a UDP sink; answers
 *       {@code ok <tcp port>};</li>
 *   <li>{@code probe tcp|udp <address> <port>}: one connection (closed with RST) or one datagram
 *       from a fresh unbound socket; answers {@code port <local port>};</li>
 *   <li>{@code connect <address> <port> <k>} / {@code send <address> <port> <k>}: k of them;
 *       answers {@code done <errors>};</li>
 *   <li>{@code load <address> <port> <per second> <seconds> <hold ms>}: connections at a steady
 *       rate, each held open, then closed by this side (TIME-WAIT here);
 *       {@code open <address> <port> <count>}: that many open at once, then all closed; both
 *       answer {@code done <attempts> <errors> [<error kind>=<count> ...]};</li>
 *   <li>{@code quit}.</li>
 * </ul>
 */
public final class IsolationPeer {
    private static final int MAX_COUNT = 100_000;

    private IsolationPeer() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.US_ASCII);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        out.println("ready");
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] word = line.trim().split(" ");
            try {
                switch (word[0]) {
                    case "serve" -> out.println("ok " + serve(InetAddress.getByName(word[1]), Integer.parseInt(word[2])));
                    case "probe" -> out.println("port " + probe(word[1], target(word[2], word[3])));
                    case "connect" -> out.println("done " + connect(target(word[1], word[2]), count(word[3])));
                    case "send" -> out.println("done " + send(target(word[1], word[2]), count(word[3])));
                    case "load" -> out.println("done " + load(target(word[1], word[2]), Integer.parseInt(word[3]),
                            Integer.parseInt(word[4]), Integer.parseInt(word[5])));
                    case "open" -> out.println("done " + open(target(word[1], word[2]), count(word[3])));
                    case "quit" -> {
                        out.println("bye");
                        System.exit(0);
                    }
                    default -> out.println("error unknown command " + word[0]);
                }
            } catch (IOException | RuntimeException failed) {
                out.println("error " + failed.toString().replace('\n', ' '));
            }
        }
    }

    private static InetSocketAddress target(String address, String port) throws IOException {
        return new InetSocketAddress(InetAddress.getByName(address), Integer.parseInt(port));
    }

    private static int count(String text) {
        int count = Integer.parseInt(text);
        if (count < 0 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be 0.." + MAX_COUNT + ", not " + count);
        }
        return count;
    }

    private static int serve(InetAddress address, int port) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(address, port), 4096);
        int bound = ((InetSocketAddress) server.getLocalAddress()).getPort();
        DatagramChannel sink = DatagramChannel.open(address instanceof java.net.Inet4Address
                ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
        sink.bind(new InetSocketAddress(address, bound));
        Thread loop = new Thread(() -> serveLoop(server, sink), "server");
        loop.setDaemon(true);
        loop.start();
        return bound;
    }

    /** Accepts, reads every connection to its end (or reset), then closes it: one thread, a selector. */
    private static void serveLoop(ServerSocketChannel server, DatagramChannel sink) {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        try (Selector selector = Selector.open()) {
            server.configureBlocking(false);
            sink.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            sink.register(selector, SelectionKey.OP_READ);
            while (true) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.channel() == server) {
                        for (SocketChannel accepted = server.accept(); accepted != null; accepted = server.accept()) {
                            accepted.configureBlocking(false);
                            accepted.register(selector, SelectionKey.OP_READ);
                        }
                    } else if (key.channel() == sink) {
                        buffer.clear();
                        while (sink.receive(buffer) != null) {
                            buffer.clear();
                        }
                    } else {
                        SocketChannel channel = (SocketChannel) key.channel();
                        int read;
                        try {
                            buffer.clear();
                            read = channel.read(buffer);
                        } catch (IOException reset) {
                            read = -1;
                        }
                        if (read < 0) {
                            key.cancel();
                            channel.close();
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException stopped) {
            System.err.println("server stopped: " + stopped);
        }
    }

    private static int probe(String protocol, InetSocketAddress target) throws IOException {
        if (protocol.equals("udp")) {
            try (DatagramChannel channel = DatagramChannel.open()) {
                channel.send(ByteBuffer.wrap(new byte[] {1}), target);
                return ((InetSocketAddress) channel.getLocalAddress()).getPort();
            }
        }
        try (Socket socket = new Socket()) {
            socket.setSoLinger(true, 0); // RST: no TIME-WAIT left behind by the observer
            socket.connect(target);
            return socket.getLocalPort();
        }
    }

    private static int connect(InetSocketAddress target, int k) {
        int errors = 0;
        for (int i = 0; i < k; i++) {
            try (Socket socket = new Socket()) {
                socket.setSoLinger(true, 0);
                socket.connect(target);
            } catch (IOException failed) {
                errors++;
            }
        }
        return errors;
    }

    private static int send(InetSocketAddress target, int k) {
        int errors = 0;
        for (int i = 0; i < k; i++) {
            try (DatagramChannel channel = DatagramChannel.open()) {
                channel.send(ByteBuffer.wrap(new byte[] {1}), target);
            } catch (IOException failed) {
                errors++;
            }
        }
        return errors;
    }

    /** Steady rate, each connection held {@code holdMillis} and then closed by this side. */
    private static String load(InetSocketAddress target, int perSecond, int seconds, int holdMillis) {
        Errors errors = new Errors();
        long retriesBefore = agentRetries();
        ArrayDeque<Socket> open = new ArrayDeque<>();
        ArrayDeque<Long> openedAt = new ArrayDeque<>();
        long interval = 1_000_000_000L / Math.max(1, perSecond);
        long start = System.nanoTime();
        long total = (long) perSecond * seconds;
        long hold = holdMillis * 1_000_000L;
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long now;
            while ((now = System.nanoTime()) < due) {
                closeDue(open, openedAt, now - hold);
                LockSupport.parkNanos(Math.min(due - now, 200_000));
            }
            closeDue(open, openedAt, now - hold);
            Socket socket = new Socket();
            try {
                socket.connect(target);
                open.add(socket);
                openedAt.add(System.nanoTime());
            } catch (IOException failed) {
                errors.count(failed);
                closeQuietly(socket);
            }
        }
        closeDue(open, openedAt, Long.MAX_VALUE);
        long elapsed = System.nanoTime() - start;
        return total + " " + errors + " seconds=" + String.format(java.util.Locale.ROOT, "%.2f", elapsed / 1e9)
                + retries(retriesBefore);
    }

    private static void closeDue(ArrayDeque<Socket> open, ArrayDeque<Long> openedAt, long openedBefore) {
        while (!openedAt.isEmpty() && openedAt.peekFirst() <= openedBefore) {
            openedAt.removeFirst();
            closeQuietly(open.removeFirst());
        }
    }

    /** {@code count} connections open at once, then all closed by this side. */
    private static String open(InetSocketAddress target, int count) {
        Errors errors = new Errors();
        long retriesBefore = agentRetries();
        List<Socket> open = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Socket socket = new Socket();
            try {
                socket.connect(target);
                open.add(socket);
            } catch (IOException failed) {
                errors.count(failed);
                closeQuietly(socket);
            }
        }
        open.forEach(IsolationPeer::closeQuietly);
        return count + " " + errors + retries(retriesBefore);
    }

    /** The agent's retries (clashes it met and hid) since {@code before}, from its MBean; empty without the agent. */
    private static String retries(long before) {
        long now = agentRetries();
        return now < 0 ? "" : " retries=" + (now - Math.max(0, before));
    }

    private static long agentRetries() {
        try {
            javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
            javax.management.ObjectName name = new javax.management.ObjectName("io.portalgo:type=PortAlgo");
            return server.isRegistered(name) ? ((Number) server.getAttribute(name, "TotalRetries")).longValue() : -1;
        } catch (javax.management.JMException | RuntimeException absent) {
            return -1;
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket that failed to connect
        }
    }

    /** Errors the application saw, by kind: {@code BindException:Cannot_assign_requested_address=3}. */
    private static final class Errors {
        private final Map<String, Integer> byKind = new TreeMap<>();
        private int total;

        void count(IOException failed) {
            total++;
            String kind = (failed instanceof BindException ? "BindException" : failed.getClass().getSimpleName())
                    + ":" + String.valueOf(failed.getMessage()).replace(' ', '_');
            byKind.merge(kind, 1, Integer::sum);
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder().append(total);
            byKind.forEach((kind, n) -> text.append(' ').append(kind).append('=').append(n));
            return text.toString();
        }
    }
}
