package io.portalgo.examples.evaluation;

import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.Flow;
import io.portalgo.algorithms.PortSelector;
import io.portalgo.algorithms.SelectorSettings;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * The device-tracking attack of Kol, Klein and Gilad (USENIX Security 2023) on Algorithm 4
 * (RFC 6056 §3.3.4), in the simulator. The attacker's page makes the victim connect to
 * destinations the attacker controls (addresses of 203.0.113.0/24, many ports each) and reads
 * the source ports its servers see. Two destinations whose G(...) mod L land in the same bucket
 * share a counter, so their port sequences step together; the set of such pairs depends only on
 * the victim's key and is a device ID. The paper estimates about 40 x L connections: 10k for
 * L = 256, 2.6M for L = 65,536.
 *
 * <p>How this attacker works (group testing over step measurements; the offset F cancels in a
 * step, so only the counters show):
 * <ol>
 *   <li>Screening: connect to every destination of a pool of M, then again in the same order.
 *       Between a destination's two connections every other pool member connects exactly once,
 *       so with noise 0 its step is the size g of its bucket's group within the pool. Pool
 *       members with g >= 2 are the candidates.</li>
 *   <li>Decoding: repeat the two rounds over random halves S of the candidates. A's step, minus
 *       one, is the number of its bucket-mates inside S; a candidate B is dropped as A's mate when
 *       it is inside S and A saw none, or outside S and A saw all g - 1 (and symmetrically).
 *       Each test drops about half of the wrong candidates.</li>
 *   <li>Stop when every candidate has exactly g - 1 mates and the groups agree.</li>
 *   <li>Confirm at the victim's next visit ({@code revisit-seconds} later) that each pair still
 *       steps together: a structure that changes with the key epoch identifies nothing.</li>
 * </ol>
 * Knowing the defenses (Kerckhoffs), it averages each step over {@code noise-repeats} repetitions
 * when the victim adds noise and measures a step in units of the mean increment 1 + noise/2;
 * when keys rotate, it shrinks its pool so that screening and decoding fit in one key epoch, and
 * starts again whenever its observations contradict each other. The harness, not the attacker,
 * then checks the groups against the truth from a same-seed copy of the victim's selector
 * without noise.
 */
public final class TrackingAttack {
    /** The verdict, with what it cost. */
    public record Outcome(boolean recovered, long connections, int pool, int pairsFound, int truePairs,
                          int correctPairs, int restarts, int unstableStructures, double simulatedSeconds) {
    }

    private final SelectorSettings settings;
    private final long seed;
    private final double rate;
    private final long budget;
    private final int repeats;
    private final int pool;
    private final PortIndex index;
    private final RandomGenerator coin;
    private final long revisitMicros;
    private VictimHost victim;
    private int unstable;

    private TrackingAttack(SelectorSettings settings, HarnessConfig config) {
        this.settings = settings;
        this.seed = config.seed();
        this.rate = config.doubleValue("attack.rate");
        this.budget = config.longValue("attack.budget");
        this.repeats = settings.noise() == 0 ? 1 : config.intValue("attack.noise-repeats");
        this.index = new PortIndex(settings);
        this.coin = new Well19937c(config.seed() + 5);
        this.revisitMicros = config.longValue("attack.revisit-seconds") * 1_000_000;
        int wanted = settings.tableSize();
        if (settings.rekeyMillis() > 0) {
            long perEpoch = (long) (rate * settings.rekeyMillis() / 1000);
            wanted = (int) Math.min(wanted, Math.max(2, perEpoch / (4L * repeats)));
        }
        this.pool = wanted;
    }

    /** Runs the attack against a {@code doublehash} victim with {@code settings}. */
    public static Outcome run(SelectorSettings settings, HarnessConfig config) {
        return new TrackingAttack(settings, config).attack(config);
    }

    private Outcome attack(HarnessConfig config) {
        victim = new VictimHost(new Policy("victim", Algorithm.DOUBLEHASH, settings), seed,
                config.timeWaitMillis(), rate);
        int restarts = 0;
        List<int[]> pairs = null;
        try {
            while (pairs == null) {
                pairs = tryOnce();
                if (pairs != null && !stillCollideAtNextVisit(pairs)) {
                    unstable++;
                    pairs = null;
                }
                if (pairs == null) {
                    restarts++;
                }
            }
        } catch (BudgetExhausted spent) {
            return verdict(List.of(), false, restarts);
        }
        return verdict(pairs, true, restarts);
    }

    /** One attempt: the colliding pairs, or null when the observations contradict each other. */
    private List<int[]> tryOnce() {
        int[] all = new int[pool];
        for (int i = 0; i < pool; i++) {
            all[i] = i;
        }
        int[] group = measure(all);
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < pool; i++) {
            if (group[i] >= 2) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            return null; // no collision in this pool (or this epoch): try again
        }
        int c = candidates.size();
        int[] size = new int[c];
        BitSet[] mates = new BitSet[c];
        for (int a = 0; a < c; a++) {
            size[a] = group[candidates.get(a)];
            mates[a] = new BitSet(c);
            for (int b = 0; b < c; b++) {
                if (b != a && group[candidates.get(b)] == size[a]) {
                    mates[a].set(b);
                }
            }
        }
        while (true) {
            if (!consistent(mates, size, true)) {
                return null;
            }
            if (consistent(mates, size, false)) {
                List<int[]> pairs = new ArrayList<>();
                for (int a = 0; a < c; a++) {
                    for (int b = mates[a].nextSetBit(a + 1); b >= 0; b = mates[a].nextSetBit(b + 1)) {
                        pairs.add(new int[] {candidates.get(a), candidates.get(b)});
                    }
                }
                return pairs;
            }
            BitSet inside = new BitSet(c);
            for (int a = 0; a < c; a++) {
                if (coin.nextBoolean()) {
                    inside.set(a);
                }
            }
            int[] members = inside.stream().map(candidates::get).toArray();
            int[] seen = measure(members);
            int k = 0;
            for (int a = inside.nextSetBit(0); a >= 0; a = inside.nextSetBit(a + 1), k++) {
                int present = seen[k] - 1;
                for (int b = mates[a].nextSetBit(0); b >= 0; b = mates[a].nextSetBit(b + 1)) {
                    boolean in = inside.get(b);
                    if ((in && present < 1) || (!in && present > size[a] - 2)) {
                        mates[a].clear(b);
                        mates[b].clear(a);
                    }
                }
            }
        }
    }

    /**
     * An ID must be the same at the victim's next visit: the attacker waits {@code revisit} and
     * tests each pair again (A, B, A: A steps by two units iff B shares its counter).
     */
    private boolean stillCollideAtNextVisit(List<int[]> pairs) {
        victim.clock().advanceMicros(revisitMicros);
        for (int[] pair : pairs) {
            double total = 0;
            for (int repeat = 0; repeat < repeats; repeat++) {
                if (victim.connections() + 3 > budget) {
                    throw new BudgetExhausted();
                }
                int before = victim.connect(pair[0], Destinations.attacker(pair[0]));
                victim.connect(pair[1], Destinations.attacker(pair[1]));
                int after = victim.connect(pair[0], Destinations.attacker(pair[0]));
                total += before < 0 || after < 0 ? 0 : index.step(before, after);
            }
            if (Math.round(total / repeats / (1 + settings.noise() / 2.0)) != 2) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code partial}: no candidate has fewer mates left than it needs (else a measurement was
     * wrong and the attempt is lost). Otherwise: every candidate has exactly its g - 1 mates, and
     * mates see the same group.
     */
    private static boolean consistent(BitSet[] mates, int[] size, boolean partial) {
        for (int a = 0; a < mates.length; a++) {
            int count = mates[a].cardinality();
            if (partial ? count < size[a] - 1 : count != size[a] - 1) {
                return false;
            }
            if (!partial) {
                for (int b = mates[a].nextSetBit(0); b >= 0; b = mates[a].nextSetBit(b + 1)) {
                    BitSet mine = (BitSet) mates[a].clone();
                    mine.set(a);
                    BitSet theirs = (BitSet) mates[b].clone();
                    theirs.set(b);
                    if (!mine.equals(theirs)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Two rounds over {@code members}, {@code repeats} times: each one's group size inside them. */
    private int[] measure(int[] members) {
        double[] total = new double[members.length];
        int[] first = new int[members.length];
        for (int repeat = 0; repeat < repeats; repeat++) {
            if (victim.connections() + 2L * members.length > budget) {
                throw new BudgetExhausted();
            }
            for (int i = 0; i < members.length; i++) {
                first[i] = victim.connect(members[i], Destinations.attacker(members[i]));
            }
            for (int i = 0; i < members.length; i++) {
                int second = victim.connect(members[i], Destinations.attacker(members[i]));
                total[i] += first[i] < 0 || second < 0 ? 0 : index.step(first[i], second);
            }
        }
        double unit = 1 + settings.noise() / 2.0;
        int[] size = new int[members.length];
        for (int i = 0; i < members.length; i++) {
            size[i] = (int) Math.round(total[i] / repeats / unit);
        }
        return size;
    }

    /**
     * Checks the attacker's pairs against a same-seed copy of the victim without noise, frozen at
     * one more visit later: an ID has to hold then too.
     */
    private Outcome verdict(List<int[]> pairs, boolean finished, int restarts) {
        long frozenMillis = (victim.clock().nowMicros() + revisitMicros) / 1000;
        PortSelector oracle = Algorithm.DOUBLEHASH.create(settings.toBuilder().noise(0).build(),
                io.portalgo.algorithms.Entropy.seeded(seed, () -> frozenMillis));
        int[] first = new int[pool];
        for (int i = 0; i < pool; i++) {
            first[i] = port(oracle, i);
        }
        int truePairsTimesTwo = 0;
        for (int i = 0; i < pool; i++) {
            truePairsTimesTwo += index.step(first[i], port(oracle, i)) - 1;
        }
        int correct = 0;
        for (int[] pair : pairs) {
            int before = port(oracle, pair[0]);
            port(oracle, pair[1]);
            if (index.step(before, port(oracle, pair[0])) == 2) {
                correct++;
            }
        }
        int truePairs = truePairsTimesTwo / 2;
        boolean recovered = finished && !pairs.isEmpty() && correct == pairs.size() && correct == truePairs;
        return new Outcome(recovered, victim.connections(), pool, pairs.size(), truePairs, correct, restarts,
                unstable, victim.clock().nowMicros() / 1e6);
    }

    private static int port(PortSelector oracle, int destination) {
        Flow flow = Destinations.attacker(destination);
        return oracle.select(flow, port -> true).port();
    }

    private static final class BudgetExhausted extends RuntimeException {
        BudgetExhausted() {
            super(null, null, false, false);
        }
    }
}
