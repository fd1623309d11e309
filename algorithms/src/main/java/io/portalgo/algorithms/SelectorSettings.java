package io.portalgo.algorithms;

/**
 * The parameters every selector is built from: range, reserved ports, PRF, key epoch,
 * {@code doublehash}'s table size and noise, and {@code randinc}'s N. Immutable; a change of
 * settings means a new selector. Defaults are portalgo's hardened ones, as Linux after 2022
 * (RFC 6056 §3.3.4 with the table and noise of Kol, Klein and Gilad, USENIX Security 2023).
 * Two settings are {@link #equals equal} when every parameter is, so a caller can tell whether a
 * change needs new selectors.
 */
public final class SelectorSettings {
    /** Linux-grade defaults: 2^16 counters, 0..7 noise, 10 s epoch (Linux commits 4c2c8f03a5ab, ca7af0402550, 4dfa9b438ee3). */
    public static final int DEFAULT_TABLE_SIZE = 65_536;
    public static final int DEFAULT_NOISE = 7;
    public static final long DEFAULT_REKEY_MILLIS = 10_000;
    /** RFC 6056 §3.3.5's example N. */
    public static final int DEFAULT_RANDINC_N = 500;
    /** Largest table: 2^24 counters of 2 bytes, 32 MiB. */
    public static final int MAX_TABLE_SIZE = 1 << 24;

    private final PortRange range;
    private final PortSet reserved;
    private final PrfKind prf;
    private final long rekeyMillis;
    private final int tableSize;
    private final int noise;
    private final int randincN;

    private SelectorSettings(Builder builder) {
        this.range = builder.range;
        this.reserved = builder.reserved;
        this.prf = builder.prf;
        this.rekeyMillis = builder.rekeyMillis;
        this.tableSize = builder.tableSize;
        this.noise = builder.noise;
        this.randincN = builder.randincN;
    }

    public static SelectorSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().range(range).reserved(reserved).prf(prf).rekeyMillis(rekeyMillis)
                .tableSize(tableSize).noise(noise).randincN(randincN);
    }

    public PortRange range() {
        return range;
    }

    public PortSet reserved() {
        return reserved;
    }

    public PrfKind prf() {
        return prf;
    }

    /** Length of a key epoch in milliseconds; 0 means one epoch forever. */
    public long rekeyMillis() {
        return rekeyMillis;
    }

    public int tableSize() {
        return tableSize;
    }

    public int noise() {
        return noise;
    }

    public int randincN() {
        return randincN;
    }

    /** Ports of the range that are not reserved: the {@code n} every algorithm works over. */
    public int usablePorts() {
        return range.size() - reserved.countIn(range);
    }

    /** Equal when range, reserved ports, hash, key epoch, table size, noise and N all are. */
    @Override
    public boolean equals(Object other) {
        if (!(other instanceof SelectorSettings)) {
            return false;
        }
        SelectorSettings that = (SelectorSettings) other;
        return range.equals(that.range) && reserved.equals(that.reserved) && prf == that.prf
                && rekeyMillis == that.rekeyMillis && tableSize == that.tableSize && noise == that.noise
                && randincN == that.randincN;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(range, reserved, prf, rekeyMillis, tableSize, noise, randincN);
    }

    @Override
    public String toString() {
        return "range=" + range + ", reserved=" + reserved + ", hash=" + prf.id() + ", rekey=" + rekeyMillis
                + "ms, table-size=" + tableSize + ", noise=" + noise + ", randinc.n=" + randincN;
    }

    /** Builder with the defaults preset; {@link #build()} validates. */
    public static final class Builder {
        private PortRange range = PortRange.IANA_DYNAMIC;
        private PortSet reserved = PortSet.EMPTY;
        private PrfKind prf = PrfKind.SIPHASH;
        private long rekeyMillis = DEFAULT_REKEY_MILLIS;
        private int tableSize = DEFAULT_TABLE_SIZE;
        private int noise = DEFAULT_NOISE;
        private int randincN = DEFAULT_RANDINC_N;

        private Builder() {
        }

        public Builder range(PortRange range) {
            this.range = range;
            return this;
        }

        public Builder reserved(PortSet reserved) {
            this.reserved = reserved;
            return this;
        }

        public Builder prf(PrfKind prf) {
            this.prf = prf;
            return this;
        }

        public Builder rekeyMillis(long rekeyMillis) {
            this.rekeyMillis = rekeyMillis;
            return this;
        }

        public Builder tableSize(int tableSize) {
            this.tableSize = tableSize;
            return this;
        }

        public Builder noise(int noise) {
            this.noise = noise;
            return this;
        }

        public Builder randincN(int randincN) {
            this.randincN = randincN;
            return this;
        }

        /** @throws IllegalArgumentException naming the parameter that is out of bounds */
        public SelectorSettings build() {
            if (range == null || reserved == null || prf == null) {
                throw new IllegalArgumentException("range, reserved and prf must be set");
            }
            if (rekeyMillis < 0) {
                throw new IllegalArgumentException("rekey must be >= 0 ms, not " + rekeyMillis);
            }
            if (tableSize < 1 || tableSize > MAX_TABLE_SIZE) {
                throw new IllegalArgumentException("table size must be 1.." + MAX_TABLE_SIZE + ", not " + tableSize);
            }
            if (noise < 0 || noise > 65_535) {
                throw new IllegalArgumentException("noise must be 0..65535, not " + noise);
            }
            if (randincN < 1 || randincN > 65_535) {
                throw new IllegalArgumentException("randinc N must be 1..65535, not " + randincN);
            }
            if (range.size() == reserved.countIn(range)) {
                throw new IllegalArgumentException("range " + range + " has no port left after reserved " + reserved);
            }
            return new SelectorSettings(this);
        }
    }
}
