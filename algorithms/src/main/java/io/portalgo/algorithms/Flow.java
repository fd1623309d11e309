package io.portalgo.algorithms;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * What a selector may know about the connection it picks a port for: the RFC 6056 §3.3.3
 * inputs {@code (local_IP, remote_IP, remote_port)} plus the protocol and address family.
 * Unknown parts are zeros: a UDP {@code bind(0)} knows no destination, and an unbound TCP socket
 * knows only the wildcard as its local address (the kernel picks the source address during
 * connect), so its local address is {@code 0.0.0.0} or {@code ::}.
 */
public final class Flow {
    private static final byte[] NO_ADDRESS = new byte[0];

    private final Protocol protocol;
    private final AddressFamily family;
    private final byte[] localAddress;
    private final byte[] remoteAddress;
    private final int remotePort;
    /** The little-endian words of {@link #encode}'s fixed bytes that precede the epoch's word. */
    private final long[] headWords;
    /** Bytes {@code 8 x headWords.length ..} of the encoding before the epoch: 4 bytes, as the low half of a word. */
    private final long epochWordLow;

    private Flow(Protocol protocol, AddressFamily family, byte[] local, byte[] remote, int remotePort) {
        this.protocol = protocol;
        this.family = family;
        this.localAddress = local;
        this.remoteAddress = remote;
        this.remotePort = remotePort;
        byte[] fixed = new byte[MAX_ENCODED_LENGTH];
        int epochAt = encode(fixed, 0) - Long.BYTES; // 12 (IPv4) or 36 (IPv6): always 4 past a word
        this.headWords = new long[epochAt / Long.BYTES];
        for (int k = 0; k < headWords.length; k++) {
            headWords[k] = littleEndian(fixed, Long.BYTES * k, Long.BYTES);
        }
        this.epochWordLow = littleEndian(fixed, epochAt - Integer.BYTES, Integer.BYTES);
    }

    /**
     * A flow from raw addresses; either address may be null or empty (unknown).
     *
     * @throws IllegalArgumentException if an address does not have the family's length or the
     *                                  port is outside 0..65535
     */
    public static Flow of(Protocol protocol, AddressFamily family, byte[] local, byte[] remote, int remotePort) {
        if (protocol == null || family == null) {
            throw new IllegalArgumentException("a flow needs a protocol and an address family");
        }
        if (remotePort < 0 || remotePort > PortRange.HIGHEST_PORT) {
            throw new IllegalArgumentException("remote port must be 0..65535, not " + remotePort);
        }
        return new Flow(protocol, family, copyOf(family, local), copyOf(family, remote), remotePort);
    }

    /**
     * A flow from {@link InetAddress}es; the family is the remote's, else the local's, else IPv4.
     * An IPv4 address on an IPv6 socket is the caller's to map; this method takes addresses as
     * they are.
     */
    public static Flow of(Protocol protocol, InetAddress local, InetAddress remote, int remotePort) {
        InetAddress known = remote != null ? remote : local;
        AddressFamily family = known == null
                ? AddressFamily.INET
                : AddressFamily.ofAddressLength(known.getAddress().length);
        byte[] localBytes = local == null ? null : local.getAddress();
        if (localBytes != null && localBytes.length != family.addressLength()) {
            localBytes = null; // a wildcard of the other family says nothing
        }
        return of(protocol, family, localBytes, remote == null ? null : remote.getAddress(), remotePort);
    }

    /** A flow with nothing known but protocol and family, as for {@code bind(0)}. */
    public static Flow unknownDestination(Protocol protocol, AddressFamily family) {
        return of(protocol, family, null, null, 0);
    }

    private static byte[] copyOf(AddressFamily family, byte[] address) {
        if (address == null || address.length == 0) {
            return NO_ADDRESS;
        }
        if (address.length != family.addressLength()) {
            throw new IllegalArgumentException("an " + family + " address has " + family.addressLength()
                    + " bytes, not " + address.length);
        }
        return address.clone();
    }

    public Protocol protocol() {
        return protocol;
    }

    public AddressFamily family() {
        return family;
    }

    public int remotePort() {
        return remotePort;
    }

    /** True when the remote address is known. */
    public boolean hasDestination() {
        return remoteAddress.length > 0;
    }

    /** Copy of the remote address, empty when unknown. */
    public byte[] remoteAddress() {
        return remoteAddress.clone();
    }

    /** Copy of the local address, empty when unknown. */
    public byte[] localAddress() {
        return localAddress.clone();
    }

    /**
     * Writes the hashed input into {@code out} from offset 0 and returns its length: protocol,
     * family, local address, remote address, remote port, and the 8-byte key epoch. Every field
     * has a fixed width per family, so no two flows share an encoding.
     */
    int encode(byte[] out, long epoch) {
        int width = family.addressLength();
        int at = 0;
        out[at++] = (byte) protocol.ordinal();
        out[at++] = (byte) family.ordinal();
        at = put(out, at, localAddress, width);
        at = put(out, at, remoteAddress, width);
        out[at++] = (byte) (remotePort >>> 8);
        out[at++] = (byte) remotePort;
        for (int shift = 56; shift >= 0; shift -= 8) {
            out[at++] = (byte) (epoch >>> shift);
        }
        return at;
    }

    /** Largest {@link #encode} output: 2 + 16 + 16 + 2 + 8 bytes. */
    static final int MAX_ENCODED_LENGTH = 44;

    /** Length of {@link #encode}'s output: 20 bytes for IPv4, 44 for IPv6. */
    int encodedLength() {
        return Long.BYTES * headWords.length + Integer.BYTES + Long.BYTES;
    }

    /**
     * The same bytes as {@link #encode} read as little-endian 64-bit words, so that a PRF needs no
     * array: words {@code 0 .. headWords().length - 1} are fixed per flow; the next word is
     * {@link #epochWordLow()} with the epoch's first 4 big-endian bytes above it, and the last 4
     * bytes of the epoch start the final block (see {@link SipHash24#hash(Flow, long)}).
     */
    long[] headWords() {
        return headWords;
    }

    long epochWordLow() {
        return epochWordLow;
    }

    private static long littleEndian(byte[] bytes, int from, int count) {
        long value = 0;
        for (int i = count - 1; i >= 0; i--) {
            value = (value << 8) | (bytes[from + i] & 0xffL);
        }
        return value;
    }

    private static int put(byte[] out, int at, byte[] address, int width) {
        if (address.length == 0) {
            Arrays.fill(out, at, at + width, (byte) 0);
        } else {
            System.arraycopy(address, 0, out, at, width);
        }
        return at + width;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Flow)) {
            return false;
        }
        Flow that = (Flow) other;
        return protocol == that.protocol && family == that.family && remotePort == that.remotePort
                && Arrays.equals(localAddress, that.localAddress) && Arrays.equals(remoteAddress, that.remoteAddress);
    }

    @Override
    public int hashCode() {
        return ((protocol.hashCode() * 31 + family.hashCode()) * 31 + Arrays.hashCode(remoteAddress)) * 31 + remotePort;
    }

    @Override
    public String toString() {
        return protocol.id() + "/" + family.id() + " -> " + (hasDestination() ? describe(remoteAddress) : "?")
                + ":" + remotePort;
    }

    private static String describe(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (java.net.UnknownHostException impossible) {
            return Arrays.toString(address);
        }
    }
}
