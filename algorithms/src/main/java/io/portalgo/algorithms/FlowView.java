package io.portalgo.algorithms;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * What a selector may know about the connection it picks a port for: the RFC 6056 §3.3.3 inputs
 * {@code (local_IP, remote_IP, remote_port)} plus the protocol and address family. Two kinds:
 * {@link Flow}, an immutable value, and {@link MutableFlow}, one object a thread refills for each
 * allocation so that a new destination costs no allocation. Selectors read either the same way
 * and hash the same input for the same fields. No other kinds exist (the constructor is not
 * public).
 *
 * <p>Unknown parts are zeros: a UDP {@code bind(0)} knows no destination, and an unbound TCP
 * socket knows only the wildcard as its local address (the kernel picks the source address during
 * connect), so its local address is {@code 0.0.0.0} or {@code ::}.
 *
 * <p>The hashed input ({@link #encode}) is kept as little-endian 64-bit words, so that a PRF reads
 * words instead of an array and filling a flow writes no array either: bytes 0..11 (IPv4) or
 * 0..35 (IPv6) are protocol, family, local address, remote address and remote port; 1 or 4 whole
 * words, then 4 bytes in the low half of the next word ({@link #words()}).
 */
public abstract class FlowView {
    /** Largest {@link #encode} output: 2 + 16 + 16 + 2 + 8 bytes. */
    static final int MAX_ENCODED_LENGTH = 44;
    /** Words of the fixed bytes: 4 whole ones and a half for IPv6. */
    static final int WORDS = 5;
    private static final Protocol[] PROTOCOLS = Protocol.values();
    private static final AddressFamily[] FAMILIES = AddressFamily.values();

    FlowView() {
    }

    /**
     * The fixed bytes of {@link #encode} (all but the epoch) as little-endian words; word
     * {@link #headWordCount()} holds the last 4 of them in its low half, its high half is 0. The
     * caller must not change them.
     */
    abstract long[] words();

    /** False when the local address is unknown (its bytes are zeros then). */
    abstract boolean hasLocalAddress();

    /** True when the remote address is known. */
    public abstract boolean hasDestination();

    public final Protocol protocol() {
        return PROTOCOLS[byteAt(words(), 0)];
    }

    public final AddressFamily family() {
        return FAMILIES[byteAt(words(), 1)];
    }

    public final int remotePort() {
        long[] words = words();
        int at = 2 + 2 * family().addressLength();
        return byteAt(words, at) << 8 | byteAt(words, at + 1);
    }

    /** Copy of the remote address, empty when unknown. */
    public final byte[] remoteAddress() {
        int width = family().addressLength();
        return hasDestination() ? bytes(words(), 2 + width, width) : new byte[0];
    }

    /** Copy of the local address, empty when unknown. */
    public final byte[] localAddress() {
        int width = family().addressLength();
        return hasLocalAddress() ? bytes(words(), 2, width) : new byte[0];
    }

    /** Whole words before the epoch: 1 for IPv4 (bytes 0..7), 4 for IPv6 (bytes 0..31). */
    final int headWordCount() {
        return byteAt(words(), 1) == AddressFamily.INET.ordinal() ? 1 : 4;
    }

    /** Bytes 8..11 (IPv4) or 32..35 (IPv6) of the encoding, the low half of the word the epoch completes. */
    final long epochWordLow() {
        return words()[headWordCount()];
    }

    /** Length of {@link #encode}'s output: 20 bytes for IPv4, 44 for IPv6. */
    final int encodedLength() {
        return fixedLength(family()) + Long.BYTES;
    }

    /**
     * Writes the hashed input into {@code out} from offset 0 and returns its length: protocol
     * ordinal, family ordinal, local address, remote address, remote port (big-endian), and the
     * 8-byte key epoch (big-endian). Every field has a fixed width per family, so no two flows
     * share an encoding.
     */
    final int encode(byte[] out, long epoch) {
        long[] words = words();
        int at = fixedLength(family());
        for (int i = 0; i < at; i++) {
            out[i] = (byte) byteAt(words, i);
        }
        for (int shift = 56; shift >= 0; shift -= 8) {
            out[at++] = (byte) (epoch >>> shift);
        }
        return at;
    }

    /** True if {@code other} holds the same fields; the kind of flow does not matter. */
    final boolean sameFields(FlowView other) {
        return hasLocalAddress() == other.hasLocalAddress() && hasDestination() == other.hasDestination()
                && Arrays.equals(words(), other.words());
    }

    @Override
    public String toString() {
        return protocol().id() + "/" + family().id() + " -> " + (hasDestination() ? describe(remoteAddress()) : "?")
                + ":" + remotePort();
    }

    private static String describe(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException impossible) {
            return Arrays.toString(address);
        }
    }

    /** Bytes of the encoding before the epoch: 12 (IPv4) or 36 (IPv6). */
    static int fixedLength(AddressFamily family) {
        return 4 + 2 * family.addressLength();
    }

    /**
     * Fills {@code words} with the fixed bytes of a flow. An address is given as its big-endian
     * value in two longs: an IPv6 address's bytes 0..7 in {@code high} and 8..15 in {@code low}, an
     * IPv4 address in the low 32 bits of {@code low} (then {@code high} is ignored); unknown is 0.
     */
    static void fill(long[] words, Protocol protocol, AddressFamily family, long localHigh, long localLow,
            long remoteHigh, long remoteLow, int remotePort) {
        Arrays.fill(words, 0L);
        putByte(words, 0, protocol.ordinal());
        putByte(words, 1, family.ordinal());
        int width = family.addressLength();
        int at = putAddress(words, 2, width, localHigh, localLow);
        at = putAddress(words, at, width, remoteHigh, remoteLow);
        putByte(words, at, remotePort >>> 8);
        putByte(words, at + 1, remotePort);
    }

    private static int putAddress(long[] words, int at, int width, long high, long low) {
        if (width == Long.BYTES * 2) {
            putBigEndian(words, at, high, Long.BYTES);
            putBigEndian(words, at + Long.BYTES, low, Long.BYTES);
        } else {
            putBigEndian(words, at, low, Integer.BYTES);
        }
        return at + width;
    }

    private static void putBigEndian(long[] words, int at, long value, int count) {
        for (int i = 0; i < count; i++) {
            putByte(words, at + i, (int) (value >>> (Byte.SIZE * (count - 1 - i))));
        }
    }

    private static void putByte(long[] words, int at, int value) {
        words[at >>> 3] |= (value & 0xffL) << ((at & 7) << 3);
    }

    private static int byteAt(long[] words, int at) {
        return (int) (words[at >>> 3] >>> ((at & 7) << 3)) & 0xff;
    }

    private static byte[] bytes(long[] words, int from, int count) {
        byte[] out = new byte[count];
        for (int i = 0; i < count; i++) {
            out[i] = (byte) byteAt(words, from + i);
        }
        return out;
    }

    /**
     * The checks every flow's arguments pass: a protocol, a family and a port in 0..65535.
     *
     * @throws IllegalArgumentException otherwise
     */
    static void check(Protocol protocol, AddressFamily family, int remotePort) {
        if (protocol == null || family == null) {
            throw new IllegalArgumentException("a flow needs a protocol and an address family");
        }
        if (remotePort < 0 || remotePort > PortRange.HIGHEST_PORT) {
            throw new IllegalArgumentException("remote port must be 0..65535, not " + remotePort);
        }
    }

    /**
     * True if {@code address} (null or empty: unknown) is known.
     *
     * @throws IllegalArgumentException if it does not have the family's length
     */
    static boolean known(AddressFamily family, byte[] address) {
        if (address == null || address.length == 0) {
            return false;
        }
        if (address.length != family.addressLength()) {
            throw new IllegalArgumentException("an " + family + " address has " + family.addressLength()
                    + " bytes, not " + address.length);
        }
        return true;
    }

    /** The first 8 bytes of a 16-byte address as a big-endian long; 0 for a 4-byte one. */
    static long high(byte[] address) {
        return address.length == Integer.BYTES ? 0 : bigEndian(address, 0);
    }

    /** The last 8 bytes of a 16-byte address, or the 4 of a 4-byte one, as a big-endian long. */
    static long low(byte[] address) {
        if (address.length == Integer.BYTES) {
            return Integer.toUnsignedLong((address[0] & 0xff) << 24 | (address[1] & 0xff) << 16
                    | (address[2] & 0xff) << 8 | address[3] & 0xff);
        }
        return bigEndian(address, 8);
    }

    /** Bytes {@code from .. from + 7} as a big-endian long; constant offsets, so a copy the JIT can see through stays in registers. */
    private static long bigEndian(byte[] address, int from) {
        return (address[from] & 0xffL) << 56 | (address[from + 1] & 0xffL) << 48 | (address[from + 2] & 0xffL) << 40
                | (address[from + 3] & 0xffL) << 32 | (address[from + 4] & 0xffL) << 24
                | (address[from + 5] & 0xffL) << 16 | (address[from + 6] & 0xffL) << 8 | address[from + 7] & 0xffL;
    }

    /**
     * The family of {@code address}: {@link Inet4Address} is IPv4, any other (that is,
     * {@code Inet6Address}) IPv6.
     */
    static AddressFamily familyOf(InetAddress address) {
        return address instanceof Inet4Address ? AddressFamily.INET : AddressFamily.INET6;
    }
}
