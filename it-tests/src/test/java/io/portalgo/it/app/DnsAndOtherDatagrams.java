package io.portalgo.it.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * Alternates datagrams from fresh channels to 127.0.0.1:53 (a DNS query's destination; nothing
 * needs to listen) and to a loopback echo server, each channel bound implicitly by its first send.
 * Prints {@code RESULT kind=dns|other port=<local port>}. Argument: how many of each.
 */
public final class DnsAndOtherDatagrams {
    private DnsAndOtherDatagrams() {
    }

    public static void main(String[] args) throws IOException {
        int count = Integer.parseInt(args[0]);
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (EchoServers servers = EchoServers.start()) {
            for (int i = 0; i < count; i++) {
                send("dns", new InetSocketAddress(loopback, 53));
                send("other", new InetSocketAddress(loopback, servers.udp4()));
            }
        }
    }

    private static void send(String kind, InetSocketAddress target) throws IOException {
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.send(ByteBuffer.wrap(new byte[] {1}), target);
            System.out.println("RESULT kind=" + kind + " port=" + ((InetSocketAddress) channel.getLocalAddress()).getPort());
        }
    }
}
