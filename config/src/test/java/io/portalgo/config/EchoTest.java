package io.portalgo.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exact text of escaped echoes and of the refusals that carry them. */
class EchoTest {
    @Test
    void invisibleCharactersAreEscapedAndVisibleOnesKept() {
        assertThat(Echo.of("bsd\u0001")).isEqualTo("bsd\\x01");
        assertThat(Echo.of("a\tb\nc\rd")).isEqualTo("a\\tb\\nc\\rd");
        assertThat(Echo.of("\u0000\u001b\u007f\u0085\u009f")).isEqualTo("\\x00\\x1b\\x7f\\x85\\x9f");
        assertThat(Echo.of("bsd\u2028x\u2029")).isEqualTo("bsd\\u2028x\\u2029");
        assertThat(Echo.of("\u00a0bsd\u200b\u202e")).isEqualTo("\\u00a0bsd\\u200b\\u202e");
        assertThat(Echo.of("\ud800x")).isEqualTo("\\ud800x");
        assertThat(Echo.of("ｂｓｄ bsd\u00e9 \ud83d\ude00 C:\\x")).isEqualTo("ｂｓｄ bsd\u00e9 \ud83d\ude00 C:\\x");
    }

    @Test
    void aLongTextShowsItsFirst64CharactersAndItsLength() {
        assertThat(Echo.of("a".repeat(64))).isEqualTo("a".repeat(64));
        assertThat(Echo.of("a".repeat(10_240))).isEqualTo("a".repeat(64) + "... (10240 characters)");
        assertThat(Echo.of("\n".repeat(100))).isEqualTo("\\n".repeat(64) + "... (100 characters)");
        // A surrogate pair is never cut in half.
        assertThat(Echo.of("a".repeat(63) + "\ud83d\ude00" + "b".repeat(10))).isEqualTo("a".repeat(63) + "... (75 characters)");
    }

    @Test
    void onlyAsciiSpacesAndTabsAreTrimmed() {
        assertThat(InputText.trimmed(" \t bsd\t ")).isEqualTo("bsd");
        assertThat(InputText.trimmed("\u00a0bsd\u0001")).isEqualTo("\u00a0bsd\u0001");
        assertThat(InputText.forbiddenReason("bsd\u0001")).isEqualTo("holds the control character \\x01 at position 4");
        assertThat(InputText.forbiddenReason("bsd\u2028")).isEqualTo("holds the line separator \\u2028 at position 4");
        assertThat(InputText.forbiddenReason("bsd\u00e9")).isNull();
    }

    @Test
    void namesAreCaseInsensitiveInAsciiOnly() {
        assertThat(InputText.sameName("PIN", "pin")).isTrue();
        assertThat(InputText.sameName("p\u0131n", "pin")).isFalse();
        assertThat(InputText.sameName("\u017fhare", "share")).isFalse();
        assertThat(Property.byKey("RE\u212aEY")).isEmpty();
        assertThat(Property.byKey(" Rekey\t")).contains(Property.REKEY);
    }

    @Test
    void refusalsEchoTheValueEscapedOnOneLine() {
        assertThatThrownBy(() -> PortalgoSettings.load("algorithm=bsd\u0001", TestEnvironments.host().build()))
                .hasMessage("portalgo.algorithm=bsd\\x01 (agent argument): holds the control character \\x01 at position 4; "
                        + "expected one of bsd, random_start, random_pick, hash, doublehash, randinc, or nothing to unset");
        assertThatThrownBy(() -> PortalgoSettings.load(null, TestEnvironments.host()
                .systemProperty("portalgo.log.level", "info\n[portalgo] error: forged").build()))
                .hasMessage("portalgo.log.level=info\\n[portalgo] error: forged (system property): holds the control character "
                        + "\\n at position 5; expected one of off, error, warn, info, debug");
        assertThatThrownBy(() -> PortalgoSettings.load(null, TestEnvironments.withPropertiesFile("tcp.mode=pin\u0000\n").build()))
                .hasMessage("portalgo.tcp.mode=pin\\x00 (properties file /test/etc/portalgo.properties): holds the control "
                        + "character \\x00 at position 4; expected one of auto, pin, share, exclusive");
        assertThatThrownBy(() -> PortalgoSettings.load("seed=42\u0001", TestEnvironments.host().build()))
                .hasMessage("portalgo.seed=(hidden) (agent argument): holds a control character or line separator; "
                        + "expected a decimal 64-bit integer, or nothing to unset");
        assertThatThrownBy(() -> PortalgoSettings.load("rekey=" + "9".repeat(10_240), TestEnvironments.host().build()))
                .hasMessage("portalgo.rekey=" + "9".repeat(64) + "... (10240 characters) (agent argument): expected a duration "
                        + "with a unit like 500ms, 10s, 2m, 1h, 1d (at most 30d), or 0 for never");
    }

    @Test
    void aRefusedLiveChangeKeepsTheSettingsAndSaysWhyOnOneLine() {
        LiveSettings live = new LiveSettings(PortalgoSettings.load("range=40000-44999", TestEnvironments.host().build()));
        PortalgoSettings before = live.current();
        assertThatThrownBy(() -> live.apply(Map.of("tcp.algorithm", "bsd", "range", "40000-40009\u2028"), Source.LIVE))
                .hasMessage("portalgo.range=40000-40009\\u2028 (live change): holds the line separator \\u2028 at position 12; "
                        + "expected min-max with 1 <= min <= max <= 65535");
        assertThat(live.current()).isSameAs(before);
        assertThatThrownBy(() -> live.applyArguments("algorithm=bsd,algorithm=hash", Source.LIVE))
                .hasMessage("portalgo.algorithm=hash (live change): set twice; give each property once");
        assertThat(live.current()).isSameAs(before);
    }
}
