package io.portalgo.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.portalgo.algorithms.AddressFamily;
import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.Protocol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class LiveSettingsTest {
    private static PortalgoSettings load(String arguments) {
        return PortalgoSettings.load(arguments, TestEnvironments.host().build());
    }

    @Test
    void aGoodChangeIsSwappedInAndHeard() {
        LiveSettings live = new LiveSettings(load("algorithm=random_pick"));
        List<PortalgoSettings> heard = new ArrayList<>();
        live.onChange(heard::add);
        PortalgoSettings next = live.apply(Map.of("portalgo.tcp.algorithm", "bsd", "range", "40000-40009"), Source.LIVE);
        assertThat(live.current()).isSameAs(next);
        assertThat(heard).containsExactly(next);
        assertThat(next.algorithm(Protocol.TCP, AddressFamily.INET)).isEqualTo(Algorithm.BSD);
        assertThat(next.algorithm(Protocol.UDP, AddressFamily.INET)).isEqualTo(Algorithm.RANDOM_PICK);
        assertThat(next.origin(Property.RANGE)).hasToString("live change");
    }

    @Test
    void aChangeWithOneBadValueAppliesNothing() {
        PortalgoSettings before = load("algorithm=random_pick");
        LiveSettings live = new LiveSettings(before);
        List<PortalgoSettings> heard = new ArrayList<>();
        live.onChange(heard::add);
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("tcp.algorithm", "bsd");
        changes.put("max-attempts", "0");
        ConfigException refused = catchThrowableOfType(ConfigException.class, () -> live.apply(changes, Source.LIVE));
        assertThat(refused).hasMessage("portalgo.max-attempts=0 (live change): expected an integer from 1 to 65535");
        assertThat(live.current()).isSameAs(before);
        assertThat(live.current().algorithm(Protocol.TCP, AddressFamily.INET)).isEqualTo(Algorithm.RANDOM_PICK);
        assertThat(heard).isEmpty();
    }

    @Test
    void changesAreLayeredSoAGlobalChangeMovesEveryUnsetScope() {
        LiveSettings live = new LiveSettings(load("udp.algorithm=hash"));
        live.apply(Map.of("algorithm", "bsd"), Source.LIVE);
        assertThat(live.current().algorithm(Protocol.TCP, AddressFamily.INET6)).isEqualTo(Algorithm.BSD);
        assertThat(live.current().algorithm(Protocol.UDP, AddressFamily.INET6)).isEqualTo(Algorithm.HASH);
        live.apply(Map.of("udp.algorithm", ""), Source.LIVE);
        assertThat(live.current().algorithm(Protocol.UDP, AddressFamily.INET6)).isEqualTo(Algorithm.BSD);
    }

    @Test
    void toMapRoundTripsThroughWithChanges() {
        for (String arguments : new String[] {null, "algorithm=hash,udp.inet6.algorithm=bsd", "inet6.algorithm=randinc,tcp.algorithm=bsd",
                "seed=-7,rules=udp:*:53=random_pick;tcp:[2001:db8::/32]:*=bsd,reserved=40000-40100,range=40000-40200",
                "rekey=1500ms,hash=md5,tcp.mode=share,enabled=false,listeners=false,jmx=false,log.level=off"}) {
            PortalgoSettings settings = load(arguments);
            PortalgoSettings again = settings.withChanges(settings.toMap(), Source.LIVE);
            assertThat(again).as(arguments).isEqualTo(settings);
            assertThat(again.toMap()).isEqualTo(settings.toMap());
            assertThat(again.seed()).isEqualTo(settings.seed());
            for (Protocol protocol : Protocol.values()) {
                for (AddressFamily family : AddressFamily.values()) {
                    assertThat(again.algorithm(protocol, family)).isEqualTo(settings.algorithm(protocol, family));
                }
            }
        }
    }

    @net.jqwik.api.Property(tries = 200)
    void anyValidSnapshotRoundTrips(@ForAll("arguments") String arguments) {
        PortalgoSettings settings = load(arguments);
        assertThat(settings.withChanges(settings.toMap(), Source.LIVE)).isEqualTo(settings);
    }

    @Provide
    Arbitrary<String> arguments() {
        Arbitrary<String> algorithm = Arbitraries.of("", "bsd", "random_start", "random_pick", "hash", "doublehash", "randinc");
        Arbitrary<String> scope = Arbitraries.of("algorithm", "tcp.algorithm", "udp.algorithm", "inet.algorithm", "inet6.algorithm",
                "tcp.inet.algorithm", "tcp.inet6.algorithm", "udp.inet.algorithm", "udp.inet6.algorithm");
        Arbitrary<String> scoped = Combinators.combine(scope, algorithm).as((key, value) -> key + "=" + value);
        Arbitrary<String> other = Arbitraries.oneOf(
                Arbitraries.integers().between(1, 1 << 24).map(n -> "doublehash.table-size=" + n),
                Arbitraries.integers().between(0, 65535).map(n -> "doublehash.noise=" + n),
                Arbitraries.longs().between(0, DurationText.MAX_MILLIS).map(n -> "rekey=" + n + "ms"),
                Arbitraries.longs().map(n -> "seed=" + n),
                Arbitraries.integers().between(2, 65535).map(n -> "range=1-" + n + ",reserved=1-" + (n - 1)),
                Arbitraries.of("tcp.mode=pin", "hash=md5", "on-exhaustion=fail", "rules=udp:*:53=bsd;*:[::/0]:1-9=hash"));
        return Arbitraries.oneOf(scoped, other).list().ofMaxSize(6).uniqueElements(pair -> pair.substring(0, pair.indexOf('=')))
                .map(pairs -> String.join(",", pairs));
    }

    @Test
    void theSeedIsHeldButNeverShown() {
        PortalgoSettings settings = load("seed=8675309");
        assertThat(settings.seed()).hasValue(8675309);
        assertThat(settings.toMap()).containsEntry("portalgo.seed", "(set)");
        assertThat(settings.get("seed")).isEqualTo("(set)");
        assertThat(settings.describe()).contains("seed=(set)").doesNotContain("8675309");
        assertThat(settings.toString()).doesNotContain("8675309");
        assertThat(settings.withChanges(Map.of("seed", "(set)"), Source.LIVE).seed()).hasValue(8675309);
        assertThat(settings.withChanges(Map.of("seed", "1"), Source.LIVE).seed()).hasValue(1);
        assertThat(settings.withChanges(Map.of("seed", ""), Source.LIVE).seed()).isEmpty();
        assertThat(settings.withChanges(Map.of("seed", "1"), Source.LIVE)).isNotEqualTo(settings);
        assertThatThrownBy(() -> load(null).withChanges(Map.of("seed", "(set)"), Source.LIVE))
                .hasMessage("portalgo.seed=(set) (live change): there is no seed to keep; expected a decimal 64-bit integer, "
                        + "or nothing to unset");
    }

    @Test
    void startUpOnlyPropertiesAcceptOnlyTheirRunningValue() {
        PortalgoSettings settings = load(null);
        assertThat(settings.withChanges(Map.of("jmx", "TRUE", "config", ""), Source.LIVE)).isEqualTo(settings);
        assertThatThrownBy(() -> settings.withChanges(Map.of("jmx", "false"), Source.LIVE))
                .hasMessage("portalgo.jmx=false (live change): read only at start-up; expected the running value 'true' "
                        + "(restart to change it)");
        assertThatThrownBy(() -> settings.withChanges(Map.of("config", "/etc/portalgo.properties"), Source.LIVE))
                .hasMessageStartingWith("portalgo.config=/etc/portalgo.properties (live change): read only at start-up");
    }

    @Test
    void getAcceptsKeysWithOrWithoutThePrefix() {
        PortalgoSettings settings = load("range=40000-44999");
        assertThat(settings.get("portalgo.range")).isEqualTo("40000-44999");
        assertThat(settings.get("range")).isEqualTo("40000-44999");
        assertThat(settings.get("tcp.algorithm")).isEqualTo("doublehash");
        assertThat(settings.get("doublehash.table-size")).isEqualTo("65536");
        assertThatThrownBy(() -> settings.get("portalgo.rnage")).isInstanceOf(ConfigException.class)
                .hasMessage("portalgo.rnage: unknown property; did you mean portalgo.range?");
        assertThatThrownBy(() -> settings.get("tcp.mdoe")).hasMessage("portalgo.tcp.mdoe: unknown property; did you mean portalgo.tcp.mode?");
    }

    @Test
    void describeIsOneLineWithTheEssentials() {
        assertThat(load(null).describe())
                .isEqualTo("tcp=doublehash udp=random_pick range=32768-60999 reserved=0 mode=auto hash=siphash rekey=10s");
        assertThat(load("tcp.inet6.algorithm=bsd,range=40000-40009,reserved=40000-40001,50000,tcp.mode=pin,hash=md5,rekey=0,"
                + "enabled=false,rules=udp:*:53=hash").describe())
                .isEqualTo("disabled tcp=inet:doublehash,inet6:bsd udp=random_pick rules=1 range=40000-40009 reserved=2 mode=pin "
                        + "hash=md5 rekey=0");
    }

    @Test
    void aListenerThatFailsDoesNotUndoTheChangeButIsReported() {
        LiveSettings live = new LiveSettings(load(null));
        List<String> heard = new ArrayList<>();
        live.onChange(settings -> {
            throw new IllegalStateException("listener broke");
        });
        live.onChange(settings -> heard.add(settings.get("range")));
        assertThatThrownBy(() -> live.apply(Map.of("range", "40000-40009"), Source.LIVE)).hasMessage("listener broke");
        assertThat(live.current().get("range")).isEqualTo("40000-40009");
        assertThat(heard).containsExactly("40000-40009");
    }

    @Test
    void concurrentChangesNeverLoseOne() throws InterruptedException {
        LiveSettings live = new LiveSettings(load(null));
        List<Thread> threads = new ArrayList<>();
        String[] keys = {"doublehash.noise", "randinc.n", "max-attempts", "doublehash.table-size"};
        for (String key : keys) {
            threads.add(new Thread(() -> {
                for (int i = 1; i <= 200; i++) {
                    live.apply(Map.of(key, Integer.toString(i)), Source.LIVE);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        for (String key : keys) {
            assertThat(live.current().get(key)).as(key).isEqualTo("200");
        }
    }
}
