package io.portalgo.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalgo.algorithms.PortSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentArgumentsTest {
    @Test
    void aCommaSeparatesPairsOnlyBeforeAKeyAndEquals() {
        assertThat(AgentArguments.parse("reserved=1,2-4,10,algorithm=hash")).containsExactly(
                Map.entry("reserved", "1,2-4,10"), Map.entry("algorithm", "hash"));
    }

    @Test
    void rulesKeepTheirEqualsSignsAndSemicolons() {
        assertThat(AgentArguments.parse("rules=udp:*:53=random_pick;tcp:[2001:db8::/32]:443=hash,range=40000-44999"))
                .containsExactly(Map.entry("rules", "udp:*:53=random_pick;tcp:[2001:db8::/32]:443=hash"),
                        Map.entry("range", "40000-44999"));
    }

    @Test
    void keysMayCarryThePrefixAndBlanksAreDropped() {
        assertThat(AgentArguments.parse(" portalgo.tcp.mode = pin , doublehash.table-size= 256 ")).containsExactly(
                Map.entry("portalgo.tcp.mode", "pin"), Map.entry("doublehash.table-size", "256"));
    }

    @Test
    void nothingGivesNoPairs() {
        assertThat(AgentArguments.parse(null)).isEmpty();
        assertThat(AgentArguments.parse("   ")).isEmpty();
    }

    @Test
    void anEmptyValueIsAValue() {
        assertThat(AgentArguments.parse("reserved=,algorithm=bsd")).containsExactly(
                Map.entry("reserved", ""), Map.entry("algorithm", "bsd"));
    }

    @Test
    void textThatIsNoPairIsRefused() {
        assertThatThrownBy(() -> AgentArguments.parse("debug"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'debug' (agent argument): expected key=value pairs separated by commas, e.g. "
                        + "algorithm=hash,range=40000-44999");
        assertThatThrownBy(() -> AgentArguments.parse("=bsd")).hasMessageStartingWith("'=bsd' (agent argument)");
    }

    @Test
    void aListAndAFollowingPairLoadAsIntended() {
        PortalgoSettings settings = PortalgoSettings.load("range=1000-1099,reserved=1000,1002-1004,1099,max-attempts=3",
                TestEnvironments.host().build());
        assertThat(settings.selectorSettings().reserved()).isEqualTo(PortSet.of(1000, 1002, 1003, 1004, 1099));
        assertThat(settings.maxAttempts()).isEqualTo(3);
        assertThat(settings.selectorSettings().usablePorts()).isEqualTo(95);
    }

    @Test
    void aMistypedKeyAfterACommaIsReportedNotSwallowedByTheList() {
        assertThatThrownBy(() -> PortalgoSettings.load("reserved=1,2,algoritm=hash", TestEnvironments.host().build()))
                .hasMessage("portalgo.algoritm=hash (agent argument): unknown property; did you mean portalgo.algorithm?");
    }

    @Test
    void severalProblemsAreReportedTogetherOneLineEachInRegistryOrder() {
        ConfigException error = (ConfigException) org.assertj.core.api.Assertions.catchThrowable(() -> PortalgoSettings.load(
                "range=70000-80000,tcp.mode=pinn,rekey=5",
                TestEnvironments.host().environmentVariable("PORTALGO_LISTENERS", "maybe").build()));
        assertThat(error.problems()).containsExactly(
                "portalgo.range=70000-80000 (agent argument): expected min-max with 1 <= min <= max <= 65535",
                "portalgo.listeners=maybe (environment variable PORTALGO_LISTENERS): expected true or false",
                "portalgo.tcp.mode=pinn (agent argument): expected one of auto, pin, share, exclusive (did you mean pin?)",
                "portalgo.rekey=5 (agent argument): expected a duration with a unit like 500ms, 10s, 2m, 1h, 1d (at most 30d), "
                        + "or 0 for never");
        assertThat(error.getMessage()).isEqualTo(String.join("\n", error.problems()));
    }

    @Test
    void liveSettingsAcceptTheSameSyntax() {
        LiveSettings live = new LiveSettings(PortalgoSettings.load(null, TestEnvironments.host().build()));
        live.applyArguments("reserved=40000,40002,range=40000-40002", Source.AGENT_ARGUMENT);
        assertThat(live.current().selectorSettings().usablePorts()).isEqualTo(1);
        assertThat(live.current().origin(Property.RANGE)).hasToString("agent argument");
        assertThat(List.copyOf(AgentArguments.parse("a=1"))).hasSize(1);
    }
}
