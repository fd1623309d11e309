package io.portalgo.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalgo.algorithms.AddressFamily;
import io.portalgo.algorithms.Algorithm;
import io.portalgo.algorithms.PortRange;
import io.portalgo.algorithms.Protocol;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The five levels, highest first: agent argument, system property, environment variable,
 * properties file, default. Each test sets {@code portalgo.range} at several levels and checks
 * which one wins and that the snapshot knows where its value came from.
 */
class PrecedenceTest {
    private static final String FILE_RANGE = "20000-20999";
    private static final String ENV_RANGE = "30000-30999";
    private static final String SYSTEM_RANGE = "40000-40999";
    private static final String AGENT_RANGE = "50000-50999";

    @Test
    void defaultIsTheLowestLevel() {
        PortalgoSettings settings = PortalgoSettings.load(null, TestEnvironments.host().build());
        assertThat(settings.selectorSettings().range()).isEqualTo(PortRange.of(32768, 60999));
        assertThat(settings.origin(Property.RANGE)).hasToString("default from " + TestEnvironments.RANGE_FILE);
        assertThat(settings.origin(Property.TCP_MODE)).hasToString("default");
    }

    @Test
    void propertiesFileBeatsDefault() {
        PortalgoSettings settings = PortalgoSettings.load(null,
                TestEnvironments.withPropertiesFile("portalgo.range=" + FILE_RANGE + "\n# a comment\ntcp.mode = share\n").build());
        assertThat(settings.toMap()).containsEntry("portalgo.range", FILE_RANGE).containsEntry("portalgo.tcp.mode", "share");
        assertThat(settings.origin(Property.RANGE)).hasToString("properties file " + TestEnvironments.PROPERTIES_FILE);
        assertThat(settings.get("config")).isEqualTo(TestEnvironments.PROPERTIES_FILE);
    }

    @Test
    void environmentVariableBeatsPropertiesFile() {
        PortalgoSettings settings = PortalgoSettings.load(null, TestEnvironments.withPropertiesFile("portalgo.range=" + FILE_RANGE)
                .environmentVariable("PORTALGO_RANGE", ENV_RANGE).build());
        assertThat(settings.get("range")).isEqualTo(ENV_RANGE);
        assertThat(settings.origin(Property.RANGE)).hasToString("environment variable PORTALGO_RANGE");
    }

    @Test
    void systemPropertyBeatsEnvironmentVariable() {
        PortalgoSettings settings = PortalgoSettings.load(null, TestEnvironments.withPropertiesFile("portalgo.range=" + FILE_RANGE)
                .environmentVariable("PORTALGO_RANGE", ENV_RANGE).systemProperty("portalgo.range", SYSTEM_RANGE).build());
        assertThat(settings.get("range")).isEqualTo(SYSTEM_RANGE);
        assertThat(settings.origin(Property.RANGE)).hasToString("system property");
    }

    @Test
    void agentArgumentBeatsSystemProperty() {
        PortalgoSettings settings = PortalgoSettings.load("range=" + AGENT_RANGE,
                TestEnvironments.withPropertiesFile("portalgo.range=" + FILE_RANGE).environmentVariable("PORTALGO_RANGE", ENV_RANGE)
                        .systemProperty("portalgo.range", SYSTEM_RANGE).build());
        assertThat(settings.get("range")).isEqualTo(AGENT_RANGE);
        assertThat(settings.origin(Property.RANGE)).hasToString("agent argument");
    }

    @Test
    void eachLevelFillsWhatTheHigherOnesLeaveOpen() {
        PortalgoSettings settings = PortalgoSettings.load("max-attempts=5",
                TestEnvironments.withPropertiesFile("randinc.n=9\nmax-attempts=1\nrekey=1m\nlog.level=debug\n")
                        .environmentVariable("PORTALGO_REKEY", "2m").environmentVariable("PORTALGO_LOG_LEVEL", "warn")
                        .systemProperty("portalgo.log.level", "error").build());
        assertThat(settings.selectorSettings().randincN()).isEqualTo(9);
        assertThat(settings.maxAttempts()).isEqualTo(5);
        assertThat(settings.selectorSettings().rekeyMillis()).isEqualTo(120_000);
        assertThat(settings.logLevel()).isEqualTo(LogLevel.ERROR);
        assertThat(settings.onExhaustion()).isEqualTo(ExhaustionPolicy.KERNEL);
    }

    @Test
    void thePropertiesFileMayBeNamedByAnyHigherSource() {
        Map<String, String> files = Map.of("/a.properties", "range=1000-1999", "/b.properties", "range=2000-2999",
                "/c.properties", "range=3000-3999");
        assertThat(PortalgoSettings.load("config=/a.properties", TestEnvironments.host(files)
                .systemProperty("portalgo.config", "/b.properties").environmentVariable("PORTALGO_CONFIG", "/c.properties").build())
                .get("range")).isEqualTo("1000-1999");
        assertThat(PortalgoSettings.load(null, TestEnvironments.host(files)
                .systemProperty("portalgo.config", "/b.properties").environmentVariable("PORTALGO_CONFIG", "/c.properties").build())
                .get("range")).isEqualTo("2000-2999");
        assertThat(PortalgoSettings.load(null, TestEnvironments.host(files)
                .environmentVariable("PORTALGO_CONFIG", "/c.properties").build()).get("range")).isEqualTo("3000-3999");
    }

    @Test
    void aMissingPropertiesFileIsAnErrorNamingWhoAskedForIt() {
        assertThatThrownBy(() -> PortalgoSettings.load(null, TestEnvironments.host()
                .environmentVariable("PORTALGO_CONFIG", "/missing.properties").build()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("portalgo.config=/missing.properties (environment variable PORTALGO_CONFIG): cannot read the "
                        + "properties file (NoSuchFileException: /missing.properties); expected the path of a properties file");
    }

    @Test
    void aPropertiesFileCannotNameAnotherOne() {
        assertThatThrownBy(() -> PortalgoSettings.load(null, TestEnvironments.withPropertiesFile("portalgo.config=/other").build()))
                .hasMessageStartingWith("portalgo.config=/other (properties file " + TestEnvironments.PROPERTIES_FILE
                        + "): a properties file cannot name another one");
    }

    @Test
    void sameKeyInTwoSpellingsOfOneSourceIsRefused() {
        assertThatThrownBy(() -> PortalgoSettings.load("range=1000-2000,portalgo.range=3000-4000", TestEnvironments.host().build()))
                .hasMessage("portalgo.range=3000-4000 (agent argument): set twice; give each property once");
    }

    @Test
    void forTheSameKeySourcePrecedenceDecides() {
        PortalgoSettings settings = PortalgoSettings.load("tcp.algorithm=hash",
                TestEnvironments.host().systemProperty("portalgo.tcp.algorithm", "bsd").build());
        assertThat(settings.algorithm(Protocol.TCP, AddressFamily.INET)).isEqualTo(Algorithm.HASH);
    }

    @Test
    void acrossKeysSpecificityBeatsSourcePrecedence() {
        PortalgoSettings settings = PortalgoSettings.load("algorithm=hash",
                TestEnvironments.host().systemProperty("portalgo.tcp.algorithm", "bsd")
                        .environmentVariable("PORTALGO_UDP_INET6_ALGORITHM", "randinc").build());
        assertThat(settings.algorithm(Protocol.TCP, AddressFamily.INET)).isEqualTo(Algorithm.BSD);
        assertThat(settings.algorithm(Protocol.TCP, AddressFamily.INET6)).isEqualTo(Algorithm.BSD);
        assertThat(settings.algorithm(Protocol.UDP, AddressFamily.INET)).isEqualTo(Algorithm.HASH);
        assertThat(settings.algorithm(Protocol.UDP, AddressFamily.INET6)).isEqualTo(Algorithm.RANDINC);
    }

    @Test
    void scopesResolveMostSpecificFirst() {
        PortalgoSettings settings = PortalgoSettings.load(
                "algorithm=hash,inet6.algorithm=bsd,udp.algorithm=random_start,udp.inet.algorithm=randinc",
                TestEnvironments.host().build());
        // tcp.inet: tcp.inet, tcp, inet unset -> global hash
        assertThat(settings.algorithm(Protocol.TCP, AddressFamily.INET)).isEqualTo(Algorithm.HASH);
        // tcp.inet6: tcp unset -> inet6 bsd
        assertThat(settings.algorithm(Protocol.TCP, AddressFamily.INET6)).isEqualTo(Algorithm.BSD);
        // udp.inet: its own key
        assertThat(settings.algorithm(Protocol.UDP, AddressFamily.INET)).isEqualTo(Algorithm.RANDINC);
        // udp.inet6: the protocol key beats the family key
        assertThat(settings.algorithm(Protocol.UDP, AddressFamily.INET6)).isEqualTo(Algorithm.RANDOM_START);
        assertThat(settings.toMap()).containsEntry("portalgo.tcp.algorithm", "hash")
                .containsEntry("portalgo.inet.algorithm", "hash").containsEntry("portalgo.inet6.algorithm", "bsd");
    }

    @Test
    void builtInAlgorithmsAreDoublehashForTcpAndRandomPickForUdp() {
        PortalgoSettings settings = PortalgoSettings.load(null, TestEnvironments.host().build());
        for (AddressFamily family : AddressFamily.values()) {
            assertThat(settings.algorithm(Protocol.TCP, family)).isEqualTo(Algorithm.DOUBLEHASH);
            assertThat(settings.algorithm(Protocol.UDP, family)).isEqualTo(Algorithm.RANDOM_PICK);
        }
        assertThat(settings.get("algorithm")).isEmpty();
    }

    @Test
    void anEmptyValueAtAHigherSourceUnsetsAnOptionalKey() {
        PortalgoSettings settings = PortalgoSettings.load("algorithm=",
                TestEnvironments.host().systemProperty("portalgo.algorithm", "bsd").build());
        assertThat(settings.algorithm(Protocol.TCP, AddressFamily.INET)).isEqualTo(Algorithm.DOUBLEHASH);
    }

    @Test
    void namesOutsideThePrefixAreNotSettings() {
        PortalgoSettings settings = PortalgoSettings.load(null, TestEnvironments.host()
                .environmentVariable("JAVA25_HOME", "/usr/lib/jvm/x").environmentVariable("JAVA_HOME", "/usr/lib/jvm/y")
                .systemProperty("java.version", "17").systemProperty("portalgo", "x").build());
        assertThat(settings).isEqualTo(PortalgoSettings.load(null, TestEnvironments.host().build()));
    }

    @Test
    void everyNameUnderThePrefixMustBeASettingEvenTheBuildsOldOne() {
        // The build once passed PORTALGO_JAVA25_HOME to its test JVMs and config had to know it; now it is JAVA25_HOME.
        assertThatThrownBy(() -> PortalgoSettings.load(null, TestEnvironments.host()
                .environmentVariable("PORTALGO_JAVA25_HOME", "/usr/lib/jvm/x").systemProperty("portalgo.java25.home", "/x")
                .build()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("portalgo.java25.home=/x (system property): unknown property"
                        + " (no similar name; see the options table in the README)\n"
                        + "PORTALGO_JAVA25_HOME=/usr/lib/jvm/x (environment variable): unknown property"
                        + " (no similar name; see the options table in the README)");
    }

    @Test
    void environmentVariableNamesAreDerivedMechanically() {
        assertThat(Property.TCP_ALGORITHM.envVar()).isEqualTo("PORTALGO_TCP_ALGORITHM");
        assertThat(Property.DOUBLEHASH_TABLE_SIZE.envVar()).isEqualTo("PORTALGO_DOUBLEHASH_TABLE_SIZE");
        for (Property<?> property : Property.all()) {
            assertThat(property.envVar()).isEqualTo(property.key().toUpperCase(java.util.Locale.ROOT).replaceAll("[.-]", "_"));
            assertThat(Property.byEnvVar(property.envVar())).contains(property);
        }
    }

    @Test
    void everyPropertyCanBeSetThroughEverySource() {
        // A value other than the default for each property, so a source that dropped one would show.
        Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put("enabled", "false");
        values.put("algorithm", "bsd");
        values.put("tcp.algorithm", "hash");
        values.put("udp.algorithm", "randinc");
        values.put("inet.algorithm", "random_start");
        values.put("inet6.algorithm", "random_pick");
        values.put("tcp.inet.algorithm", "doublehash");
        values.put("tcp.inet6.algorithm", "bsd");
        values.put("udp.inet.algorithm", "hash");
        values.put("udp.inet6.algorithm", "random_start");
        values.put("rules", "udp:*:53=random_pick");
        values.put("range", "1024-2047");
        values.put("reserved", "1030,1040-1049");
        values.put("listeners", "false");
        values.put("native-transports", "false");
        values.put("tcp.mode", "exclusive");
        values.put("hash", "md5");
        values.put("rekey", "0");
        values.put("doublehash.table-size", "10");
        values.put("doublehash.noise", "0");
        values.put("randinc.n", "3");
        values.put("max-attempts", "2");
        values.put("on-exhaustion", "fail");
        values.put("seed", "6056");
        values.put("log.level", "off");
        values.put("jmx", "false");
        values.put("class-cache", "false");
        values.put("class-cache.dir", "/var/cache/portalgo");
        assertThat(values.keySet()).hasSize(Property.all().size() - 1); // all but portalgo.config
        StringBuilder arguments = new StringBuilder();
        StringBuilder file = new StringBuilder();
        Environment.Builder system = TestEnvironments.host();
        Environment.Builder environment = TestEnvironments.host();
        values.forEach((key, value) -> {
            arguments.append(arguments.length() == 0 ? "" : ",").append(key).append('=').append(value);
            file.append("portalgo.").append(key).append('=').append(value).append('\n');
            system.systemProperty("portalgo." + key, value);
            environment.environmentVariable(Property.byKey(key).orElseThrow().envVar(), value);
        });
        PortalgoSettings fromArguments = PortalgoSettings.load(arguments.toString(), TestEnvironments.host().build());
        PortalgoSettings fromFile = PortalgoSettings.load(null, TestEnvironments.withPropertiesFile(file.toString()).build());
        PortalgoSettings fromSystem = PortalgoSettings.load(null, system.build());
        PortalgoSettings fromEnvironment = PortalgoSettings.load(null, environment.build());
        values.forEach((key, value) -> assertThat(fromArguments.get(key)).as(key).isEqualTo(key.equals("seed") ? "(set)"
                : key.equals("reserved") ? "1030,1040-1049" : value));
        assertThat(fromArguments.seed()).hasValue(6056);
        Map<String, String> expected = new java.util.LinkedHashMap<>(fromArguments.toMap());
        assertThat(fromSystem.toMap()).isEqualTo(expected);
        assertThat(fromEnvironment.toMap()).isEqualTo(expected);
        expected.put("portalgo.config", TestEnvironments.PROPERTIES_FILE);
        assertThat(fromFile.toMap()).isEqualTo(expected);
        assertThat(fromFile.seed()).hasValue(6056);
    }
}
