package io.portalgo.examples.evaluation;

import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.PortRange;
import io.portalgo.algorithms.SelectorSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The policies every experiment runs, from id to factory, in NetBSD's order (bsd 0 ... randinc 5).
 * Each uses portalgo's defaults over the simulated host's range: for {@code doublehash} 65,536
 * counters, noise 0..7 and a 10-s key epoch; for {@code hash} the same epoch; for {@code randinc}
 * N = 500 (RFC 6056 §3.3.5's example).
 */
public final class PolicyRegistry {
    private final List<Policy> policies;

    private PolicyRegistry(List<Policy> policies) {
        this.policies = Collections.unmodifiableList(policies);
    }

    /** The six algorithms with portalgo's defaults over {@code range}. */
    public static PolicyRegistry standard(PortRange range) {
        SelectorSettings settings = SelectorSettings.builder().range(range).build();
        List<Policy> all = new ArrayList<>();
        for (Algorithm algorithm : Algorithm.values()) {
            all.add(new Policy(algorithm.id(), algorithm, settings));
        }
        return new PolicyRegistry(all);
    }

    /** Only the policies named (in registry order); all when {@code ids} is empty. */
    public PolicyRegistry select(List<String> ids) {
        if (ids.isEmpty()) {
            return this;
        }
        List<Policy> chosen = new ArrayList<>();
        for (String id : ids) {
            chosen.add(get(id.trim().toLowerCase(Locale.ROOT)));
        }
        chosen.sort((a, b) -> Integer.compare(policies.indexOf(a), policies.indexOf(b)));
        return new PolicyRegistry(chosen);
    }

    public Policy get(String id) {
        for (Policy policy : policies) {
            if (policy.id().equals(id)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("unknown policy '" + id + "'; known: " + ids());
    }

    public List<Policy> all() {
        return policies;
    }

    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        policies.forEach(policy -> ids.add(policy.id()));
        return ids;
    }
}
