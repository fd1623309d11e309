package io.portalgo.algorithms;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 6056 §3.3.3, Algorithm 3: {@code min + (F(l, r, rport, K) + counter++) mod n}. The key is
 * scripted (the SipHash paper's 00 01 .. 0f), so F is computed here from the hand-built input:
 * <pre>
 *   F(A = tcp 192.0.2.1:80,    epoch 0) = 0x42d17eb20ed32afb:  mod 5 = 2, mod 1000 = 467
 *   F(B = tcp 198.51.100.7:443, epoch 0) = 0xe0dc3ca9948cbc4b:  mod 5 = 4, mod 1000 = 779
 * </pre>
 */
class HashKnownAnswerTest {
    @Test
    void theOffsetIsTheKeyedHashOfTheFlow() {
        long f = Fixtures.siphashOfTcp4(Fixtures.PAPER_KEY, Fixtures.A_ADDRESS, Fixtures.A_PORT, 0);
        assertThat(f).isEqualTo(0x42d17eb20ed32afbL);
        assertThat(Long.remainderUnsigned(f, 5)).isEqualTo(2);
        assertThat(Long.remainderUnsigned(
                Fixtures.siphashOfTcp4(Fixtures.PAPER_KEY, Fixtures.B_ADDRESS, Fixtures.B_PORT, 0), 1000)).isEqualTo(779);
    }

    @Test
    void oneDestinationGetsConsecutiveAscendingPortsThatWrap() {
        // n = 5, F(A) mod 5 = 2: 100 + (2 + k) mod 5 for k = 0..6 = 102, 103, 104, 100, 101, 102, 103.
        PortSelector hash = hash(PortRange.of(100, 104), PortSet.EMPTY, PrfKind.SIPHASH);
        assertThat(ports(hash, Fixtures.TCP_A, 7)).containsExactly(102, 103, 104, 100, 101, 102, 103);
    }

    @Test
    void reservedPortsAreSkippedWithoutSpendingAProbe() {
        // 100-106 without 101 and 104: usable 100, 102, 103, 105, 106 (n = 5), index (2 + k) mod 5
        // = 2, 3, 4, 0, 1, 2 -> 103, 105, 106, 100, 102, 103, each at its first probe.
        PortSelector hash = hash(PortRange.of(100, 106), PortSet.of(101, 104), PrfKind.SIPHASH);
        List<Selection> selections = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            selections.add(hash.select(Fixtures.TCP_A, port -> true));
        }
        assertThat(selections).extracting(Selection::port).containsExactly(103, 105, 106, 100, 102, 103);
        assertThat(selections).extracting(Selection::probes).containsOnly(1);
    }

    @Test
    void twoDestinationsShareOneCounter() {
        // n = 1000. A, B, A, B: A gets 1000 + 467 + 0, B 1000 + 779 + 1, A 1000 + 467 + 2, B 1000 + 779 + 3.
        // The gap of 2 in A's ports is what RFC 6056 §3.3.4 calls leaking the counter.
        PortSelector hash = hash(PortRange.of(1000, 1999), PortSet.EMPTY, PrfKind.SIPHASH);
        List<Integer> ports = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            ports.add(hash.select(Fixtures.TCP_A, port -> true).port());
            ports.add(hash.select(Fixtures.TCP_B, port -> true).port());
        }
        assertThat(ports).containsExactly(1467, 1780, 1469, 1782);
    }

    @Test
    void aBusyCandidateStillAdvancesTheCounter() {
        // counter++ happens per candidate (RFC's loop): 1467 busy, 1468 taken; next A gets 1469.
        PortSelector hash = hash(PortRange.of(1000, 1999), PortSet.EMPTY, PrfKind.SIPHASH);
        assertThat(hash.select(Fixtures.TCP_A, port -> port != 1467)).hasToString("port 1468 after 2 probes");
        assertThat(hash.select(Fixtures.TCP_A, port -> true).port()).isEqualTo(1469);
    }

    @Test
    void md5IsTheDigestOfInputThenKey() throws Exception {
        // PrfKind.MD5: first 8 bytes, big-endian, of MD5(input || key bytes 00 01 .. 0f).
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update(Fixtures.tcp4Input(Fixtures.A_ADDRESS, Fixtures.A_PORT, 0));
        md5.update(keyBytes());
        long f = java.nio.ByteBuffer.wrap(md5.digest()).getLong();
        int expected = 1000 + (int) Long.remainderUnsigned(f, 1000);
        PortSelector hash = hash(PortRange.of(1000, 1999), PortSet.EMPTY, PrfKind.MD5);
        assertThat(ports(hash, Fixtures.TCP_A, 3))
                .containsExactly(expected, 1000 + (expected - 1000 + 1) % 1000, 1000 + (expected - 1000 + 2) % 1000);
    }

    @Test
    void protocolAndFamilyArePartOfTheHashedInput() {
        // Same remote 192.0.2.1:80 over UDP: the input differs in byte 0, so the offset differs
        // (TCP and UDP never share a sequence); checked on the first candidate.
        SelectorSettings settings = settings(PortRange.of(10000, 59999), PortSet.EMPTY, PrfKind.SIPHASH);
        PortSelector tcp = Algorithm.HASH.create(settings, Entropy.of(ScriptedRandom.of(), Fixtures.keys(Fixtures.PAPER_KEY), () -> 0));
        PortSelector udp = Algorithm.HASH.create(settings, Entropy.of(ScriptedRandom.of(), Fixtures.keys(Fixtures.PAPER_KEY), () -> 0));
        Flow udpA = Flow.of(Protocol.UDP, AddressFamily.INET, null, new byte[] {(byte) 192, 0, 2, 1}, 80);
        assertThat(tcp.open(Fixtures.TCP_A).next()).isEqualTo(10000 + 19467);
        assertThat(udp.open(udpA).next()).isNotEqualTo(10000 + 19467);
    }

    static byte[] keyBytes() {
        byte[] key = new byte[16];
        for (int i = 0; i < 16; i++) {
            key[i] = (byte) i;
        }
        return key;
    }

    private static PortSelector hash(PortRange range, PortSet reserved, PrfKind prf) {
        return Algorithm.HASH.create(settings(range, reserved, prf),
                Entropy.of(ScriptedRandom.of(), Fixtures.keys(Fixtures.PAPER_KEY), () -> 0));
    }

    private static SelectorSettings settings(PortRange range, PortSet reserved, PrfKind prf) {
        return SelectorSettings.builder().range(range).reserved(reserved).prf(prf).rekeyMillis(0).build();
    }

    static List<Integer> ports(PortSelector selector, Flow flow, int count) {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ports.add(selector.select(flow, port -> true).port());
        }
        return ports;
    }
}
