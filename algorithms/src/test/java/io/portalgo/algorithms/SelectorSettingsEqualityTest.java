package io.portalgo.algorithms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Two settings are equal exactly when every parameter a selector is built from is equal. */
class SelectorSettingsEqualityTest {
    private static final SelectorSettings BASE = SelectorSettings.builder().range(PortRange.of(40000, 44999))
            .reserved(PortSet.of(40100)).build();

    @Test
    void theSameParametersAreEqualWithEqualHashCodes() {
        SelectorSettings again = SelectorSettings.builder().range(PortRange.of(40000, 44999))
                .reserved(PortSet.of(40100)).build();
        assertThat(again).isEqualTo(BASE).hasSameHashCodeAs(BASE);
        assertThat(BASE.toBuilder().build()).isEqualTo(BASE);
    }

    @Test
    void changingAnyOneParameterMakesThemDifferent() {
        List<SelectorSettings> changed = List.of(
                BASE.toBuilder().range(PortRange.of(40000, 45000)).build(),
                BASE.toBuilder().reserved(PortSet.of(40101)).build(),
                BASE.toBuilder().prf(PrfKind.MD5).build(),
                BASE.toBuilder().rekeyMillis(9_999).build(),
                BASE.toBuilder().tableSize(65_535).build(),
                BASE.toBuilder().noise(6).build(),
                BASE.toBuilder().randincN(499).build());
        for (SelectorSettings other : changed) {
            assertThat(other).as(other.toString()).isNotEqualTo(BASE);
        }
        assertThat(BASE).isNotEqualTo(null).isNotEqualTo(BASE.toString());
    }
}
