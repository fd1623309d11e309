package io.portalgo.algorithms;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * A flow ({@link FlowView}) refilled in place, so that choosing a port for a new destination
 * allocates nothing: one per thread, set before each allocation, read by the selector while it
 * opens a cursor. Each setter takes the same arguments, checks them the same way and produces the
 * same hashed input as the {@link Flow} factory of the same name, so a selector gives both the
 * same candidates.
 *
 * <p>Addresses are read without copies where the JDK allows: an {@link Inet4Address}'s
 * {@code hashCode()} is its address as an {@code int} (checked once when this class loads;
 * otherwise {@code getAddress()} is used). An {@code Inet6Address} offers only
 * {@code getAddress()}, a new 16-byte array (32 bytes of heap) per call, so the words of the last
 * {@value #RECENT_IPV6} IPv6 addresses set are remembered (found by {@code equals}, which compares
 * the bytes without copying them; the table is made only when a second IPv6 peer comes, so a
 * short-lived thread with one peer does not pay for it): a thread that comes back to one of its
 * recent IPv6 peers pays no copy, a new IPv6 peer costs one.
 *
 * <p>Not thread-safe, and never equal to another flow: keep one per thread and take
 * {@link Flow#copyOf} of it to keep its value.
 */
public final class MutableFlow extends FlowView {
    /** IPv6 addresses whose words are remembered: a power of two, the index is the low bits of their hash. */
    static final int RECENT_IPV6 = 16;
    /** True where {@link Inet4Address#hashCode()} is the address, as in OpenJDK 17 and 25. */
    private static final boolean HASH_CODE_IS_IPV4_ADDRESS = hashCodeIsAddress();

    private final long[] words = new long[WORDS];
    private boolean localKnown;
    private boolean remoteKnown;
    /** The first IPv6 address read and its words, until a second one makes {@link #recent}. */
    private InetAddress firstIpv6;
    private long firstHigh;
    private long firstLow;
    /** Made at the second distinct IPv6 address: 16 references and 32 longs, about 0.35 KiB. */
    private InetAddress[] recent;
    private long[] recentWords;
    /** The words of the last address {@link #read} looked at: its big-endian value, high and low halves. */
    private long high;
    private long low;

    /** A flow that knows nothing but TCP over IPv4, until set. */
    public MutableFlow() {
        fill(words, Protocol.TCP, AddressFamily.INET, 0, 0, 0, 0, 0);
    }

    /**
     * As {@link Flow#of(Protocol, AddressFamily, byte[], byte[], int)}: either address may be null
     * or empty (unknown).
     *
     * @return this flow
     * @throws IllegalArgumentException if an address does not have the family's length or the
     *                                  port is outside 0..65535; the flow is then unchanged
     */
    public MutableFlow set(Protocol protocol, AddressFamily family, byte[] local, byte[] remote, int remotePort) {
        check(protocol, family, remotePort);
        boolean localIsKnown = known(family, local);
        boolean remoteIsKnown = known(family, remote);
        fill(words, protocol, family, localIsKnown ? high(local) : 0, localIsKnown ? low(local) : 0,
                remoteIsKnown ? high(remote) : 0, remoteIsKnown ? low(remote) : 0, remotePort);
        this.localKnown = localIsKnown;
        this.remoteKnown = remoteIsKnown;
        return this;
    }

    /**
     * As {@link Flow#of(Protocol, InetAddress, InetAddress, int)}: the family is the remote's, else
     * the local's, else IPv4; a local address of the other family is left unknown.
     *
     * @return this flow
     * @throws IllegalArgumentException if the port is outside 0..65535; the flow is then unchanged
     */
    public MutableFlow set(Protocol protocol, InetAddress local, InetAddress remote, int remotePort) {
        InetAddress known = remote != null ? remote : local;
        AddressFamily family = known == null ? AddressFamily.INET : familyOf(known);
        check(protocol, family, remotePort);
        boolean localIsKnown = local != null && familyOf(local) == family;
        long localHigh = 0;
        long localLow = 0;
        if (localIsKnown) {
            read(local);
            localHigh = high;
            localLow = low;
        }
        long remoteHigh = 0;
        long remoteLow = 0;
        if (remote != null) {
            read(remote);
            remoteHigh = high;
            remoteLow = low;
        }
        fill(words, protocol, family, localHigh, localLow, remoteHigh, remoteLow, remotePort);
        this.localKnown = localIsKnown;
        this.remoteKnown = remote != null;
        return this;
    }

    /** As {@link Flow#unknownDestination}: nothing known but protocol and family, as for {@code bind(0)}. */
    public MutableFlow setUnknownDestination(Protocol protocol, AddressFamily family) {
        return set(protocol, family, null, null, 0);
    }

    /** The fields of {@code other}, of either kind. */
    public MutableFlow set(FlowView other) {
        System.arraycopy(other.words(), 0, words, 0, WORDS);
        this.localKnown = other.hasLocalAddress();
        this.remoteKnown = other.hasDestination();
        return this;
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

    /** Sets {@link #high} and {@link #low} to {@code address}'s value. */
    private void read(InetAddress address) {
        if (address instanceof Inet4Address) {
            high = 0;
            low = HASH_CODE_IS_IPV4_ADDRESS ? Integer.toUnsignedLong(address.hashCode()) : low(address.getAddress());
            return;
        }
        if (recent == null) {
            if (firstIpv6 == null || address.equals(firstIpv6)) {
                // One IPv6 peer so far (a short-lived thread's only one): no table for it yet.
                if (firstIpv6 == null) {
                    byte[] bytes = address.getAddress();
                    firstHigh = high(bytes);
                    firstLow = low(bytes);
                    firstIpv6 = address;
                }
                high = firstHigh;
                low = firstLow;
                return;
            }
            recent = new InetAddress[RECENT_IPV6];
            recentWords = new long[2 * RECENT_IPV6];
            remember(firstIpv6, firstHigh, firstLow);
            firstIpv6 = null;
        }
        int slot = slot(address);
        if (!address.equals(recent[slot])) {
            byte[] bytes = address.getAddress();
            remember(address, high(bytes), low(bytes));
        }
        high = recentWords[2 * slot];
        low = recentWords[2 * slot + 1];
    }

    private void remember(InetAddress address, long addressHigh, long addressLow) {
        int slot = slot(address);
        recent[slot] = address;
        recentWords[2 * slot] = addressHigh;
        recentWords[2 * slot + 1] = addressLow;
    }

    private static int slot(InetAddress address) {
        return address.hashCode() & (RECENT_IPV6 - 1);
    }

    private static boolean hashCodeIsAddress() {
        try {
            byte[] probe = {(byte) 203, 0, 113, 7};
            return InetAddress.getByAddress(probe).hashCode() == 0xcb007107
                    && InetAddress.getByAddress(new byte[] {1, 2, 3, (byte) 254}).hashCode() == 0x010203fe;
        } catch (java.net.UnknownHostException impossible) {
            return false;
        }
    }
}
