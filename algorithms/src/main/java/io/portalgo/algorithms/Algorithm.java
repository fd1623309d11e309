package io.portalgo.algorithms;

import java.util.Locale;
import java.util.StringJoiner;

/**
 * The port-selection algorithms, with NetBSD's ids in NetBSD's order ({@code portalgo.c}'s
 * table: bsd 0 ... randinc 5). This enum is that table: each constant is a factory.
 */
public enum Algorithm {
    /** RFC 6056 §2.2: sequential, counting down. */
    BSD("bsd", "2.2", "one counter", true,
            "sequential baseline: fully predictable, longest global reuse cycle (n)"),
    /** RFC 6056 §3.3.1, Algorithm 1. */
    RANDOM_START("random_start", "3.3.1", "none", true,
            "random first port (1/n), then +1; a port may return to a destination at once"),
    /** RFC 6056 §3.3.2, Algorithm 2. */
    RANDOM_PICK("random_pick", "3.3.2", "none", false,
            "every candidate random: most unpredictable; ports reused at random"),
    /** RFC 6056 §3.3.3, Algorithm 3. */
    HASH("hash", "3.3.3", "one counter + key", true,
            "secret start per destination, n connections before reuse; shared counter leaks activity"),
    /** RFC 6056 §3.3.4, Algorithm 4. */
    DOUBLEHASH("doublehash", "3.3.4", "table of counters + key", true,
            "like hash, leak confined to a bucket of the table; portalgo's TCP default"),
    /** RFC 6056 §3.3.5, Algorithm 5. */
    RANDINC("randinc", "3.3.5", "one counter", false,
            "random steps of 1..N: N trades unpredictability for reuse distance (about 2n/N)");

    private final String id;
    private final String rfcSection;
    private final String state;
    private final boolean coversRange;
    private final String tradeOff;

    Algorithm(String id, String rfcSection, String state, boolean coversRange, String tradeOff) {
        this.id = id;
        this.rfcSection = rfcSection;
        this.state = state;
        this.coversRange = coversRange;
        this.tradeOff = tradeOff;
    }

    /** NetBSD's name: {@code bsd}, {@code random_start}, ... */
    public String id() {
        return id;
    }

    /** NetBSD's index, 0..5. */
    public int index() {
        return ordinal();
    }

    /** Section of RFC 6056 that defines it, e.g. {@code 3.3.4}. */
    public String rfcSection() {
        return rfcSection;
    }

    /** The state kept between allocations, in words. */
    public String state() {
        return state;
    }

    /** One line on what it trades. */
    public String tradeOff() {
        return tradeOff;
    }

    /**
     * True if the algorithm's own sequence visits every usable port within n candidates (when no
     * other thread allocates at the same time): {@code bsd}, {@code random_start}, {@code hash},
     * {@code doublehash}. {@code random_pick}'s n draws and {@code randinc}'s random steps may miss
     * ports; their cursors then go on over the ports not yet tried, so with a budget of n probes
     * every algorithm's allocation reaches every usable port, and exhaustion means the range
     * really is full.
     */
    public boolean coversRange() {
        return coversRange;
    }

    /** A new selector with its own state. */
    public PortSelector create(SelectorSettings settings, Entropy entropy) {
        switch (this) {
            case BSD:
                return new BsdSelector(settings, entropy);
            case RANDOM_START:
                return new RandomStartSelector(settings, entropy);
            case RANDOM_PICK:
                return new RandomPickSelector(settings, entropy);
            case HASH:
                return new HashSelector(settings, entropy);
            case DOUBLEHASH:
                return new DoubleHashSelector(settings, entropy);
            case RANDINC:
                return new RandIncSelector(settings, entropy);
            default:
                throw new AssertionError(this);
        }
    }

    /** The algorithm named {@code id} (case-insensitive, surrounding blanks ignored). */
    public static Algorithm fromId(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        for (Algorithm algorithm : values()) {
            if (algorithm.id.equals(wanted)) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("unknown algorithm '" + id + "'; accepted: " + availableIds());
    }

    /** The ids in NetBSD order, space-separated, as NetBSD's {@code anonportalgo.available}. */
    public static String availableIds() {
        StringJoiner ids = new StringJoiner(" ");
        for (Algorithm algorithm : values()) {
            ids.add(algorithm.id);
        }
        return ids.toString();
    }
}
