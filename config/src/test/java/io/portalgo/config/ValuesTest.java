package io.portalgo.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalgo.algorithms.AddressFamily;
import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.PortRange;
import io.portalgo.algorithms.PortSet;
import io.portalgo.algorithms.PrfKind;
import io.portalgo.algorithms.Protocol;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ValuesTest {
    private static PortalgoSettings load(String arguments) {
        return PortalgoSettings.load(arguments, TestEnvironments.host().build());
    }

    @Test
    void durationsNeedAUnitExceptZero() throws InvalidValue {
        assertThat(Values.DURATION.parse("10s")).isEqualTo(10_000L);
        assertThat(Values.DURATION.parse("500ms")).isEqualTo(500L);
        assertThat(Values.DURATION.parse("2m")).isEqualTo(120_000L);
        assertThat(Values.DURATION.parse("1H")).isEqualTo(3_600_000L);
        assertThat(Values.DURATION.parse("30d")).isEqualTo(30L * 86_400_000L);
        assertThat(Values.DURATION.parse("0")).isZero();
        assertThat(Values.DURATION.parse("10 s")).isEqualTo(10_000L);
        for (String bad : new String[] {"10", "1.5s", "s", "-1s", "31d", "99999999999999d", "10sec", ""}) {
            assertThatThrownBy(() -> Values.DURATION.parse(bad)).as(bad).isInstanceOf(InvalidValue.class);
        }
    }

    @Test
    void durationsPrintInTheLargestExactUnit() {
        assertThat(DurationText.format(10_000)).isEqualTo("10s");
        assertThat(DurationText.format(1_500)).isEqualTo("1500ms");
        assertThat(DurationText.format(90_000)).isEqualTo("90s");
        assertThat(DurationText.format(7_200_000)).isEqualTo("2h");
        assertThat(DurationText.format(0)).isEqualTo("0");
    }

    @Property
    void durationsRoundTrip(@ForAll @LongRange(min = 0, max = DurationText.MAX_MILLIS) long millis) throws InvalidValue {
        assertThat(Values.DURATION.parse(DurationText.format(millis))).isEqualTo(millis);
    }

    @Test
    void booleansAreTrueOrFalseInAnyCase() throws InvalidValue {
        assertThat(Values.BOOLEAN.parse("TRUE")).isTrue();
        assertThat(Values.BOOLEAN.parse("False")).isFalse();
        for (String bad : new String[] {"yes", "no", "on", "off", "1", "0", ""}) {
            assertThatThrownBy(() -> Values.BOOLEAN.parse(bad)).as(bad).isInstanceOf(InvalidValue.class);
        }
    }

    @Test
    void namesAreCaseInsensitiveAndBlanksAreTrimmed() {
        PortalgoSettings settings = load("algorithm= HASH ,tcp.mode=Pin,hash=MD5,on-exhaustion=FAIL,log.level= Debug");
        assertThat(settings.algorithm(Protocol.TCP, AddressFamily.INET)).isEqualTo(Algorithm.HASH);
        assertThat(settings.tcpMode()).isEqualTo(TcpMode.PIN);
        assertThat(settings.selectorSettings().prf()).isEqualTo(PrfKind.MD5);
        assertThat(settings.onExhaustion()).isEqualTo(ExhaustionPolicy.FAIL);
        assertThat(settings.logLevel()).isEqualTo(LogLevel.DEBUG);
    }

    @Test
    void rangesAndPortListsAcceptBlanks() {
        PortalgoSettings settings = load("range= 1000 - 1999 ,reserved= 1000 , 1002 - 1003 ");
        assertThat(settings.selectorSettings().range()).isEqualTo(PortRange.of(1000, 1999));
        assertThat(settings.selectorSettings().reserved()).isEqualTo(PortSet.of(1000, 1002, 1003));
        assertThat(settings.get("reserved")).isEqualTo("1000,1002-1003");
    }

    @Test
    void aRangeMayBeOnePortAndTheWholePortSpace() {
        assertThat(load("range=5000-5000").selectorSettings().usablePorts()).isEqualTo(1);
        assertThat(load("range=1-65535").selectorSettings().range().size()).isEqualTo(65_535);
    }

    @Test
    void integersAtTheirBounds() {
        PortalgoSettings low = load("doublehash.table-size=1,doublehash.noise=0,randinc.n=1,max-attempts=1");
        assertThat(low.selectorSettings().tableSize()).isEqualTo(1);
        assertThat(low.selectorSettings().noise()).isZero();
        assertThat(low.selectorSettings().randincN()).isEqualTo(1);
        assertThat(low.maxAttempts()).isEqualTo(1);
        PortalgoSettings high = load("doublehash.table-size=16777216,doublehash.noise=65535,randinc.n=65535,max-attempts=65535");
        assertThat(high.selectorSettings().tableSize()).isEqualTo(1 << 24);
        assertThat(high.selectorSettings().noise()).isEqualTo(65_535);
        assertThat(high.selectorSettings().randincN()).isEqualTo(65_535);
        assertThat(high.maxAttempts()).isEqualTo(65_535);
    }

    @Test
    void aRangeWithNoPortLeftAfterTheReservedOnesIsRefusedNamingBoth() {
        assertThatThrownBy(() -> PortalgoSettings.load("range=1000-1002", TestEnvironments.host()
                .systemProperty("portalgo.reserved", "999-1001,1002").build()))
                .hasMessage("portalgo.reserved=999-1002 (system property): leaves no usable port in portalgo.range=1000-1002 "
                        + "(agent argument); expected a list that spares at least one port of the range");
    }

    @Property
    void portListsRoundTrip(@ForAll @IntRange(min = 1, max = 65535) int first, @ForAll @IntRange(min = 0, max = 40) int length,
            @ForAll @IntRange(min = 1, max = 65535) int single) throws InvalidValue {
        int last = Math.min(65535, first + length);
        PortSet ports = PortSet.builder().addRange(first, last).add(single).build();
        assertThat(Values.PORT_LIST.parse(Values.PORT_LIST.format(ports))).isEqualTo(ports);
    }

    @Property
    void rangesRoundTripAndOutOfRangeIsRefused(@ForAll @IntRange(min = -5, max = 70000) int min,
            @ForAll @IntRange(min = -5, max = 70000) int max) {
        String text = min + "-" + max;
        boolean valid = min >= 1 && max <= 65535 && min <= max;
        try {
            PortRange range = Values.RANGE_TYPE.parse(text);
            assertThat(valid).as(text).isTrue();
            assertThat(range.toString()).isEqualTo(text);
        } catch (InvalidValue e) {
            assertThat(valid).as(text).isFalse();
        }
    }

    @Test
    void suggestionsFindTyposButNotUnrelatedWords() {
        java.util.List<String> ids = java.util.List.of("bsd", "random_start", "random_pick", "hash", "doublehash", "randinc");
        assertThat(Suggestions.closest("hsah", ids)).contains("hash");
        assertThat(Suggestions.closest("randinx", ids)).contains("randinc");
        assertThat(Suggestions.closest("fast", ids)).isEmpty();
        assertThat(Suggestions.closest("random", ids)).isEmpty();
        assertThat(Suggestions.distance("algoritm", "algorithm")).isEqualTo(1);
        assertThat(Suggestions.distance("ab", "ba")).isEqualTo(1);
    }
}
