package io.portalgo.benchmarks;

import io.portalgo.agent.runtime.BindFailures;
import io.portalgo.agent.runtime.SocketOps;
import io.portalgo.agent.runtime.Statistics;
import io.portalgo.agent.runtime.Substitution;
import io.portalgo.algorithms.PortRange;
import io.portalgo.config.Environment;
import io.portalgo.config.LiveSettings;
import io.portalgo.config.PortalgoSettings;
import java.io.FileDescriptor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The agent's own cost inside one socket operation, over a socket layer that does nothing (no
 * system call): a TCP connect as the JDK drives it ({@code beforeTcpConnect}, the exit of
 * {@code Net.connect}, the JDK reading the local address back), in {@code pin} mode and in
 * {@code share} mode with the fresh-socket retry (the default), and a UDP implicit bind
 * ({@code send}'s destination, {@code bindInternal}, {@code Net.bind} of port 0). Run with
 * {@code -prof gc}: below debug level the target is 0 bytes allocated per operation
 * ({@code gc.alloc.rate.norm}).
 *
 * <p>{@link #family} picks IPv4 or IPv6 destinations; {@link #destinations} how many distinct ones
 * the calls cycle through: 1 is a thread that talks to one server (a pool), 1,024 a thread whose
 * every call goes somewhere new, so nothing about the last destination can be kept. The
 * destinations are {@link InetAddress} objects made at setup, as an application's resolver would
 * hand them over. The read-back local address carries the port the agent pinned, as the kernel's
 * would.
 *
 * <p>Not final: JMH generates subclasses of benchmark classes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SubstitutionBenchmark {
    static final int LOWEST_PORT = 32768;
    static final int HIGHEST_PORT = 60999;

    /** {@code portalgo.algorithm}, for both protocols. */
    @Param({"bsd", "random_pick", "doublehash"})
    public String algorithm;

    /** {@code inet} or {@code inet6}: the destinations' family. */
    @Param({"inet", "inet6"})
    public String family;

    /** Distinct destinations cycled through; a power of two so the index wraps with a mask. */
    @Param({"1", "1024"})
    public int destinations;

    private final FileDescriptor socket = new FileDescriptor();
    private final NoSockets sockets = new NoSockets();
    /** The address the JDK reads back after a connect, per port: the pinned port, as the kernel reports it. */
    private final InetSocketAddress[] localByPort = new InetSocketAddress[HIGHEST_PORT + 1];
    InetAddress[] servers;
    InetSocketAddress[] resolvers;
    ProtocolFamily udpFamily;
    Statistics pinnedStatistics;
    Statistics sharedStatistics;
    private Substitution pinned;
    private Substitution shared;
    private int next;

    @Setup
    public void setUp() throws UnknownHostException {
        Environment host = Environment.builder().portRangeFile(Path.of("/nonexistent/range"))
                .reservedPortsFile(Path.of("/nonexistent/reserved")).build();
        pinnedStatistics = new Statistics();
        sharedStatistics = new Statistics();
        pinned = substitution("tcp.mode=pin", host, pinnedStatistics);
        shared = substitution("tcp.mode=share", host, sharedStatistics);
        boolean ipv6 = "inet6".equals(family);
        if (!ipv6 && !"inet".equals(family)) {
            throw new IllegalArgumentException("family is inet or inet6, not " + family);
        }
        if (Integer.bitCount(destinations) != 1) {
            throw new IllegalArgumentException("destinations must be a power of two, not " + destinations);
        }
        servers = new InetAddress[destinations];
        resolvers = new InetSocketAddress[destinations];
        for (int i = 0; i < destinations; i++) {
            servers[i] = ipv6 ? benchmarking6(0x10, i) : benchmarking4(18, i);
            resolvers[i] = new InetSocketAddress(ipv6 ? benchmarking6(0x53, i) : benchmarking4(19, i), 53);
        }
        udpFamily = ipv6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        InetAddress any = InetAddress.getByAddress(new byte[ipv6 ? 16 : 4]);
        for (int port = LOWEST_PORT; port <= HIGHEST_PORT; port++) {
            localByPort[port] = new InetSocketAddress(any, port);
        }
        next = 0;
    }

    private Substitution substitution(String mode, Environment host, Statistics statistics) {
        LiveSettings live = new LiveSettings(PortalgoSettings.load("algorithm=" + algorithm + ",range=" + LOWEST_PORT + "-"
                + HIGHEST_PORT + "," + mode + ",log.level=warn", host));
        return new Substitution(live, statistics, sockets,
                new BindFailures(BindFailures.ENGLISH_ADDRESS_IN_USE, BindFailures.ENGLISH_ADDRESS_NOT_AVAILABLE),
                Optional.of(PortRange.of(LOWEST_PORT, HIGHEST_PORT)));
    }

    /** {@code pin}: one {@code setsockopt} narrows the connect to the chosen port. */
    @Benchmark
    public boolean tcpPinnedConnect() throws IOException {
        InetAddress server = servers[next++ & (destinations - 1)];
        pinned.beforeTcpConnect(socket, server, 443);
        boolean repeat = pinned.afterConnect(socket, null);
        pinned.localAddressRead(socket, localByPort[sockets.pinnedPort]);
        return repeat;
    }

    /** {@code share} (the default mode here): the chosen port is bound with {@code SO_REUSEADDR} before connect. */
    @Benchmark
    public boolean tcpSharedConnect() throws IOException {
        InetAddress server = servers[next++ & (destinations - 1)];
        shared.beforeTcpConnect(socket, server, 443);
        boolean repeat = shared.afterConnect(socket, null);
        shared.localAddressRead(socket, localByPort[sockets.boundPort]);
        return repeat;
    }

    @Benchmark
    public boolean udpImplicitBind() throws IOException {
        pinned.udpDestination(resolvers[next++ & (destinations - 1)]);
        pinned.udpBinding(true);
        try {
            return pinned.bind(udpFamily, socket, null);
        } finally {
            pinned.udpBinding(false);
            pinned.udpDestination(null);
        }
    }

    /** Host {@code i + 1} of {@code 198.<second>.0.0/16}, in RFC 2544's benchmarking block 198.18.0.0/15. */
    private static InetAddress benchmarking4(int second, int i) throws UnknownHostException {
        return InetAddress.getByAddress(new byte[] {(byte) 198, (byte) second, (byte) ((i + 1) >>> 8), (byte) (i + 1)});
    }

    /** {@code 2001:2:0:<subnet>::<i + 1>}, in RFC 5180's benchmarking block 2001:2::/48. */
    private static InetAddress benchmarking6(int subnet, int i) throws UnknownHostException {
        byte[] address = new byte[16];
        address[0] = 0x20;
        address[1] = 0x01;
        address[3] = 0x02;
        address[7] = (byte) subnet;
        address[14] = (byte) ((i + 1) >>> 8);
        address[15] = (byte) (i + 1);
        return InetAddress.getByAddress(address);
    }

    /** Every call succeeds at once: what is left is the agent's own work. Remembers the ports it was given. */
    static final class NoSockets implements SocketOps {
        int pinnedPort = LOWEST_PORT;
        int boundPort = LOWEST_PORT;

        @Override
        public void bind(ProtocolFamily family, FileDescriptor fd, InetAddress address, int port) {
            boundPort = port;
        }

        @Override
        public boolean reuseAddress(FileDescriptor fd) {
            return false;
        }

        @Override
        public void reuseAddress(FileDescriptor fd, boolean on) {
        }

        @Override
        public void pinLocalPort(FileDescriptor fd, int port) {
            if (port != 0) {
                pinnedPort = port;
            }
        }

        @Override
        public boolean ipv6Sockets() {
            return false;
        }

        @Override
        public boolean canRenew() {
            return true;
        }

        @Override
        public void renew(FileDescriptor fd, int port) {
            boundPort = port;
        }
    }
}
