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
 * system call): a pinned TCP connect as the JDK drives it ({@code beforeTcpConnect}, the exit of
 * {@code Net.connect}, the JDK reading the local address back) and a UDP implicit bind
 * ({@code send}'s destination, {@code bindInternal}, {@code Net.bind} of port 0). Run with
 * {@code -prof gc}: below debug level the target is 0 bytes allocated per operation
 * ({@code gc.alloc.rate.norm}).
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
    /** {@code portalgo.algorithm}, for both protocols. */
    @Param({"bsd", "random_pick", "doublehash"})
    public String algorithm;

    private final FileDescriptor socket = new FileDescriptor();
    private final InetAddress server = literal("192.0.2.10");
    private final InetSocketAddress dns = new InetSocketAddress(literal("198.51.100.53"), 53);
    private final InetSocketAddress local = new InetSocketAddress(literal("0.0.0.0"), 0);
    private Substitution substitution;

    @Setup
    public void setUp() {
        Environment host = Environment.builder().portRangeFile(Path.of("/nonexistent/range"))
                .reservedPortsFile(Path.of("/nonexistent/reserved")).build();
        LiveSettings live = new LiveSettings(PortalgoSettings.load(
                "algorithm=" + algorithm + ",range=32768-60999,tcp.mode=pin,log.level=warn", host));
        substitution = new Substitution(live, new Statistics(), new NoSockets(),
                new BindFailures(BindFailures.ENGLISH_ADDRESS_IN_USE, BindFailures.ENGLISH_ADDRESS_NOT_AVAILABLE),
                Optional.of(PortRange.of(32768, 60999)));
    }

    @Benchmark
    public boolean tcpPinnedConnect() throws IOException {
        substitution.beforeTcpConnect(socket, server, 443);
        boolean repeat = substitution.afterConnect(socket, null);
        substitution.localAddressRead(socket, local);
        return repeat;
    }

    @Benchmark
    public boolean udpImplicitBind() throws IOException {
        substitution.udpDestination(dns);
        substitution.udpBinding(true);
        try {
            return substitution.bind(StandardProtocolFamily.INET, socket, null);
        } finally {
            substitution.udpBinding(false);
            substitution.udpDestination(null);
        }
    }

    private static InetAddress literal(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every call succeeds at once: what is left is the agent's own work. */
    private static final class NoSockets implements SocketOps {
        @Override
        public void bind(ProtocolFamily family, FileDescriptor fd, InetAddress address, int port) {
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
        }

        @Override
        public boolean ipv6Sockets() {
            return false;
        }
    }
}
