package io.portalgo.algorithms;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * An immutable flow ({@link FlowView}): safe to share between threads and to keep as a map key.
 * A thread that wants no allocation per new destination refills one {@link MutableFlow} instead;
 * selectors hash both alike.
 */
public final class Flow extends FlowView {
    private final long[] words = new long[WORDS];
    private final boolean localKnown;
    private final boolean remoteKnown;

    private Flow(Protocol protocol, AddressFamily family, byte[] local, byte[] remote, int remotePort) {
        this.localKnown = known(family, local);
        this.remoteKnown = known(family, remote);
        fill(words, protocol, family, localKnown ? high(local) : 0, localKnown ? low(local) : 0,
                remoteKnown ? high(remote) : 0, remoteKnown ? low(remote) : 0, remotePort);
    }

    private Flow(FlowView other) {
        System.arraycopy(other.words(), 0, words, 0, WORDS);
        this.localKnown = other.hasLocalAddress();
        this.remoteKnown = other.hasDestination();
    }

    /**
     * A flow from raw addresses; either address may be null or empty (unknown).
     *
     * @throws IllegalArgumentException if an address does not have the family's length or the
     *                                  port is outside 0..65535
     */
    public static Flow of(Protocol protocol, AddressFamily family, byte[] local, byte[] remote, int remotePort) {
        check(protocol, family, remotePort);
        return new Flow(protocol, family, local, remote, remotePort);
    }

    /**
     * A flow from {@link InetAddress}es; the family is the remote's, else the local's, else IPv4.
     * An IPv4 address on an IPv6 socket is the caller's to map; this method takes addresses as
     * they are. A local address of the other family says nothing and is left unknown.
     */
    public static Flow of(Protocol protocol, InetAddress local, InetAddress remote, int remotePort) {
        InetAddress known = remote != null ? remote : local;
        AddressFamily family = known == null ? AddressFamily.INET : familyOf(known);
        byte[] localBytes = local != null && familyOf(local) == family ? local.getAddress() : null;
        return of(protocol, family, localBytes, remote == null ? null : remote.getAddress(), remotePort);
    }

    /** A flow with nothing known but protocol and family, as for {@code bind(0)}. */
    public static Flow unknownDestination(Protocol protocol, AddressFamily family) {
        return of(protocol, family, null, null, 0);
    }

    /** An immutable copy of {@code flow}'s fields as they are now ({@code flow} itself if it is a {@link Flow}). */
    public static Flow copyOf(FlowView flow) {
        return flow instanceof Flow ? (Flow) flow : new Flow(flow);
    }

    @Override
    long[] words() {
        return words;
    }

    @Override
    boolean hasLocalAddress() {
        return localKnown;
    }

    @Override
    public boolean hasDestination() {
        return remoteKnown;
    }

    /** Equal to another {@link Flow} with the same fields; never to a {@link MutableFlow}, which may change. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Flow && sameFields((Flow) other);
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(words) * 31 + (localKnown ? 2 : 0)) + (remoteKnown ? 1 : 0);
    }
}
