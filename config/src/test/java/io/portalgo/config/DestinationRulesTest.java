package io.portalgo.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.portalgo.algorithms.AddressFamily;
import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.Protocol;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DestinationRulesTest {
    private static final String RULES = "udp:*:53=random_pick;tcp:192.0.2.0/24:*=bsd;tcp:[2001:db8::/32]:443=hash;"
            + "*:198.51.100.7:1000-1999=randinc";

    private static PortalgoSettings settings(String arguments) {
        return PortalgoSettings.load(arguments, TestEnvironments.host().build());
    }

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByAddress(IpLiteral.parse(literal));
    }

    @Test
    void theFirstMatchingRuleChoosesTheAlgorithm() throws UnknownHostException {
        PortalgoSettings settings = settings("rules=" + RULES + ";tcp:*:*=random_start");
        assertThat(settings.algorithmFor(Protocol.UDP, AddressFamily.INET, ip("203.0.113.9"), 53)).isEqualTo(Algorithm.RANDOM_PICK);
        assertThat(settings.algorithmFor(Protocol.UDP, AddressFamily.INET6, ip("2001:db8::53"), 53)).isEqualTo(Algorithm.RANDOM_PICK);
        assertThat(settings.algorithmFor(Protocol.TCP, AddressFamily.INET, ip("192.0.2.200"), 80)).isEqualTo(Algorithm.BSD);
        assertThat(settings.algorithmFor(Protocol.TCP, AddressFamily.INET6, ip("2001:db8:ffff::1"), 443)).isEqualTo(Algorithm.HASH);
        assertThat(settings.algorithmFor(Protocol.TCP, AddressFamily.INET6, ip("2001:db9::1"), 443)).isEqualTo(Algorithm.RANDOM_START);
        assertThat(settings.algorithmFor(Protocol.UDP, AddressFamily.INET, ip("198.51.100.7"), 1999)).isEqualTo(Algorithm.RANDINC);
        assertThat(settings.algorithmFor(Protocol.TCP, AddressFamily.INET, ip("198.51.100.7"), 1000)).isEqualTo(Algorithm.RANDINC);
        // tcp:*:*=random_start catches the TCP rest; UDP without a match falls back to the scoped algorithm.
        assertThat(settings.algorithmFor(Protocol.TCP, AddressFamily.INET, ip("198.51.100.7"), 2000)).isEqualTo(Algorithm.RANDOM_START);
        assertThat(settings.algorithmFor(Protocol.UDP, AddressFamily.INET, ip("198.51.100.7"), 2000)).isEqualTo(Algorithm.RANDOM_PICK);
        assertThat(settings.algorithmFor(Protocol.UDP, AddressFamily.INET, ip("198.51.100.8"), 1000))
                .isEqualTo(settings.algorithm(Protocol.UDP, AddressFamily.INET));
    }

    @Test
    void withoutADestinationTheScopedAlgorithmApplies() {
        PortalgoSettings settings = settings("rules=*:*:*=bsd,tcp.algorithm=hash");
        assertThat(settings.algorithmFor(Protocol.TCP, AddressFamily.INET, null, 0)).isEqualTo(Algorithm.HASH);
        assertThat(settings.algorithmFor(Protocol.UDP, AddressFamily.INET6, null, 0)).isEqualTo(Algorithm.RANDOM_PICK);
    }

    @Test
    void anIpv4PeerOfADualStackSocketMatchesIpv4Rules() throws UnknownHostException {
        PortalgoSettings settings = settings("rules=tcp:192.0.2.0/24:*=bsd");
        InetAddress mapped = java.net.Inet6Address.getByAddress(null, IpLiteral.parse("::ffff:192.0.2.1"), null);
        assertThat(settings.algorithmFor(Protocol.TCP, AddressFamily.INET6, mapped, 80)).isEqualTo(Algorithm.BSD);
    }

    @Test
    void prefixesCutInsideAByte() throws UnknownHostException {
        PortalgoSettings settings = settings("rules=tcp:198.51.100.128/25:*=bsd;tcp:[2001:db8:8000::/33]:*=hash");
        assertThat(settings.algorithmFor(Protocol.TCP, AddressFamily.INET, ip("198.51.100.128"), 1)).isEqualTo(Algorithm.BSD);
        assertThat(settings.algorithmFor(Protocol.TCP, AddressFamily.INET, ip("198.51.100.127"), 1)).isEqualTo(Algorithm.DOUBLEHASH);
        assertThat(settings.algorithmFor(Protocol.TCP, AddressFamily.INET6, ip("2001:db8:8000::1"), 1)).isEqualTo(Algorithm.HASH);
        assertThat(settings.algorithmFor(Protocol.TCP, AddressFamily.INET6, ip("2001:db8:7fff::1"), 1)).isEqualTo(Algorithm.DOUBLEHASH);
    }

    @Test
    void rulesPrintCanonicallyAndReadBack() {
        PortalgoSettings settings = settings("rules= UDP:*:53=Random_Pick ; tcp:192.0.2.0/24:*=bsd;"
                + "tcp:[2001:DB8:0:0::/32]:443=hash;*:198.51.100.7/32:1000-1999=randinc;udp:[2001:db8::1]:7-7=bsd;");
        String canonical = "udp:*:53=random_pick;tcp:192.0.2.0/24:*=bsd;tcp:[2001:db8::/32]:443=hash;"
                + "*:198.51.100.7:1000-1999=randinc;udp:[2001:db8::1]:7=bsd";
        assertThat(settings.get("rules")).isEqualTo(canonical);
        assertThat(settings.rules().rules()).hasSize(5);
        assertThat(settings(("rules=" + canonical)).rules()).isEqualTo(settings.rules());
        assertThat(settings.describe()).contains("rules=5");
    }

    @Test
    void everyBadRuleIsReportedOnItsOwnLine() {
        ConfigException error = catchThrowableOfType(ConfigException.class,
                () -> PortalgoSettings.load(null, TestEnvironments.host().systemProperty("portalgo.rules",
                        "udp:*:53=random_pick;tcp:192.0.2.1/24:*=bsd;tcp:[2001:db8::1/129]:*=hash;tcp:[::ffff:192.0.2.1]:*=bsd").build()));
        assertThat(error.problems()).containsExactly(
                "portalgo.rules=tcp:192.0.2.1/24:*=bsd (system property): rule 2: 192.0.2.1/24 has host bits set "
                        + "(did you mean 192.0.2.0/24?); " + DestinationRules.SYNTAX,
                "portalgo.rules=tcp:[2001:db8::1/129]:*=hash (system property): rule 3: prefix length '129' is not in 0..128; "
                        + DestinationRules.SYNTAX,
                "portalgo.rules=tcp:[::ffff:192.0.2.1]:*=bsd (system property): rule 4: write the IPv4-mapped address "
                        + "[::ffff:192.0.2.1] as plain IPv4 192.0.2.1; " + DestinationRules.SYNTAX);
    }

    @Test
    void aRuleChangesLiveAndABadOneLeavesTheOldRules() throws UnknownHostException {
        LiveSettings live = new LiveSettings(settings("rules=udp:*:53=random_pick"));
        live.apply(Map.of("rules", "udp:*:53=bsd"), Source.LIVE);
        assertThat(live.current().algorithmFor(Protocol.UDP, AddressFamily.INET, ip("192.0.2.1"), 53)).isEqualTo(Algorithm.BSD);
        PortalgoSettings before = live.current();
        catchThrowableOfType(ConfigException.class, () -> live.apply(Map.of("rules", "udp:*:53=bsd;udp:*:x=hash"), Source.LIVE));
        assertThat(live.current()).isSameAs(before);
        live.apply(Map.of("rules", ""), Source.LIVE);
        assertThat(live.current().rules().isEmpty()).isTrue();
    }

    @Test
    void ipv6TextIsPrintedTheRfc5952Way() {
        assertThat(IpLiteral.format(IpLiteral.parse("2001:0DB8:0000:0000:0001:0000:0000:0001"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(IpLiteral.format(IpLiteral.parse("2001:db8:0:1:1:1:1:1"))).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(IpLiteral.format(IpLiteral.parse("::"))).isEqualTo("::");
        assertThat(IpLiteral.format(IpLiteral.parse("::1"))).isEqualTo("::1");
        assertThat(IpLiteral.format(IpLiteral.parse("fe80::"))).isEqualTo("fe80::");
        assertThat(IpLiteral.format(IpLiteral.parse("1:0:0:2:0:0:0:3"))).isEqualTo("1:0:0:2::3");
        assertThat(IpLiteral.format(IpLiteral.parse("::192.0.2.1"))).isEqualTo("::c000:201");
    }

    /** A literal never needs DNS, so InetAddress.getByName is a safe reference for these. */
    @Property(tries = 300)
    void ipv4LiteralsParseLikeTheJdk(@ForAll @IntRange(max = 255) int a, @ForAll @IntRange(max = 255) int b,
            @ForAll @IntRange(max = 255) int c, @ForAll @IntRange(max = 255) int d) throws UnknownHostException {
        String text = a + "." + b + "." + c + "." + d;
        assertThat(IpLiteral.parse(text)).isEqualTo(InetAddress.getByName(text).getAddress());
        assertThat(IpLiteral.format(IpLiteral.parse(text))).isEqualTo(text);
    }

    @Property(tries = 300)
    void ipv6LiteralsParseLikeTheJdk(@ForAll @IntRange(max = 0xffff) int g0, @ForAll @IntRange(max = 3) int zeros,
            @ForAll @IntRange(max = 0xffff) int g6, @ForAll @IntRange(max = 0xffff) int g7) throws UnknownHostException {
        int[] groups = {g0, 0x0db8, zeros > 0 ? 0 : 5, zeros > 1 ? 0 : 6, zeros > 2 ? 0 : 7, 0, g6, g7};
        StringBuilder full = new StringBuilder();
        for (int group : groups) {
            full.append(full.length() == 0 ? "" : ":").append(Integer.toHexString(group));
        }
        byte[] expected = InetAddress.getByName(full.toString()).getAddress();
        assertThat(IpLiteral.parse(full.toString())).isEqualTo(expected);
        String canonical = IpLiteral.format(expected);
        assertThat(IpLiteral.parse(canonical)).isEqualTo(expected);
        assertThat(InetAddress.getByName(canonical).getAddress()).isEqualTo(expected);
    }

    @Test
    void namesAndOddFormsAreRefusedWithoutLookingThemUp() {
        for (String bad : new String[] {"localhost", "example.com", "192.0.2", "192.0.2.1.5", "01.2.3.4", "1:2:3:4:5:6:7:8:9",
                "1::2::3", "12345::", "fe80::1%eth0", ":1", "g::1", ""}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> IpLiteral.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
