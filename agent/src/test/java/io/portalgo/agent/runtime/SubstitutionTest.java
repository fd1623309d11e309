package io.portalgo.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalgo.agent.runtime.Statistics.Event;
import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.PortRange;
import io.portalgo.algorithms.Protocol;
import io.portalgo.config.Environment;
import io.portalgo.config.LiveSettings;
import io.portalgo.config.PortalgoSettings;
import io.portalgo.config.Source;
import java.io.FileDescriptor;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The substitution logic against a simulated kernel: which candidates are tried for real, what a
 * busy port, a foreign failure, exhaustion and an internal error lead to, and what is counted.
 */
class SubstitutionTest {
    private static final InetAddress ANY4 = address("0.0.0.0");
    private static final InetAddress SERVER_A = address("192.0.2.10");
    private static final InetAddress SERVER_B = address("198.51.100.20");

    private final SimulatedSockets sockets = new SimulatedSockets();
    private final Statistics statistics = new Statistics();
    private LiveSettings live;
    private Substitution substitution;

    private void start(String arguments) {
        Environment environment = Environment.builder().portRangeFile(Path.of("/nonexistent/range"))
                .reservedPortsFile(Path.of("/nonexistent/reserved")).build();
        live = new LiveSettings(PortalgoSettings.load(arguments, environment));
        substitution = new Substitution(live, statistics, sockets, new BindFailures(BindFailures.ENGLISH_ADDRESS_IN_USE, BindFailures.ENGLISH_ADDRESS_NOT_AVAILABLE),
                Optional.of(PortRange.of(32768, 60999)));
    }

    @Test
    void bindTakesTheFirstFreeCandidateAndCountsTheBusyOnes() throws Exception {
        start("algorithm=bsd,range=40000-40009,log.level=off");
        sockets.busy(Protocol.UDP, 40009, 40008);
        FileDescriptor fd = sockets.socket(Protocol.UDP);

        assertThat(bind(fd, ANY4)).isTrue();

        // bsd counts down from the top: 40009 and 40008 are busy, 40007 is bound.
        assertThat(sockets.calls).containsExactly("bind 40009", "bind 40008", "bind 40007");
        assertThat(sockets.localPorts.get(fd)).isEqualTo(40007);
        assertThat(statistics.get(Protocol.UDP, Algorithm.BSD, Event.ALLOCATIONS)).isEqualTo(1);
        assertThat(statistics.get(Protocol.UDP, Algorithm.BSD, Event.PROBES)).isEqualTo(3);
        assertThat(statistics.get(Protocol.UDP, Algorithm.BSD, Event.RETRIES)).isEqualTo(2);
    }

    @Test
    void aFailureThatIsNotABusyPortStopsAtOnceAndLeavesTheBindToTheKernel() throws Exception {
        start("algorithm=bsd,range=40000-40009,log.level=off");
        sockets.nextBindFailure = new BindException("Cannot assign requested address");
        FileDescriptor fd = sockets.socket(Protocol.UDP);

        assertThat(bind(fd, address("192.0.2.99"))).isFalse();

        assertThat(sockets.calls).containsExactly("bind 40009");
        assertThat(statistics.get(Protocol.UDP, Algorithm.BSD, Event.KERNEL_FALLBACKS)).isEqualTo(1);
        assertThat(statistics.get(Protocol.UDP, Algorithm.BSD, Event.ALLOCATIONS)).isZero();
    }

    @Test
    void exhaustionWithinMaxAttemptsFallsBackToTheKernelByDefault() throws Exception {
        start("algorithm=bsd,range=40000-40009,max-attempts=3,log.level=off");
        sockets.busy(Protocol.UDP, 40009, 40008, 40007);

        assertThat(bind(sockets.socket(Protocol.UDP), ANY4)).isFalse();

        assertThat(sockets.calls).hasSize(3);
        assertThat(statistics.get(Protocol.UDP, Algorithm.BSD, Event.EXHAUSTIONS)).isEqualTo(1);
        assertThat(statistics.get(Protocol.UDP, Algorithm.BSD, Event.KERNEL_FALLBACKS)).isEqualTo(1);
    }

    @Test
    void exhaustionFailsWithTheKernelsErrorWhenAskedTo() {
        start("algorithm=random_start,range=40000-40003,on-exhaustion=fail,log.level=off");
        sockets.busy(Protocol.UDP, 40000, 40001, 40002, 40003);

        assertThatThrownBy(() -> bind(sockets.socket(Protocol.UDP), ANY4))
                .isInstanceOf(BindException.class)
                .hasMessageStartingWith("Cannot assign requested address")
                .hasMessageContaining("40000-40003");
        // random_start covers the range: all four ports were tried for real, no more.
        assertThat(sockets.calls).hasSize(4);
    }

    @Test
    void disabledTouchesNothing() throws Exception {
        start("enabled=false,log.level=off");
        FileDescriptor fd = sockets.socket(Protocol.TCP);

        assertThat(bind(fd, ANY4)).isFalse();
        substitution.beforeTcpConnect(fd, SERVER_A, 443);

        assertThat(sockets.calls).isEmpty();
    }

    @Test
    void pinModeRetriesTheNextCandidateWhenTheFourTupleIsTaken() throws Exception {
        start("algorithm=bsd,range=40000-40009,tcp.mode=pin,log.level=off");
        FileDescriptor fd = sockets.socket(Protocol.TCP);

        substitution.beforeTcpConnect(fd, SERVER_A, 443);
        Throwable first = sockets.connect(fd, Set.of(40009));
        assertThat(substitution.afterConnect(fd, first)).as("repeat the connect").isTrue();
        Throwable second = sockets.connect(fd, Set.of(40009));
        assertThat(substitution.afterConnect(fd, second)).as("done").isFalse();

        assertThat(sockets.calls).containsExactly("pin 40009", "pin 40008");
        assertThat(sockets.localPorts.get(fd)).isEqualTo(40008);
        assertThat(statistics.get(Protocol.TCP, Algorithm.BSD, Event.ALLOCATIONS)).isEqualTo(1);
        assertThat(statistics.get(Protocol.TCP, Algorithm.BSD, Event.PROBES)).isEqualTo(2);
        assertThat(statistics.get(Protocol.TCP, Algorithm.BSD, Event.RETRIES)).isEqualTo(1);
    }

    @Test
    void pinModeLiftsThePinAfterMaxAttemptsSoTheKernelChooses() throws Exception {
        start("algorithm=bsd,range=40000-40009,tcp.mode=pin,max-attempts=2,log.level=off");
        FileDescriptor fd = sockets.socket(Protocol.TCP);
        Set<Integer> allTaken = Set.of(40009, 40008, 40007);

        substitution.beforeTcpConnect(fd, SERVER_A, 443);
        assertThat(substitution.afterConnect(fd, sockets.connect(fd, allTaken))).isTrue();
        assertThat(substitution.afterConnect(fd, sockets.connect(fd, allTaken))).as("lift the pin, repeat").isTrue();
        assertThat(substitution.afterConnect(fd, sockets.connect(fd, allTaken))).as("the kernel's connect").isFalse();

        assertThat(sockets.calls).containsExactly("pin 40009", "pin 40008", "pin 0");
        assertThat(statistics.get(Protocol.TCP, Algorithm.BSD, Event.EXHAUSTIONS)).isEqualTo(1);
        assertThat(statistics.get(Protocol.TCP, Algorithm.BSD, Event.KERNEL_FALLBACKS)).isEqualTo(1);
    }

    @Test
    void aRefusedConnectIsTheApplicationsErrorAndEndsThePin() throws Exception {
        start("algorithm=bsd,range=40000-40009,tcp.mode=pin,log.level=off");
        FileDescriptor fd = sockets.socket(Protocol.TCP);

        substitution.beforeTcpConnect(fd, SERVER_A, 443);

        assertThat(substitution.afterConnect(fd, new java.net.ConnectException("Connection refused"))).isFalse();
        assertThat(substitution.afterConnect(fd, null)).as("no pin left for this socket").isFalse();
        assertThat(statistics.get(Protocol.TCP, Algorithm.BSD, Event.ALLOCATIONS)).isZero();
    }

    @Test
    void shareModeBindsWithReuseAddressBeforeConnect() throws Exception {
        start("algorithm=bsd,range=40000-40009,tcp.mode=share,log.level=off");
        FileDescriptor fd = sockets.socket(Protocol.TCP);

        substitution.beforeTcpConnect(fd, SERVER_A, 443);

        assertThat(sockets.calls).containsExactly("SO_REUSEADDR", "bind 40009");
    }

    @Test
    void shareModeRetriesAClashAtConnectOnAFreshSocketBoundToTheNextCandidate() throws Exception {
        sockets.renewable = true;
        start("algorithm=bsd,range=40000-40009,tcp.mode=share,log.level=off");
        FileDescriptor fd = sockets.socket(Protocol.TCP);
        sockets.busy(Protocol.TCP, 40008); // another socket holds it exclusively: the fresh bind skips it
        Set<Integer> taken = Set.of(40009); // a live or TIME-WAIT 4-tuple to the same server

        substitution.beforeTcpConnect(fd, SERVER_A, 443);
        assertThat(substitution.afterConnect(fd, sockets.connectBound(fd, taken))).as("repeat on the fresh socket").isTrue();
        assertThat(substitution.afterConnect(fd, sockets.connectBound(fd, taken))).as("connected").isFalse();

        assertThat(sockets.calls).containsExactly("SO_REUSEADDR", "bind 40009", "renew 40008", "renew 40007");
        assertThat(sockets.localPorts.get(fd)).isEqualTo(40007);
        assertThat(statistics.get(Protocol.TCP, Algorithm.BSD, Event.ALLOCATIONS)).as("one socket, one allocation").isEqualTo(1);
        assertThat(statistics.get(Protocol.TCP, Algorithm.BSD, Event.RETRIES)).isEqualTo(2);
        assertThat(statistics.get(Protocol.TCP, Algorithm.BSD, Event.KERNEL_FALLBACKS)).isZero();
    }

    @Test
    void shareModeLeavesTheSocketToTheKernelWhenEveryCandidateClashes() throws Exception {
        sockets.renewable = true;
        start("algorithm=bsd,range=40000-40009,tcp.mode=share,max-attempts=2,log.level=off");
        FileDescriptor fd = sockets.socket(Protocol.TCP);
        Set<Integer> taken = Set.of(40009, 40008, 40007);

        substitution.beforeTcpConnect(fd, SERVER_A, 443);
        assertThat(substitution.afterConnect(fd, sockets.connectBound(fd, taken))).isTrue();
        assertThat(substitution.afterConnect(fd, sockets.connectBound(fd, taken))).isTrue();
        assertThat(substitution.afterConnect(fd, sockets.connectBound(fd, taken))).as("unbound fresh socket, repeat").isTrue();
        assertThat(substitution.afterConnect(fd, sockets.connectBound(fd, taken))).as("the kernel's connect").isFalse();

        // the bind's search, then the retry's own max-attempts=2
        assertThat(sockets.calls).containsExactly("SO_REUSEADDR", "bind 40009", "renew 40008", "renew 40007", "renew 0");
        assertThat(statistics.get(Protocol.TCP, Algorithm.BSD, Event.EXHAUSTIONS)).isEqualTo(1);
        assertThat(statistics.get(Protocol.TCP, Algorithm.BSD, Event.KERNEL_FALLBACKS)).isEqualTo(1);
    }

    @Test
    void autoModeSharesAndRetriesWhereAFreshSocketCanBeMade() throws Exception {
        sockets.renewable = true;
        start("algorithm=bsd,range=40000-40009,log.level=off");
        substitution.beforeTcpConnect(sockets.socket(Protocol.TCP), SERVER_A, 443);

        assertThat(sockets.calls).containsExactly("SO_REUSEADDR", "bind 40009");
        assertThat(substitution.describeTcpMode()).isEqualTo("auto(share+retry:isolates)");
    }

    @Test
    void autoModeSharesWhenTheRangeLiesOutsideTheKernelsRange() throws Exception {
        start("algorithm=bsd,range=61000-61009,log.level=off");
        substitution.beforeTcpConnect(sockets.socket(Protocol.TCP), SERVER_A, 443);

        assertThat(sockets.calls).containsExactly("SO_REUSEADDR", "bind 61009");
        assertThat(substitution.describeTcpMode()).isEqualTo("auto(share)");
    }

    @Test
    void hashGivesOneDestinationConsecutivePortsAndTheSharedCounterShows() throws Exception {
        // Seeded: with fresh keys, B's offset lies an odd distance of at most 5 from A's in about one run of
        // 200; then one of B's ports is one A still holds, or the reverse, and a step is 3.
        start("algorithm=hash,rekey=0,seed=6056,range=40000-40999,tcp.mode=exclusive,log.level=off");
        List<Integer> toA = new ArrayList<>();
        List<Integer> toB = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            toA.add(connect(SERVER_A));
            toB.add(connect(SERVER_B));
        }
        // RFC 6056 §3.3.3: A gets offA+0, offA+2, offA+4 because B's connections take +1, +3, +5.
        assertThat(steps(toA)).containsOnly(2);
        assertThat(steps(toB)).containsOnly(2);
    }

    @Test
    void udpDestinationHandedOverReachesTheHash() throws Exception {
        start("udp.algorithm=hash,rekey=0,range=40000-40999,log.level=off");
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            FileDescriptor fd = sockets.socket(Protocol.UDP);
            substitution.udpDestination(new InetSocketAddress(SERVER_A, 53));
            bind(fd, ANY4);
            substitution.udpDestination(null);
            ports.add(sockets.localPorts.get(fd));
        }
        assertThat(steps(ports)).containsOnly(1);
    }

    @Test
    void rulesChooseByDestination() throws Exception {
        start("algorithm=bsd,rules=udp:*:53=random_pick,range=40000-40999,log.level=off");
        FileDescriptor dns = sockets.socket(Protocol.UDP);
        substitution.udpDestination(new InetSocketAddress(SERVER_A, 53));
        bind(dns, ANY4);
        substitution.udpDestination(null);
        bind(sockets.socket(Protocol.UDP), ANY4);

        assertThat(statistics.get(Protocol.UDP, Algorithm.RANDOM_PICK, Event.ALLOCATIONS)).isEqualTo(1);
        assertThat(statistics.get(Protocol.UDP, Algorithm.BSD, Event.ALLOCATIONS)).isEqualTo(1);
    }

    @Test
    void anInternalErrorLeavesThePortToTheKernelAndIsCounted() throws Exception {
        start("algorithm=bsd,log.level=off");
        FileDescriptor fd = sockets.socket(Protocol.UDP);
        sockets.failEverything = new IllegalStateException("simulated");

        assertThat(bind(fd, ANY4)).isFalse();
        substitution.beforeTcpConnect(fd, SERVER_A, 443);

        assertThat(statistics.total(Event.INTERNAL_ERRORS)).isEqualTo(2);
    }

    @Test
    void aLiveChangeAppliesToTheNextSocket() throws Exception {
        start("algorithm=bsd,range=40000-40009,log.level=off");
        bind(sockets.socket(Protocol.UDP), ANY4);
        live.apply(Map.of("udp.algorithm", "random_pick"), Source.LIVE);
        bind(sockets.socket(Protocol.UDP), ANY4);

        assertThat(statistics.get(Protocol.UDP, Algorithm.BSD, Event.ALLOCATIONS)).isEqualTo(1);
        assertThat(statistics.get(Protocol.UDP, Algorithm.RANDOM_PICK, Event.ALLOCATIONS)).isEqualTo(1);
    }

    @Test
    void aBindOutsideADatagramChannelIsTcpWithoutAskingTheSocket() throws Exception {
        start("algorithm=bsd,range=40000-40009,log.level=off");
        FileDescriptor fd = new FileDescriptor();

        assertThat(substitution.bind(StandardProtocolFamily.INET, fd, ANY4)).isTrue();

        assertThat(sockets.calls).containsExactly("bind 40009");
        assertThat(statistics.get(Protocol.TCP, Algorithm.BSD, Event.ALLOCATIONS)).isEqualTo(1);
    }

    @Test
    void aListenersBindIsToldByItsCallerAndLeftToTheKernelWhenListenersAreOff() throws Exception {
        start("algorithm=bsd,range=40000-40009,listeners=false,log.level=off");
        FileDescriptor listener = sockets.socket(Protocol.TCP);
        substitution.listenerBinding(true);
        try {
            assertThat(substitution.bind(StandardProtocolFamily.INET, listener, ANY4)).isFalse();
        } finally {
            substitution.listenerBinding(false);
        }
        FileDescriptor client = sockets.socket(Protocol.TCP);
        assertThat(substitution.bind(StandardProtocolFamily.INET, client, ANY4)).isTrue();

        assertThat(sockets.calls).containsExactly("bind 40009");
        assertThat(sockets.localPorts.get(client)).isEqualTo(40009);
    }

    @Test
    void shareModeClearsTheReuseAddressItSetWhenTheKernelChoosesInstead() throws Exception {
        start("algorithm=bsd,range=40000-40009,tcp.mode=share,log.level=off");
        FileDescriptor fd = sockets.socket(Protocol.TCP);
        sockets.nextBindFailure = new java.net.SocketException("Bad file descriptor");

        substitution.beforeTcpConnect(fd, SERVER_A, 443);

        assertThat(sockets.calls).containsExactly("SO_REUSEADDR", "bind 40009", "SO_REUSEADDR off");
        assertThat(sockets.reuseAddress).doesNotContain(fd);
        assertThat(statistics.get(Protocol.TCP, Algorithm.BSD, Event.KERNEL_FALLBACKS)).isEqualTo(1);
    }

    @Test
    void shareModeLeavesAReuseAddressTheApplicationSetAlone() throws Exception {
        start("algorithm=bsd,range=40000-40009,tcp.mode=share,log.level=off");
        FileDescriptor fd = sockets.socket(Protocol.TCP);
        sockets.reuseAddress.add(fd);
        sockets.nextBindFailure = new java.net.SocketException("Bad file descriptor");

        substitution.beforeTcpConnect(fd, SERVER_A, 443);

        assertThat(sockets.calls).containsExactly("bind 40009");
        assertThat(sockets.reuseAddress).contains(fd);
    }

    @Test
    void aPinnedConnectCostsOnlyThePinAndIsCheckedAgainstTheAddressTheJdkReadsBack() throws Exception {
        start("algorithm=bsd,range=40000-40009,tcp.mode=pin,log.level=off");
        FileDescriptor fd = sockets.socket(Protocol.TCP);

        substitution.beforeTcpConnect(fd, SERVER_A, 443);
        assertThat(substitution.afterConnect(fd, sockets.connect(fd, Set.of()))).isFalse();
        substitution.localAddressRead(fd, sockets.localAddress(fd));

        assertThat(sockets.calls).containsExactly("pin 40009");
        assertThat(statistics.get(Protocol.TCP, Algorithm.BSD, Event.ALLOCATIONS)).isEqualTo(1);
        assertThat(statistics.get(Protocol.TCP, Algorithm.BSD, Event.KERNEL_FALLBACKS)).isZero();
    }

    @Test
    void aPinTheKernelIgnoredIsCountedAsAKernelFallback() throws Exception {
        start("algorithm=bsd,range=40000-40009,tcp.mode=pin,log.level=off");
        FileDescriptor fd = sockets.socket(Protocol.TCP);

        substitution.beforeTcpConnect(fd, SERVER_A, 443);
        assertThat(substitution.afterConnect(fd, null)).isFalse();
        substitution.localAddressRead(fd, new InetSocketAddress(ANY4, 33333));

        assertThat(statistics.get(Protocol.TCP, Algorithm.BSD, Event.ALLOCATIONS)).isZero();
        assertThat(statistics.get(Protocol.TCP, Algorithm.BSD, Event.KERNEL_FALLBACKS)).isEqualTo(1);
    }

    @Test
    void aLiveChangeBuildsItsSelectorsOnTheApplyingThreadBeforeAnySocket() throws Exception {
        start("algorithm=bsd,range=40000-40009,tcp.mode=exclusive,log.level=off");
        assertThat(substitution.selectorStateBytes()).isZero();

        live.apply(Map.of("tcp.algorithm", "doublehash", "doublehash.table-size", "1024"), Source.LIVE);

        // TCP over IPv4 and IPv6: two tables of 1024 two-byte counters, made before any connect.
        assertThat(substitution.selectorStateBytes()).isEqualTo(2 * 1024 * 2);
        assertThat(connect(SERVER_A)).isBetween(40000, 40009);
    }

    @Test
    void aChangeOfRangeNeverMeetsTheOldRangesSelectors() throws Exception {
        start("algorithm=bsd,range=40000-40009,log.level=off");
        assertThat(bind(sockets.socket(Protocol.UDP), ANY4)).isTrue();
        live.apply(Map.of("range", "50000-50009"), Source.LIVE);

        FileDescriptor fd = sockets.socket(Protocol.UDP);
        assertThat(bind(fd, ANY4)).isTrue();
        assertThat(sockets.localPorts.get(fd)).isBetween(50000, 50009);
    }

    @Test
    void anInjectedFaultFallsBackToTheKernelAndIsCounted() throws Exception {
        Environment environment = Environment.builder().portRangeFile(Path.of("/nonexistent/range"))
                .reservedPortsFile(Path.of("/nonexistent/reserved")).build();
        live = new LiveSettings(PortalgoSettings.load("algorithm=bsd,log.level=off", environment));
        substitution = new Substitution(live, statistics, sockets, new BindFailures(BindFailures.ENGLISH_ADDRESS_IN_USE,
                BindFailures.ENGLISH_ADDRESS_NOT_AVAILABLE), Optional.of(PortRange.of(32768, 60999)),
                FaultInjection.of("all"));

        assertThat(bind(sockets.socket(Protocol.UDP), ANY4)).isFalse();
        substitution.beforeTcpConnect(sockets.socket(Protocol.TCP), SERVER_A, 443);

        assertThat(sockets.calls).isEmpty();
        assertThat(statistics.get(Protocol.UDP, Algorithm.BSD, Event.INTERNAL_ERRORS)).isEqualTo(1);
        assertThat(statistics.get(Protocol.TCP, Algorithm.BSD, Event.INTERNAL_ERRORS)).isEqualTo(1);
    }

    /**
     * The thread's one flow is refilled for every search: a connect to A after a bind with no
     * destination hashes A again (RFC 6056 §3.3.3: A's next port is one step on, the datagram
     * socket's selector being another one), not what the bind left in the flow.
     */
    @Test
    void aConnectAfterABindWithoutDestinationHashesItsOwnDestination() throws Exception {
        start("algorithm=hash,rekey=0,seed=6056,range=40000-40999,tcp.mode=exclusive,log.level=off");
        int first = connect(SERVER_A);
        assertThat(bind(sockets.socket(Protocol.UDP), ANY4)).isTrue();

        assertThat(connect(SERVER_A)).isEqualTo(nextInRange(first));
    }

    /**
     * A clash retried at the exit of a shared connect continues the connect's own destination,
     * even when the thread searched for another socket in between (its flow has moved on).
     */
    @Test
    void aRetriedClashContinuesTheConnectsDestinationWhateverTheThreadSearchedSince() throws Exception {
        sockets.renewable = true;
        start("algorithm=hash,rekey=0,seed=6056,range=40000-40999,tcp.mode=share,log.level=off");
        FileDescriptor fd = sockets.socket(Protocol.TCP);
        substitution.beforeTcpConnect(fd, SERVER_A, 443);
        int first = sockets.localPorts.get(fd);
        substitution.udpDestination(new InetSocketAddress(SERVER_B, 53));
        assertThat(bind(sockets.socket(Protocol.UDP), ANY4)).isTrue();
        substitution.udpDestination(null);

        assertThat(substitution.afterConnect(fd, sockets.connectBound(fd, Set.of(first)))).as("repeat").isTrue();
        assertThat(substitution.afterConnect(fd, sockets.connectBound(fd, Set.of(first)))).as("connected").isFalse();

        assertThat(sockets.localPorts.get(fd)).isEqualTo(nextInRange(first));
    }

    private static int nextInRange(int port) {
        return port == 40999 ? 40000 : port + 1;
    }

    /** A bind as the JDK makes it: inside {@code DatagramChannelImpl.bindInternal} for a UDP socket. */
    private boolean bind(FileDescriptor fd, InetAddress address) throws java.io.IOException {
        boolean udp = sockets.protocols.get(fd) == Protocol.UDP;
        substitution.udpBinding(udp);
        try {
            return substitution.bind(StandardProtocolFamily.INET, fd, address);
        } finally {
            substitution.udpBinding(false);
        }
    }

    private int connect(InetAddress server) throws Exception {
        FileDescriptor fd = sockets.socket(Protocol.TCP);
        substitution.beforeTcpConnect(fd, server, 443);
        return sockets.localPorts.get(fd);
    }

    private static List<Integer> steps(List<Integer> ports) {
        List<Integer> steps = new ArrayList<>();
        for (int i = 1; i < ports.size(); i++) {
            steps.add(Math.floorMod(ports.get(i) - ports.get(i - 1), 1000));
        }
        return steps;
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
