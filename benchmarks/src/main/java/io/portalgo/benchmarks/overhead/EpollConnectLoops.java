package io.portalgo.benchmarks.overhead;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

/**
 * The workload {@link NativeTransportOverhead} runs in a child JVM: rounds of {@code ops} Netty
 * epoll connects of an unbound socket to a loopback listener, each closed with SO_LINGER 0 (no
 * TIME_WAIT piles up), printing {@code ROUND epoll <ns per op>} after each. {@code first} instead
 * prints {@code FIRST <ms>}: the time from {@code main} to the end of the first connect, which
 * includes loading Netty's classes (and, under the agent, their transformation).
 */
public final class EpollConnectLoops {
    private EpollConnectLoops() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        String kind = args[0];
        int rounds = Integer.parseInt(args[1]);
        int ops = Integer.parseInt(args[2]);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try (ServerSocket server = new ServerSocket(0, 1024, loopback)) {
            Harness.closeEveryConnection(server);
            Bootstrap client = new Bootstrap().group(group).channel(EpollSocketChannel.class)
                    .option(ChannelOption.SO_LINGER, 0).handler(new Quiet());
            if (kind.equals("first")) {
                client.connect(loopback, server.getLocalPort()).sync().channel().close().sync();
                System.out.println("FIRST " + (System.nanoTime() - started) / 1_000_000);
                return;
            }
            for (int round = 0; round < rounds; round++) {
                long start = System.nanoTime();
                for (int i = 0; i < ops; i++) {
                    Channel channel = client.connect(loopback, server.getLocalPort()).sync().channel();
                    channel.close().sync();
                }
                System.out.println("ROUND epoll " + (System.nanoTime() - start) / ops);
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @ChannelHandler.Sharable
    private static final class Quiet extends ChannelInboundHandlerAdapter {
    }
}
