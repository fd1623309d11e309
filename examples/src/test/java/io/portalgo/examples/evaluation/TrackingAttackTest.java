package io.portalgo.examples.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalgo.algorithms.SelectorSettings;
import org.junit.jupiter.api.Test;

/**
 * The tracking attack of Kol, Klein and Gilad must recover the bucket-collision structure of
 * RFC-plain doublehash with Linux 5.12's 256 counters, in about the paper's 40 x 256 = 10,240
 * connections, and must fail against portalgo's defaults within 1,000,000 connections.
 */
class TrackingAttackTest {
    private final HarnessConfig config = HarnessConfig.defaults();

    @Test
    void recoversTheCollisionStructureOfA256CounterTableWithoutNoiseOrRekey() {
        SelectorSettings weak = SelectorSettings.builder().range(config.hostRange())
                .tableSize(256).noise(0).rekeyMillis(0).build();

        TrackingAttack.Outcome outcome = TrackingAttack.run(weak, config);

        assertThat(outcome.recovered()).as("%s", outcome).isTrue();
        assertThat(outcome.truePairs()).isPositive();
        assertThat(outcome.correctPairs()).isEqualTo(outcome.truePairs());
        // same order of magnitude as the paper's estimate of 40 x L
        assertThat(outcome.connections()).isBetween(256L * 2, 256L * 40 * 3);
    }

    @Test
    void failsAgainstPortalgoDefaultsWithinAMillionConnections() {
        SelectorSettings defaults = SelectorSettings.builder().range(config.hostRange()).build();
        assertThat(defaults.tableSize()).isEqualTo(65_536);
        assertThat(defaults.noise()).isEqualTo(7);
        assertThat(defaults.rekeyMillis()).isEqualTo(10_000);
        assertThat(config.longValue("attack.budget")).isGreaterThanOrEqualTo(1_000_000);

        TrackingAttack.Outcome outcome = TrackingAttack.run(defaults, config);

        assertThat(outcome.recovered()).as("%s", outcome).isFalse();
        assertThat(outcome.connections()).isGreaterThan(config.longValue("attack.budget") - 100_000);
    }
}
