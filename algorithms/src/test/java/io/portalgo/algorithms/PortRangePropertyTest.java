package io.portalgo.algorithms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** {@link PortRange}, RFC 6056 §3.2's {@code [min_ephemeral, max_ephemeral]}, against plain arithmetic. */
class PortRangePropertyTest {
    @Property(tries = 500)
    void acceptsExactlyOneToMaxWithMinNotAboveMax(@ForAll @IntRange(min = -3, max = 65538) int min,
                                                   @ForAll @IntRange(min = -3, max = 65538) int max) {
        boolean valid = 1 <= min && min <= max && max <= 65535;
        if (valid) {
            PortRange range = PortRange.of(min, max);
            assertThat(range.min()).isEqualTo(min);
            assertThat(range.max()).isEqualTo(max);
            assertThat(range.size()).isEqualTo(max - min + 1);
        } else {
            assertThatThrownBy(() -> PortRange.of(min, max)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(min + "-" + max);
        }
    }

    @Property(tries = 500)
    void containsAndTextAgreeWithTheBounds(@ForAll @IntRange(min = 1, max = 65535) int a,
                                           @ForAll @IntRange(min = 1, max = 65535) int b,
                                           @ForAll @IntRange(min = -1, max = 65536) int port) {
        PortRange range = PortRange.of(Math.min(a, b), Math.max(a, b));
        assertThat(range.contains(port)).isEqualTo(range.min() <= port && port <= range.max());
        assertThat(range.contains(range.min())).isTrue();
        assertThat(range.contains(range.max())).isTrue();
        assertThat(range.contains(range.min() - 1)).isFalse();
        assertThat(range.contains(range.max() + 1)).isFalse();
        // the min-max text of portalgo.range reads back to an equal range
        String[] bounds = range.toString().split("-");
        assertThat(range).hasToString(range.min() + "-" + range.max());
        assertThat(PortRange.of(Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1])))
                .isEqualTo(range).hasSameHashCodeAs(range);
    }

    @Property(tries = 300)
    void equalExactlyWhenBoundsAreEqual(@ForAll @IntRange(min = 1, max = 300) int min1, @ForAll @IntRange(min = 0, max = 3) int len1,
                                        @ForAll @IntRange(min = 1, max = 300) int min2, @ForAll @IntRange(min = 0, max = 3) int len2) {
        PortRange first = PortRange.of(min1, min1 + len1);
        PortRange second = PortRange.of(min2, min2 + len2);
        assertThat(first.equals(second)).isEqualTo(min1 == min2 && len1 == len2);
    }

    @Property(tries = 1)
    void theNamedRangesHaveTheDocumentedSizes() {
        assertThat(PortRange.IANA_DYNAMIC.size()).isEqualTo(16_384);
        assertThat(PortRange.of(32768, 60999).size()).isEqualTo(28_232);
        assertThat(PortRange.of(1024, 65535).size()).isEqualTo(64_512);
    }
}
