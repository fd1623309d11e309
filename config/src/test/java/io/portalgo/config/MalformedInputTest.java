package io.portalgo.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every property, every source, bad values: the message names the property, the value as
 * given, the source and what is accepted, and a live change with the same value leaves the
 * snapshot in force untouched.
 */
class MalformedInputTest {
    enum Via {
        AGENT_ARGUMENT("agent argument"),
        SYSTEM_PROPERTY("system property"),
        ENVIRONMENT(null),
        FILE("properties file " + TestEnvironments.PROPERTIES_FILE),
        LIVE("live change");

        final String origin;

        Via(String origin) {
            this.origin = origin;
        }
    }

    /**
     * {@code key} without the prefix (or an environment variable name for unknown variables),
     * {@code shown} as the message shows the value, {@code accepted} the tail of the reason.
     */
    record Case(Via via, String key, String value, String shown, String accepted) {
        String property() {
            return key.startsWith("PORTALGO_") ? key : "portalgo." + key;
        }

        String origin() {
            if (via != Via.ENVIRONMENT) {
                return via.origin;
            }
            return key.startsWith("PORTALGO_") ? "environment variable"
                    : "environment variable " + Property.byKey(key).orElseThrow().envVar();
        }

        @Override
        public String toString() {
            return via + " " + key + "=" + value;
        }
    }

    private static final String BOOLEAN = "expected true or false";
    private static final String ALGORITHM = "expected one of bsd, random_start, random_pick, hash, doublehash, randinc, or nothing to unset";
    private static final String RANGE = "expected min-max with 1 <= min <= max <= 65535";
    private static final String PORTS = "expected ports and ranges like 1,2-4,10 (each in 1..65535), or nothing for none";
    private static final String DURATION = "expected a duration with a unit like 500ms, 10s, 2m, 1h, 1d (at most 30d), or 0 for never";
    private static final String RULES = DestinationRules.SYNTAX;

    static Stream<Case> cases() {
        return Stream.of(
                new Case(Via.SYSTEM_PROPERTY, "enabled", "yes", "yes", BOOLEAN),
                new Case(Via.ENVIRONMENT, "enabled", "", "", BOOLEAN),
                new Case(Via.AGENT_ARGUMENT, "algorithm", "hsah", "hsah", ALGORITHM + " (did you mean hash?)"),
                new Case(Via.SYSTEM_PROPERTY, "tcp.algorithm", "md5", "md5", ALGORITHM),
                new Case(Via.ENVIRONMENT, "udp.algorithm", "random", "random", ALGORITHM),
                new Case(Via.FILE, "inet.algorithm", "4", "4", ALGORITHM),
                new Case(Via.AGENT_ARGUMENT, "inet6.algorithm", "bsd,hash", "bsd,hash", ALGORITHM + " (did you mean bsd?)"),
                new Case(Via.LIVE, "tcp.inet.algorithm", "DOUBLE", "DOUBLE", ALGORITHM + " (did you mean doublehash?)"),
                new Case(Via.AGENT_ARGUMENT, "tcp.inet6.algorithm", "random-pick", "random-pick",
                        ALGORITHM + " (did you mean random_pick?)"),
                new Case(Via.SYSTEM_PROPERTY, "udp.inet.algorithm", "randomstart", "randomstart",
                        ALGORITHM + " (did you mean random_start?)"),
                new Case(Via.ENVIRONMENT, "udp.inet6.algorithm", "bsd bsd", "bsd bsd", ALGORITHM + " (did you mean bsd?)"),
                new Case(Via.SYSTEM_PROPERTY, "rules", "tcp:192.0.2.0/33:*=bsd", "tcp:192.0.2.0/33:*=bsd",
                        "rule 1: prefix length '33' is not in 0..32; " + RULES),
                new Case(Via.AGENT_ARGUMENT, "rules", "udp:*:53=random_pick;udp:2001:db8::1:53=hash", "udp:2001:db8::1:53=hash",
                        "rule 2: IPv6 address '2001:db8::1' must be written in brackets: [2001:db8::1]; " + RULES),
                new Case(Via.ENVIRONMENT, "rules", "icmp:*:*=bsd", "icmp:*:*=bsd", "rule 1: protocol 'icmp' is not tcp, udp or *; " + RULES),
                new Case(Via.FILE, "rules", "tcp:*:70000=bsd", "tcp:*:70000=bsd",
                        "rule 1: port '70000' is not a number 1..65535, a range a-b or *; " + RULES),
                new Case(Via.LIVE, "rules", "tcp:*:*=fast", "tcp:*:*=fast",
                        "rule 1: algorithm 'fast' is not one of bsd random_start random_pick hash doublehash randinc; " + RULES),
                new Case(Via.SYSTEM_PROPERTY, "rules", "tcp:192.0.2.1", "tcp:192.0.2.1",
                        "rule 1: it needs exactly one '=' before the algorithm; " + RULES),
                new Case(Via.AGENT_ARGUMENT, "rules", "tcp:[192.0.2.1]:80=bsd", "tcp:[192.0.2.1]:80=bsd",
                        "rule 1: brackets are for IPv6; write the IPv4 address [192.0.2.1] without them; " + RULES),
                new Case(Via.ENVIRONMENT, "rules", "tcp:192.0.2.256:*=bsd", "tcp:192.0.2.256:*=bsd",
                        "rule 1: '192.0.2.256' is not an IPv4 address (four numbers 0..255 separated by dots, no leading zeros); " + RULES),
                new Case(Via.FILE, "rules", "udp:*:2000-1000=bsd", "udp:*:2000-1000=bsd", "rule 1: port range '2000-1000' runs backwards; " + RULES),
                new Case(Via.LIVE, "rules", "tcp:localhost:*=bsd", "tcp:localhost:*=bsd",
                        "rule 1: 'localhost' is not an IPv4 address (four numbers 0..255 separated by dots, no leading zeros); " + RULES),
                new Case(Via.SYSTEM_PROPERTY, "range", "70000-80000", "70000-80000", RANGE),
                new Case(Via.AGENT_ARGUMENT, "range", "60000-50000", "60000-50000", RANGE),
                new Case(Via.ENVIRONMENT, "range", "0-100", "0-100", RANGE),
                new Case(Via.FILE, "range", "1024", "1024", RANGE),
                new Case(Via.LIVE, "range", "a-b", "a-b", RANGE),
                new Case(Via.SYSTEM_PROPERTY, "range", "", "", RANGE),
                new Case(Via.AGENT_ARGUMENT, "reserved", "0", "0", "port 0 is not in 1..65535; " + PORTS),
                new Case(Via.ENVIRONMENT, "reserved", "1,,2", "1,,2", "'' is neither a port nor a range a-b; " + PORTS),
                new Case(Via.SYSTEM_PROPERTY, "reserved", "5-3", "5-3", "range 5-3 is not within 1..65535 with a <= b; " + PORTS),
                new Case(Via.FILE, "reserved", "80,http", "80,http", "'http' is neither a port nor a range a-b; " + PORTS),
                new Case(Via.AGENT_ARGUMENT, "listeners", "on", "on", BOOLEAN),
                new Case(Via.SYSTEM_PROPERTY, "tcp.mode", "pinned", "pinned", "expected one of auto, pin, share, exclusive (did you mean pin?)"),
                new Case(Via.ENVIRONMENT, "tcp.mode", "", "", "expected one of auto, pin, share, exclusive"),
                new Case(Via.FILE, "hash", "sha256", "sha256", "expected one of siphash, md5"),
                new Case(Via.AGENT_ARGUMENT, "rekey", "500", "500", DURATION),
                new Case(Via.ENVIRONMENT, "rekey", "10 sec", "10 sec", DURATION),
                new Case(Via.SYSTEM_PROPERTY, "rekey", "31d", "31d", DURATION),
                new Case(Via.LIVE, "rekey", "-1s", "-1s", DURATION),
                new Case(Via.AGENT_ARGUMENT, "doublehash.table-size", "0", "0", "expected an integer from 1 to 16777216"),
                new Case(Via.SYSTEM_PROPERTY, "doublehash.table-size", "16777217", "16777217", "expected an integer from 1 to 16777216"),
                new Case(Via.ENVIRONMENT, "doublehash.noise", "-1", "-1", "expected an integer from 0 to 65535"),
                new Case(Via.FILE, "doublehash.noise", "65536", "65536", "expected an integer from 0 to 65535"),
                new Case(Via.LIVE, "randinc.n", "0", "0", "expected an integer from 1 to 65535"),
                new Case(Via.AGENT_ARGUMENT, "randinc.n", "1e3", "1e3", "expected an integer from 1 to 65535"),
                new Case(Via.SYSTEM_PROPERTY, "max-attempts", "0", "0", "expected an integer from 1 to 65535"),
                new Case(Via.ENVIRONMENT, "max-attempts", "99999999999", "99999999999", "expected an integer from 1 to 65535"),
                new Case(Via.AGENT_ARGUMENT, "on-exhaustion", "crash", "crash", "expected one of kernel, fail"),
                new Case(Via.SYSTEM_PROPERTY, "seed", "s3cr3t", "(hidden)", "expected a decimal 64-bit integer, or nothing to unset"),
                new Case(Via.ENVIRONMENT, "seed", "0x10", "(hidden)", "expected a decimal 64-bit integer, or nothing to unset"),
                new Case(Via.FILE, "log.level", "verbose", "verbose", "expected one of off, error, warn, info, debug"),
                new Case(Via.AGENT_ARGUMENT, "log.level", "warning", "warning",
                        "expected one of off, error, warn, info, debug (did you mean warn?)"),
                new Case(Via.SYSTEM_PROPERTY, "jmx", "1", "1", BOOLEAN),
                new Case(Via.AGENT_ARGUMENT, "algoritm", "hash", "hash", "unknown property; did you mean portalgo.algorithm?"),
                new Case(Via.SYSTEM_PROPERTY, "tcp.mdoe", "pin", "pin", "unknown property; did you mean portalgo.tcp.mode?"),
                new Case(Via.ENVIRONMENT, "PORTALGO_RANGES", "1-2", "1-2",
                        "unknown property; did you mean PORTALGO_RANGE (portalgo.range)?"),
                new Case(Via.FILE, "doublehash.tablesize", "8", "8", "unknown property; did you mean portalgo.doublehash.table-size?"),
                new Case(Via.LIVE, "rekeyy", "1s", "1s", "unknown property; did you mean portalgo.rekey?"),
                new Case(Via.AGENT_ARGUMENT, "sed", "42", "(hidden)", "unknown property; did you mean portalgo.seed?"),
                new Case(Via.SYSTEM_PROPERTY, "frobnicate", "1", "1",
                        "unknown property (no similar name; see the options table in the README)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badValueIsNamedWithItsSourceAndWhatIsAccepted(Case bad) {
        if (bad.via() != Via.LIVE) {
            ConfigException error = catchThrowableOfType(ConfigException.class, () -> load(bad));
            assertThat(error).as("load must refuse %s", bad).isNotNull();
            assertThat(error.problems()).containsExactly(bad.property() + "=" + bad.shown() + " (" + bad.origin() + "): " + bad.accepted());
        }

        PortalgoSettings before = PortalgoSettings.load("algorithm=bsd,range=40000-44999",
                TestEnvironments.host().build());
        LiveSettings live = new LiveSettings(before);
        List<PortalgoSettings> heard = new java.util.ArrayList<>();
        live.onChange(heard::add);
        String liveKey = bad.key().startsWith("PORTALGO_") ? "ranges" : bad.key();
        ConfigException refused = catchThrowableOfType(ConfigException.class,
                () -> live.apply(Map.of(liveKey, bad.value()), Source.LIVE));
        assertThat(refused).as("a live change must refuse %s", bad).isNotNull();
        String liveAccepted = bad.key().startsWith("PORTALGO_") ? "unknown property; did you mean portalgo.range?" : bad.accepted();
        assertThat(refused.problems()).containsExactly("portalgo." + liveKey + "=" + bad.shown() + " (live change): " + liveAccepted);
        assertThat(live.current()).isSameAs(before);
        assertThat(live.current().toMap()).containsEntry("portalgo.algorithm", "bsd").containsEntry("portalgo.range", "40000-44999");
        assertThat(heard).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theSeedNeverAppearsInAMessage(Case bad) {
        if (!bad.shown().equals("(hidden)")) {
            return;
        }
        ConfigException error = catchThrowableOfType(ConfigException.class, () -> load(bad));
        assertThat(error.getMessage()).doesNotContain(bad.value());
    }

    static PortalgoSettings load(Case bad) {
        switch (bad.via()) {
            case AGENT_ARGUMENT:
                return PortalgoSettings.load(bad.key() + "=" + bad.value(), TestEnvironments.host().build());
            case SYSTEM_PROPERTY:
                return PortalgoSettings.load(null, TestEnvironments.host().systemProperty(bad.property(), bad.value()).build());
            case ENVIRONMENT:
                String name = bad.key().startsWith("PORTALGO_") ? bad.key() : Property.byKey(bad.key()).orElseThrow().envVar();
                return PortalgoSettings.load(null, TestEnvironments.host().environmentVariable(name, bad.value()).build());
            case FILE:
                return PortalgoSettings.load(null, TestEnvironments.withPropertiesFile(bad.key() + "=" + bad.value() + "\n").build());
            default:
                throw new AssertionError(bad);
        }
    }
}
