package io.portalgo.algorithms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * A {@link MutableFlow} refilled in place is, field for field and hash for hash, the {@link Flow}
 * the factory of the same name makes from the same arguments, whatever it held before: the
 * selectors cannot tell them apart, so the agent's per-thread flow picks the ports an immutable
 * flow would.
 */
class MutableFlowPropertyTest {
    private static final SipHash24 PRF = new SipHash24(Fixtures.PAPER_KEY[0], Fixtures.PAPER_KEY[1]);

    @Property(tries = 500)
    void refilledFromBytesItIsTheFlowOfTheSameBytes(
            @ForAll Protocol protocol,
            @ForAll AddressFamily family,
            @ForAll @Size(16) byte[] local,
            @ForAll @Size(16) byte[] remote,
            @ForAll boolean localKnown,
            @ForAll boolean remoteKnown,
            @ForAll @IntRange(min = 0, max = 65535) int remotePort,
            @ForAll("anyFlow") Flow before,
            @ForAll long epoch) {
        int width = family.addressLength();
        byte[] localBytes = localKnown ? Arrays.copyOf(local, width) : null;
        byte[] remoteBytes = remoteKnown ? Arrays.copyOf(remote, width) : null;
        MutableFlow mutable = new MutableFlow().set(before);

        MutableFlow same = mutable.set(protocol, family, localBytes, remoteBytes, remotePort);

        assertThat(same).isSameAs(mutable);
        assertSameFlow(mutable, Flow.of(protocol, family, localBytes, remoteBytes, remotePort), epoch);
    }

    @Property(tries = 500)
    void refilledFromInetAddressesItIsTheFlowOfTheSameAddresses(
            @ForAll Protocol protocol,
            @ForAll("addressOrNull") InetAddress local,
            @ForAll("addressOrNull") InetAddress remote,
            @ForAll @IntRange(min = 0, max = 65535) int remotePort,
            @ForAll("anyFlow") Flow before,
            @ForAll long epoch) {
        MutableFlow mutable = new MutableFlow().set(before);

        mutable.set(protocol, local, remote, remotePort);

        assertSameFlow(mutable, Flow.of(protocol, local, remote, remotePort), epoch);
    }

    /**
     * The remembered IPv6 words never stand in for another address: a thread that cycles through
     * more IPv6 peers than it remembers, some of them sharing a slot, still hashes each one right.
     */
    @Property(tries = 100)
    void aThreadCyclingThroughManyIpv6PeersHashesEachOneRight(
            @ForAll("ipv6Pool") List<InetAddress> pool,
            @ForAll("indices") List<Integer> order,
            @ForAll long epoch) {
        MutableFlow mutable = new MutableFlow();
        for (int index : order) {
            InetAddress remote = pool.get(index % pool.size());
            mutable.set(Protocol.TCP, null, remote, 443);
            assertSameFlow(mutable, Flow.of(Protocol.TCP, null, remote, 443), epoch);
        }
    }

    @Test
    void equalIpv6AddressesOfDifferentObjectsShareARememberedSlot() throws UnknownHostException {
        byte[] bytes = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7};
        InetAddress first = InetAddress.getByAddress(bytes);
        InetAddress equal = InetAddress.getByAddress("named", bytes);
        MutableFlow mutable = new MutableFlow();

        mutable.set(Protocol.UDP, null, first, 53);
        long[] wordsOfFirst = mutable.words().clone();
        mutable.set(Protocol.UDP, null, equal, 53);

        assertThat(mutable.words()).containsExactly(wordsOfFirst);
        assertThat(mutable.remoteAddress()).containsExactly(bytes);
    }

    @Test
    void anInet4AddressHashCodeIsItsAddressOnThisJdkSoNoCopyIsMade() throws UnknownHostException {
        InetAddress address = InetAddress.getByAddress(new byte[] {(byte) 198, 51, 100, (byte) 200});
        assertThat(address).isInstanceOf(Inet4Address.class);
        assertThat(address.hashCode()).isEqualTo(0xc63364c8);
    }

    @Test
    void aRefusedSetLeavesTheFlowAsItWas() {
        MutableFlow mutable = new MutableFlow().set(Fixtures.TCP_A);

        assertThatThrownBy(() -> mutable.set(Protocol.UDP, AddressFamily.INET, null, new byte[16], 53))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16");
        assertThatThrownBy(() -> mutable.set(Protocol.UDP, AddressFamily.INET, null, null, 65536))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65536");
        assertThatThrownBy(() -> mutable.set(Protocol.UDP, null, null, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> mutable.set(null, AddressFamily.INET, null, null, 0))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(Flow.copyOf(mutable)).isEqualTo(Fixtures.TCP_A);
    }

    @Test
    void aMutableFlowEqualsOnlyItselfAndItsCopyIsAnEqualFlow() {
        MutableFlow mutable = new MutableFlow().set(Fixtures.TCP_B);
        Flow copy = Flow.copyOf(mutable);

        assertThat(mutable).isNotEqualTo(Fixtures.TCP_B).isEqualTo(mutable);
        assertThat(Fixtures.TCP_B).isNotEqualTo(mutable);
        assertThat(copy).isEqualTo(Fixtures.TCP_B).hasSameHashCodeAs(Fixtures.TCP_B);
        assertThat(Flow.copyOf(copy)).isSameAs(copy);
        mutable.setUnknownDestination(Protocol.UDP, AddressFamily.INET6);
        assertThat(copy).as("the copy keeps its value").isEqualTo(Fixtures.TCP_B);
        assertThat(Flow.copyOf(mutable)).isEqualTo(Flow.unknownDestination(Protocol.UDP, AddressFamily.INET6));
    }

    @Test
    void aNewMutableFlowKnowsOnlyTcpOverIpv4() {
        assertThat(Flow.copyOf(new MutableFlow())).isEqualTo(Fixtures.TCP_ANY);
    }

    private static void assertSameFlow(MutableFlow mutable, Flow expected, long epoch) {
        assertThat(mutable.protocol()).isEqualTo(expected.protocol());
        assertThat(mutable.family()).isEqualTo(expected.family());
        assertThat(mutable.remotePort()).isEqualTo(expected.remotePort());
        assertThat(mutable.hasDestination()).isEqualTo(expected.hasDestination());
        assertThat(mutable.remoteAddress()).containsExactly(expected.remoteAddress());
        assertThat(mutable.localAddress()).containsExactly(expected.localAddress());
        assertThat(mutable.toString()).isEqualTo(expected.toString());
        byte[] ofMutable = new byte[FlowView.MAX_ENCODED_LENGTH];
        byte[] ofExpected = new byte[FlowView.MAX_ENCODED_LENGTH];
        assertThat(mutable.encode(ofMutable, epoch)).isEqualTo(expected.encode(ofExpected, epoch));
        assertThat(ofMutable).containsExactly(ofExpected);
        assertThat(PRF.hash(mutable, epoch)).isEqualTo(PRF.hash(expected, epoch));
        assertThat(Flow.copyOf(mutable)).isEqualTo(expected).hasSameHashCodeAs(expected);
    }

    @Provide
    Arbitrary<InetAddress> addressOrNull() {
        return Arbitraries.oneOf(Arbitraries.just(null), address(4), address(16));
    }

    @Provide
    Arbitrary<Flow> anyFlow() {
        return Arbitraries.oneOf(Arbitraries.of(Fixtures.mixedFlows()),
                Arbitraries.integers().between(0, 65535).map(port -> Flow.of(Protocol.UDP, AddressFamily.INET6,
                        filled(16, (byte) 0xff), filled(16, (byte) 0xee), port)));
    }

    /** 1 to 40 IPv6 addresses: one peer (kept without a table), a few, more than the 16 remembered (slots shared). */
    @Provide
    Arbitrary<List<InetAddress>> ipv6Pool() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, address(16).list().ofSize(1)),
                net.jqwik.api.Tuple.of(1, address(16).list().ofMinSize(2).ofMaxSize(MutableFlow.RECENT_IPV6).uniqueElements()),
                net.jqwik.api.Tuple.of(2, address(16).list().ofMinSize(MutableFlow.RECENT_IPV6 + 1).ofMaxSize(40)
                        .uniqueElements()));
    }

    @Provide
    Arbitrary<List<Integer>> indices() {
        return Arbitraries.integers().between(0, 1000).list().ofMinSize(1).ofMaxSize(80);
    }

    private static Arbitrary<InetAddress> address(int length) {
        return Arbitraries.bytes().array(byte[].class).ofSize(length).map(bytes -> {
            try {
                return InetAddress.getByAddress(bytes);
            } catch (UnknownHostException impossible) {
                throw new AssertionError(impossible);
            }
        }).filter(address -> address.getAddress().length == length); // ::ffff:a.b.c.d comes back as IPv4
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }
}
