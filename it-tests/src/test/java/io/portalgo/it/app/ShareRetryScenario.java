package io.portalgo.it.app;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clash that {@code share} mode retries on a fresh socket, met by each way a JDK connects: in
 * a two-port range with {@code bsd}, #1 to server A takes the top port, #2 to B the other, and #3
 * to A (the path under test, named by the argument) meets #1's 4-tuple on its first candidate.
 * Each path sets socket options before connecting; prints
 * {@code RESULT kind=tcp n=3 path=<path> port=<local port> nodelay=.. keepalive=.. linger=..
 * rcvbuf=<before>/<after> tos=.. reuse=.. echo=ok} (or {@code error=...}) and the agent's totals.
 * Paths: {@code socket} (timed connect), {@code socket-untimed}, {@code channel},
 * {@code channel-nonblocking}, {@code async}, {@code virtual} (Java 21+).
 */
public final class ShareRetryScenario {
    private ShareRetryScenario() {
    }

    public static void main(String[] args) throws Exception {
        String path = args[0];
        List<Socket> open = new ArrayList<>();
        try (FixedPortEchoServer a = FixedPortEchoServer.start(); FixedPortEchoServer b = FixedPortEchoServer.start()) {
            open.add(Clients.connectAndEcho(a.tcp()));
            open.add(Clients.connectAndEcho(b.tcp()));
            try {
                System.out.println("RESULT kind=tcp n=3 path=" + path + " " + third(path, a.tcp()));
            } catch (IOException | RuntimeException e) {
                System.out.println("RESULT kind=tcp n=3 path=" + path + " error=" + Clients.field(e));
            }
            System.out.println("RESULT kind=stats " + AgentStatistics.totals());
        } finally {
            open.forEach(Clients::closeAbortively);
        }
    }

    private static String third(String path, InetSocketAddress server) throws Exception {
        switch (path) {
            case "socket", "socket-untimed" -> {
                Socket socket = new Socket();
                try {
                    socket.setTcpNoDelay(true);
                    socket.setKeepAlive(true);
                    socket.setSoLinger(true, 7);
                    socket.setTrafficClass(0x20);
                    socket.setReceiveBufferSize(40_000);
                    int before = socket.getReceiveBufferSize();
                    if (path.equals("socket")) {
                        socket.connect(server, 10_000);
                    } else {
                        socket.connect(server);
                    }
                    Clients.echo(socket);
                    return "port=" + socket.getLocalPort() + " nodelay=" + socket.getTcpNoDelay() + " keepalive="
                            + socket.getKeepAlive() + " linger=" + socket.getSoLinger() + " rcvbuf=" + before + "/"
                            + socket.getReceiveBufferSize() + " tos=" + socket.getTrafficClass() + " reuse="
                            + socket.getReuseAddress() + " echo=ok";
                } finally {
                    Clients.closeAbortively(socket);
                }
            }
            case "channel", "channel-nonblocking" -> {
                try (SocketChannel channel = SocketChannel.open()) {
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
                    channel.setOption(StandardSocketOptions.SO_LINGER, 7);
                    channel.setOption(StandardSocketOptions.IP_TOS, 0x20);
                    channel.setOption(StandardSocketOptions.SO_RCVBUF, 40_000);
                    int before = channel.getOption(StandardSocketOptions.SO_RCVBUF);
                    if (path.equals("channel")) {
                        channel.connect(server);
                    } else {
                        channel.configureBlocking(false);
                        if (!channel.connect(server)) {
                            try (Selector selector = Selector.open()) {
                                channel.register(selector, SelectionKey.OP_CONNECT);
                                selector.select(10_000);
                                if (!channel.finishConnect()) {
                                    throw new IOException("not connected within 10 s");
                                }
                            }
                        }
                        channel.configureBlocking(true);
                    }
                    echo(channel);
                    String text = "port=" + ((InetSocketAddress) channel.getLocalAddress()).getPort()
                            + " nodelay=" + channel.getOption(StandardSocketOptions.TCP_NODELAY)
                            + " keepalive=" + channel.getOption(StandardSocketOptions.SO_KEEPALIVE)
                            + " linger=" + channel.getOption(StandardSocketOptions.SO_LINGER)
                            + " rcvbuf=" + before + "/" + channel.getOption(StandardSocketOptions.SO_RCVBUF)
                            + " tos=" + channel.getOption(StandardSocketOptions.IP_TOS)
                            + " reuse=" + channel.getOption(StandardSocketOptions.SO_REUSEADDR) + " echo=ok";
                    channel.setOption(StandardSocketOptions.SO_LINGER, 0);
                    return text;
                }
            }
            case "async" -> {
                try (AsynchronousSocketChannel channel = AsynchronousSocketChannel.open()) {
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
                    channel.setOption(StandardSocketOptions.SO_RCVBUF, 40_000);
                    int before = channel.getOption(StandardSocketOptions.SO_RCVBUF);
                    channel.connect(server).get(10, TimeUnit.SECONDS);
                    channel.write(ByteBuffer.wrap(new byte[] {42})).get(10, TimeUnit.SECONDS);
                    ByteBuffer answer = ByteBuffer.allocate(1);
                    channel.read(answer).get(10, TimeUnit.SECONDS);
                    SocketPaths.check(answer.get(0) == 42, "tcp echo");
                    return "port=" + ((InetSocketAddress) channel.getLocalAddress()).getPort()
                            + " nodelay=" + channel.getOption(StandardSocketOptions.TCP_NODELAY)
                            + " keepalive=" + channel.getOption(StandardSocketOptions.SO_KEEPALIVE)
                            + " linger=none rcvbuf=" + before + "/" + channel.getOption(StandardSocketOptions.SO_RCVBUF)
                            + " tos=none reuse=" + channel.getOption(StandardSocketOptions.SO_REUSEADDR) + " echo=ok";
                }
            }
            case "virtual" -> {
                AtomicReference<Object> outcome = new AtomicReference<>();
                Runnable task = () -> {
                    try {
                        outcome.set(third("socket", server));
                    } catch (Exception e) {
                        outcome.set(e);
                    }
                };
                Method ofVirtual = Thread.class.getMethod("ofVirtual");
                Object builder = ofVirtual.invoke(null);
                Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
                Thread thread = (Thread) start.invoke(builder, task);
                thread.join(20_000);
                if (outcome.get() instanceof Exception failure) {
                    throw failure;
                }
                return String.valueOf(outcome.get());
            }
            default -> throw new IllegalArgumentException("unknown path " + path);
        }
    }

    private static void echo(SocketChannel channel) throws IOException {
        channel.write(ByteBuffer.wrap(new byte[] {42}));
        ByteBuffer answer = ByteBuffer.allocate(1);
        while (answer.hasRemaining()) {
            if (channel.read(answer) < 0) {
                throw new IOException("closed before the echo");
            }
        }
        SocketPaths.check(answer.get(0) == 42, "tcp echo");
    }
}
