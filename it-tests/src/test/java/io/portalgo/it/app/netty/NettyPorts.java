package io.portalgo.it.app.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An ordinary Netty application on a native transport, printing what each side of every socket
 * saw. Arguments: {@code epoll} or {@code io_uring}, then scenarios:
 * <ul>
 *   <li>{@code tcp:<servers>:<n>}: n connects, round robin over servers named by letters
 *       ({@code AB}), each a Netty listener of the same transport bound to port 0:
 *       {@code RESULT scenario=tcp-connect server=A port=<client local> seen=<server's view> listener=<server port>};</li>
 *   <li>{@code udp-bind:<n>}, {@code udp-connect:<n>}, {@code udp-send:<n>}: n Netty datagram
 *       channels bound to port 0, connected, or left unbound until the first send (active on
 *       registration), each sending one datagram to a JDK receiver:
 *       {@code RESULT scenario=udp-send port=<channel local> seen=<receiver's view>};</li>
 *   <li>{@code tcp-hold:<servers>:<n>:<k>}: n connects as {@code tcp}, the first k kept open to the end,
 *       failures printed, not thrown: {@code RESULT scenario=tcp-hold outcome=connected port=.. seen=..}
 *       or {@code outcome=failed cause=<exception>}.</li>
 * </ul>
 * It prints {@code TRANSPORT available=true} first, or the reason the transport cannot run.
 */
public final class NettyPorts {
    /** Clients need a handler; they read nothing. */
    private static final ChannelInboundHandlerAdapter NOTHING = new Quiet();

    private NettyPorts() {
    }

    /** A server's view of each client: the peer port of every accepted connection. */
    @io.netty.channel.ChannelHandler.Sharable
    private static final class PeerPorts extends ChannelInboundHandlerAdapter {
        private final BlockingQueue<Integer> seen;
        private final boolean close;

        PeerPorts(BlockingQueue<Integer> seen, boolean close) {
            this.seen = seen;
            this.close = close;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            seen.add(((InetSocketAddress) ctx.channel().remoteAddress()).getPort());
            if (close) {
                ctx.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a client's reset ends its connection; nothing to report
        }
    }

    @io.netty.channel.ChannelHandler.Sharable
    private static final class Quiet extends ChannelInboundHandlerAdapter {
    }

    public static void main(String[] args) throws Exception {
        Transport transport = Transport.of(args[0]);
        Throwable unavailable = transport.unavailability();
        System.out.println("TRANSPORT available=" + (unavailable == null) + (unavailable == null ? "" : " cause=" + unavailable));
        if (unavailable != null) {
            return;
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, transport.ioHandler());
        InetAddress loopback = InetAddress.getLoopbackAddress();
        List<Channel> servers = new ArrayList<>();
        BlockingQueue<Integer> seenByServers = new ArrayBlockingQueue<>(10_000);
        try {
            for (int i = 1; i < args.length; i++) {
                String[] scenario = args[i].split(":");
                switch (scenario[0]) {
                    case "tcp":
                    case "tcp-hold":
                        tcp(transport, group, loopback, scenario, servers, seenByServers);
                        break;
                    default:
                        udp(transport, group, loopback, scenario[0], Integer.parseInt(scenario[1]));
                }
            }
        } finally {
            for (Channel server : servers) {
                server.close().sync();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    private static void tcp(Transport transport, EventLoopGroup group, InetAddress loopback, String[] scenario,
            List<Channel> servers, BlockingQueue<Integer> seen) throws Exception {
        boolean hold = scenario[0].equals("tcp-hold");
        String names = scenario[1];
        int count = Integer.parseInt(scenario[2]);
        int held = hold ? Integer.parseInt(scenario[3]) : 0;
        List<Channel> open = new ArrayList<>();
        List<Channel> listeners = new ArrayList<>();
        for (char name : names.toCharArray()) {
            Channel server = new ServerBootstrap().group(group).channel(transport.serverChannel())
                    .childHandler(new PeerPorts(seen, !hold)).bind(loopback, 0).sync().channel();
            servers.add(server);
            listeners.add(server);
            System.out.println("LISTENER name=" + name + " port=" + ((InetSocketAddress) server.localAddress()).getPort());
        }
        Bootstrap client = new Bootstrap().group(group).channel(transport.socketChannel())
                .handler(NOTHING);
        for (int i = 0; i < count; i++) {
            int index = i % listeners.size();
            Channel server = listeners.get(index);
            int serverPort = ((InetSocketAddress) server.localAddress()).getPort();
            if (hold) {
                io.netty.channel.ChannelFuture future = client.connect(loopback, serverPort).await();
                if (future.isSuccess()) {
                    int local = ((InetSocketAddress) future.channel().localAddress()).getPort();
                    System.out.println("RESULT scenario=tcp-hold outcome=connected port=" + local + " seen="
                            + seen.poll(10, TimeUnit.SECONDS));
                } else {
                    System.out.println("RESULT scenario=tcp-hold outcome=failed cause="
                            + future.cause().toString().replace(' ', '_'));
                }
                if (future.isSuccess() && i < held) {
                    open.add(future.channel());
                } else {
                    if (future.isSuccess()) {
                        // a reset, so no TIME_WAIT keeps the 4-tuple: only the held connections do
                        future.channel().config().setOption(ChannelOption.SO_LINGER, 0);
                    }
                    future.channel().close().sync();
                }
                continue;
            }
            Channel channel = client.connect(loopback, serverPort).sync().channel();
            int local = ((InetSocketAddress) channel.localAddress()).getPort();
            Integer serverView = seen.poll(10, TimeUnit.SECONDS);
            System.out.println("RESULT scenario=tcp-connect server=" + names.charAt(index) + " port=" + local
                    + " seen=" + serverView + " listener=" + serverPort);
            channel.close().sync();
        }
        for (Channel channel : open) {
            channel.close().sync();
        }
    }

    private static void udp(Transport transport, EventLoopGroup group, InetAddress loopback, String how, int count)
            throws Exception {
        try (java.nio.channels.DatagramChannel receiver = java.nio.channels.DatagramChannel.open()) {
            receiver.bind(new InetSocketAddress(loopback, 0));
            InetSocketAddress target = (InetSocketAddress) receiver.getLocalAddress();
            for (int i = 0; i < count; i++) {
                Bootstrap bootstrap = new Bootstrap().group(group).channel(transport.datagramChannel())
                        .handler(NOTHING);
                Channel channel;
                switch (how) {
                    case "udp-bind":
                        channel = bootstrap.bind(loopback, 0).sync().channel();
                        break;
                    case "udp-connect":
                        channel = bootstrap.connect(target).sync().channel();
                        break;
                    case "udp-send":
                        channel = bootstrap.option(ChannelOption.DATAGRAM_CHANNEL_ACTIVE_ON_REGISTRATION, true)
                                .register().sync().channel();
                        break;
                    default:
                        throw new IllegalArgumentException(how);
                }
                byte[] payload = "ping".getBytes(StandardCharsets.US_ASCII);
                Object message = how.equals("udp-connect") ? Unpooled.wrappedBuffer(payload)
                        : new DatagramPacket(Unpooled.wrappedBuffer(payload), target);
                channel.writeAndFlush(message).sync();
                ByteBuffer buffer = ByteBuffer.allocate(16);
                InetSocketAddress sender = (InetSocketAddress) receiver.receive(buffer);
                InetSocketAddress local = (InetSocketAddress) channel.localAddress();
                System.out.println("RESULT scenario=" + how + " port=" + (local == null ? 0 : local.getPort()) + " seen="
                        + sender.getPort());
                channel.close().sync();
            }
        }
    }

    /** The two Linux native transports, named as on the command line. */
    private enum Transport {
        EPOLL, IO_URING;

        static Transport of(String name) {
            return valueOf(name.toUpperCase(java.util.Locale.ROOT));
        }

        Throwable unavailability() {
            return this == EPOLL ? Epoll.unavailabilityCause() : IoUring.unavailabilityCause();
        }

        IoHandlerFactory ioHandler() {
            return this == EPOLL ? EpollIoHandler.newFactory() : IoUringIoHandler.newFactory();
        }

        Class<? extends ServerChannel> serverChannel() {
            return this == EPOLL ? EpollServerSocketChannel.class : IoUringServerSocketChannel.class;
        }

        Class<? extends SocketChannel> socketChannel() {
            return this == EPOLL ? EpollSocketChannel.class : IoUringSocketChannel.class;
        }

        Class<? extends DatagramChannel> datagramChannel() {
            return this == EPOLL ? EpollDatagramChannel.class : IoUringDatagramChannel.class;
        }
    }
}
