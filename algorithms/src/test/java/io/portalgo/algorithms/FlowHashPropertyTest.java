package io.portalgo.algorithms;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * SipHash-2-4 of a flow read from its precomputed words (no array) equals SipHash-2-4 of
 * {@link Flow#encode}'s bytes, the definition the known-answer tests compute by hand, for both
 * families, known and unknown addresses, every port and any epoch.
 */
class FlowHashPropertyTest {
    @Property(tries = 500)
    void theWordPathHashesExactlyTheEncodedBytes(
            @ForAll Protocol protocol,
            @ForAll AddressFamily family,
            @ForAll @Size(16) byte[] local,
            @ForAll @Size(16) byte[] remote,
            @ForAll boolean localKnown,
            @ForAll boolean remoteKnown,
            @ForAll @IntRange(min = 0, max = 65535) int remotePort,
            @ForAll long epoch,
            @ForAll long k0,
            @ForAll long k1) {
        int width = family.addressLength();
        Flow flow = Flow.of(protocol, family, localKnown ? java.util.Arrays.copyOf(local, width) : null,
                remoteKnown ? java.util.Arrays.copyOf(remote, width) : null, remotePort);
        byte[] encoded = new byte[Flow.MAX_ENCODED_LENGTH];
        int length = flow.encode(encoded, epoch);
        SipHash24 prf = new SipHash24(k0, k1);

        assertThat(flow.encodedLength()).isEqualTo(length).isEqualTo(family == AddressFamily.INET ? 20 : 44);
        assertThat(prf.hash(flow, epoch)).isEqualTo(prf.hash(encoded, length));
        Prf viaBytes = (message, n) -> prf.hash(message, n); // the interface's default, array path
        assertThat(viaBytes.hash(flow, epoch)).isEqualTo(prf.hash(encoded, length));
    }
}
