package io.portalgo.algorithms;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The two-division remainder equals {@code Long.remainderUnsigned} for every value and divisor. */
class UnsignedModPropertyTest {
    @Property(tries = 5000)
    void equalsTheJdksUnsignedRemainder(@ForAll long value, @ForAll @IntRange(min = 1) int divisor) {
        assertThat(UnsignedMod.of(value, divisor)).isEqualTo((int) Long.remainderUnsigned(value, divisor));
    }

    @Property(tries = 200)
    void holdsAtTheEdges(@ForAll @IntRange(min = 1) int divisor) {
        for (long value : new long[] {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, -2}) {
            assertThat(UnsignedMod.of(value, divisor)).isEqualTo((int) Long.remainderUnsigned(value, divisor));
        }
    }
}
