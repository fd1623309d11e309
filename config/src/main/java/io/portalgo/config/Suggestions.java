package io.portalgo.config;

import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean ...?" for a mistyped name: the closest known name by optimal-string-alignment
 * distance (Damerau-Levenshtein where a transposed pair counts as one edit), so {@code algoritm}
 * is one edit from {@code algorithm} and {@code tcp.mdoe} one from {@code tcp.mode}.
 */
final class Suggestions {
    private Suggestions() {
    }

    /**
     * The candidate closest to {@code wanted} (case-insensitive), if it is close enough to be a
     * typo: at most one edit per four characters (at least one), so {@code hsah} gives
     * {@code hash} but {@code fast} gives nothing. Failing that, the one candidate that is a
     * prefix of {@code wanted} or has it as a prefix ({@code warning} gives {@code warn}); with
     * several such candidates ({@code random}) there is no suggestion. Ties go to the candidate
     * listed first.
     */
    static Optional<String> closest(String wanted, Iterable<String> candidates) {
        String target = wanted.toLowerCase(Locale.ROOT);
        int allowed = Math.max(1, target.length() / 4);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String prefixMatch = null;
        int prefixMatches = 0;
        for (String candidate : candidates) {
            String known = candidate.toLowerCase(Locale.ROOT);
            int distance = distance(target, known);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
            String shorter = known.length() < target.length() ? known : target;
            if (shorter.length() >= 3 && (target.startsWith(known) || known.startsWith(target))) {
                prefixMatch = candidate;
                prefixMatches++;
            }
        }
        if (bestDistance <= allowed) {
            return Optional.of(best);
        }
        return prefixMatches == 1 ? Optional.of(prefixMatch) : Optional.empty();
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions, adjacent transpositions. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
