package io.portalgo.agent.installer;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalgo.agent.javabase.advice.DatagramBindAdvice;
import io.portalgo.agent.javabase.advice.ListenerBindAdvice;
import io.portalgo.agent.javabase.advice.NetBindAdvice;
import io.portalgo.agent.javabase.advice.NetConnectAdvice;
import io.portalgo.agent.javabase.advice.NetLocalAddressAdvice;
import io.portalgo.agent.javabase.advice.SocketImplBindAdvice;
import io.portalgo.agent.javabase.advice.TcpConnectAdvice;
import io.portalgo.agent.javabase.advice.UdpFirstArgumentAdvice;
import io.portalgo.agent.javabase.advice.UdpSendAdvice;
import org.junit.jupiter.api.Test;

/** The plain-string names and shortcuts the start-up path uses instead of loading classes or probing. */
class StartupPathTest {
    @Test
    void theShapingClassesAreNamedExactlyAsTheClassesThatShapeTheAdvice() throws Exception {
        assertThat(AdvisedClasses.SHAPING_CLASSES).containsExactly(JdkAdviceWeaver.class.getName(), Remapped.TEMPLATE,
                NetBindAdvice.class.getName(), NetConnectAdvice.class.getName(), TcpConnectAdvice.class.getName(),
                UdpSendAdvice.class.getName(), UdpFirstArgumentAdvice.class.getName(), DatagramBindAdvice.class.getName(),
                NetLocalAddressAdvice.class.getName(), ListenerBindAdvice.class.getName(),
                SocketImplBindAdvice.class.getName());
        for (String name : AdvisedClasses.SHAPING_CLASSES) {
            assertThat(TransformCache.resourceBytes(name)).isNotEmpty();
        }
        assertThat(JdkAdviceWeaver.TARGETS).isSameAs(AdvisedClasses.TARGETS);
    }

    @Test
    void theCLibrarySpeaksEnglishInTheCPosixAndEnglishLocalesOnly() {
        assertThat(FailureTexts.speaksEnglish(FailureTexts.messagesLocale(null, null, null))).isTrue();
        assertThat(FailureTexts.speaksEnglish(FailureTexts.messagesLocale("", "", "C.UTF-8"))).isTrue();
        assertThat(FailureTexts.speaksEnglish(FailureTexts.messagesLocale(null, null, "POSIX"))).isTrue();
        assertThat(FailureTexts.speaksEnglish(FailureTexts.messagesLocale(null, null, "en_US.UTF-8"))).isTrue();
        assertThat(FailureTexts.speaksEnglish(FailureTexts.messagesLocale(null, null, "fr_FR.UTF-8"))).isFalse();
        assertThat(FailureTexts.speaksEnglish(FailureTexts.messagesLocale(null, "de_DE.UTF-8", "en_US.UTF-8")))
                .as("LC_MESSAGES beats LANG").isFalse();
        assertThat(FailureTexts.speaksEnglish(FailureTexts.messagesLocale("C", "de_DE.UTF-8", "de_DE.UTF-8")))
                .as("LC_ALL beats both").isTrue();
    }

    @Test
    void cachedBytesOfAnotherClassFileVersionAreAMiss() {
        byte[] java17 = {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe, 0, 0, 0, 61, 1};
        byte[] same = {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe, 0, 0, 0, 61, 2, 3};
        byte[] java25 = {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe, 0, 0, 0, 69, 1};
        assertThat(JdkAdviceTransformer.sameClassFileVersion(same, java17)).isTrue();
        assertThat(JdkAdviceTransformer.sameClassFileVersion(java25, java17)).isFalse();
        assertThat(JdkAdviceTransformer.sameClassFileVersion(new byte[] {1, 2}, java17)).isFalse();
    }
}
