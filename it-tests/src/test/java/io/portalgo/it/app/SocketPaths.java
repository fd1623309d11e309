package io.portalgo.it.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every way a Java program gets an ephemeral port, one after the other, each exchanging data
 * with a real loopback peer. Prints one line per path:
 * {@code RESULT scenario=<path> port=<getLocalPort()> exchanged=true}, or {@code error=...}.
 * Arguments: the paths to run (all when none).
 */
public final class SocketPaths {
    private static final InetAddress LOOPBACK4 = address("127.0.0.1");
    private static final InetAddress LOOPBACK6 = address("::1");

    private final EchoServers servers;

    private SocketPaths(EchoServers servers) {
        this.servers = servers;
    }

    public static void main(String[] args) throws Exception {
        try (EchoServers servers = EchoServers.start()) {
            SocketPaths paths = new SocketPaths(servers);
            Map<String, Path> all = paths.all();
            List<String> wanted = args.length == 0 ? List.copyOf(all.keySet()) : List.of(args);
            for (String name : wanted) {
                if (name.equals("tcp-virtual-thread") && Runtime.version().feature() < 21) {
                    continue;
                }
                try {
                    int port = all.get(name).run();
                    System.out.println("RESULT scenario=" + name + " port=" + port + " exchanged=true");
                } catch (Exception | AssertionError e) {
                    System.out.println("RESULT scenario=" + name + " error=" + e.toString().replace(' ', '_'));
                }
            }
        }
    }

    /** One path: makes the socket, exchanges data, returns its local port. */
    interface Path {
        int run() throws Exception;
    }

    private Map<String, Path> all() {
        Map<String, Path> paths = new LinkedHashMap<>();
        paths.put("tcp-socket-connect", () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(LOOPBACK4, servers.tcp4()));
                return echo(socket);
            }
        });
        paths.put("tcp-new-socket", () -> {
            try (Socket socket = new Socket(LOOPBACK4, servers.tcp4())) {
                return echo(socket);
            }
        });
        paths.put("tcp-socket-ipv6", () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(LOOPBACK6, servers.tcp6()));
                return echo(socket);
            }
        });
        paths.put("tcp-channel-open", () -> {
            try (SocketChannel channel = SocketChannel.open(new InetSocketAddress(LOOPBACK4, servers.tcp4()))) {
                return echo(channel);
            }
        });
        paths.put("tcp-channel-nonblocking", () -> {
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.INET)) {
                channel.configureBlocking(false);
                if (!channel.connect(new InetSocketAddress(LOOPBACK4, servers.tcp4()))) {
                    try (Selector selector = Selector.open()) {
                        channel.register(selector, SelectionKey.OP_CONNECT);
                        for (int i = 0; i < 50 && !channel.finishConnect(); i++) {
                            selector.select(100);
                        }
                    }
                }
                channel.configureBlocking(true);
                return echo(channel);
            }
        });
        paths.put("tcp-channel-inet6", () -> {
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.INET6)) {
                channel.connect(new InetSocketAddress(LOOPBACK6, servers.tcp6()));
                return echo(channel);
            }
        });
        paths.put("tcp-channel-adaptor", () -> {
            try (SocketChannel channel = SocketChannel.open()) {
                channel.socket().connect(new InetSocketAddress(LOOPBACK4, servers.tcp4()));
                return echo(channel);
            }
        });
        paths.put("tcp-async-connect", () -> {
            try (AsynchronousSocketChannel channel = AsynchronousSocketChannel.open()) {
                channel.connect(new InetSocketAddress(LOOPBACK4, servers.tcp4())).get(10, TimeUnit.SECONDS);
                ByteBuffer buffer = ByteBuffer.wrap(new byte[] {42});
                channel.write(buffer).get(10, TimeUnit.SECONDS);
                ByteBuffer answer = ByteBuffer.allocate(1);
                channel.read(answer).get(10, TimeUnit.SECONDS);
                check(answer.get(0) == 42, "echo");
                return ((InetSocketAddress) channel.getLocalAddress()).getPort();
            }
        });
        paths.put("tcp-virtual-thread", () -> {
            AtomicInteger port = new AtomicInteger(-1);
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
            Thread thread = (Thread) start.invoke(builder, (Runnable) () -> {
                try (Socket socket = new Socket(LOOPBACK4, servers.tcp4())) {
                    port.set(echo(socket));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            thread.join(10_000);
            check(port.get() > 0, "virtual thread connected");
            return port.get();
        });
        paths.put("tcp-socket-bind0", () -> {
            try (Socket socket = new Socket()) {
                socket.bind(null);
                socket.connect(new InetSocketAddress(LOOPBACK4, servers.tcp4()));
                return echo(socket);
            }
        });
        paths.put("tcp-channel-bind0", () -> {
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.INET)) {
                channel.bind(null);
                channel.connect(new InetSocketAddress(LOOPBACK4, servers.tcp4()));
                return echo(channel);
            }
        });
        paths.put("listener-serversocket", () -> {
            try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK4)) {
                return acceptOne(server.getLocalPort(), () -> server.accept().close());
            }
        });
        paths.put("listener-serverchannel", () -> {
            try (ServerSocketChannel server = ServerSocketChannel.open()) {
                server.bind(new InetSocketAddress(LOOPBACK4, 0));
                int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
                return acceptOne(port, () -> server.accept().close());
            }
        });
        paths.put("listener-async", () -> {
            try (AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open()) {
                server.bind(new InetSocketAddress(LOOPBACK4, 0));
                int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
                return acceptOne(port, () -> server.accept().get(10, TimeUnit.SECONDS).close());
            }
        });
        paths.put("udp-channel-send", () -> {
            try (DatagramChannel channel = DatagramChannel.open()) {
                channel.send(ByteBuffer.wrap(new byte[] {7}), new InetSocketAddress(LOOPBACK4, servers.udp4()));
                return udpAnswer(channel);
            }
        });
        paths.put("udp-channel-connect", () -> {
            try (DatagramChannel channel = DatagramChannel.open()) {
                channel.connect(new InetSocketAddress(LOOPBACK4, servers.udp4()));
                channel.write(ByteBuffer.wrap(new byte[] {7}));
                return udpAnswer(channel);
            }
        });
        paths.put("udp-channel-bind0", () -> {
            try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)) {
                channel.bind(null);
                channel.send(ByteBuffer.wrap(new byte[] {7}), new InetSocketAddress(LOOPBACK4, servers.udp4()));
                return udpAnswer(channel);
            }
        });
        paths.put("udp-channel-ipv6", () -> {
            try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET6)) {
                channel.send(ByteBuffer.wrap(new byte[] {7}), new InetSocketAddress(LOOPBACK6, servers.udp6()));
                return udpAnswer(channel);
            }
        });
        paths.put("udp-datagramsocket", () -> {
            try (DatagramSocket socket = new DatagramSocket()) {
                return udpExchange(socket);
            }
        });
        paths.put("udp-datagramsocket-unbound-send", () -> {
            try (DatagramSocket socket = new DatagramSocket((SocketAddress) null)) {
                return udpExchange(socket);
            }
        });
        paths.put("udp-multicastsocket", () -> {
            try (MulticastSocket socket = new MulticastSocket(0)) {
                return udpExchange(socket);
            }
        });
        return paths;
    }

    private int udpExchange(DatagramSocket socket) throws IOException {
        socket.setSoTimeout(10_000);
        socket.send(new DatagramPacket(new byte[] {7}, 1, new InetSocketAddress(LOOPBACK4, servers.udp4())));
        DatagramPacket answer = new DatagramPacket(new byte[1], 1);
        socket.receive(answer);
        check(answer.getData()[0] == 7, "udp echo");
        return socket.getLocalPort();
    }

    private static int udpAnswer(DatagramChannel channel) throws IOException {
        ByteBuffer answer = ByteBuffer.allocate(1);
        channel.configureBlocking(false);
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            check(selector.select(10_000) == 1, "udp answer within 10 s");
        }
        channel.receive(answer);
        check(answer.get(0) == 7, "udp echo");
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    interface Acceptor {
        void acceptAndClose() throws Exception;
    }

    /** A listener's port, after a real client connected to it. */
    private static int acceptOne(int port, Acceptor acceptor) throws Exception {
        Thread client = new Thread(() -> {
            try (Socket socket = new Socket(LOOPBACK4, port)) {
                socket.getOutputStream().write(1);
            } catch (IOException ignored) {
                // the accept below then times out and reports it
            }
        });
        client.start();
        acceptor.acceptAndClose();
        client.join(10_000);
        return port;
    }

    private static int echo(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        out.write(42);
        check(in.read() == 42, "tcp echo");
        return socket.getLocalPort();
    }

    private static int echo(SocketChannel channel) throws IOException {
        return echo(channel.socket());
    }

    static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
