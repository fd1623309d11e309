package io.portalgo.agent.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The cache-miss path: each JDK target woven from this JDK's own bytes, as the transformer does it. */
class JdkAdviceWeaverTest {
    private static final String DISPATCHER = "sun/nio/ch/PortalgoDispatch";

    @Test
    void everyTargetOfThisJdkGetsAdviceThatCallsTheDispatcher() throws IOException {
        JdkAdviceWeaver weaver = new JdkAdviceWeaver();
        for (String target : JdkAdviceWeaver.TARGETS) {
            byte[] original = jdkBytes(target);
            byte[] woven = weaver.weave(target, original);

            assertThat(new String(original, StandardCharsets.ISO_8859_1)).as(target).doesNotContain(DISPATCHER);
            assertThat(new String(woven, StandardCharsets.ISO_8859_1)).as(target).contains(DISPATCHER)
                    .doesNotContain("io/portalgo/agent/javabase/PortalgoDispatch");
            assertThat(JdkAdviceTransformer.sameClassFileVersion(woven, original)).as(target).isTrue();
        }
    }

    @Test
    void aClassThatGetsNoAdviceIsRefused() throws IOException {
        assertThatThrownBy(() -> new JdkAdviceWeaver().weave("java.lang.String", jdkBytes("java.lang.String")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTransformerWeavesOnAMissAndLeavesEverythingElseAlone() throws IOException {
        Set<String> targets = new HashSet<>(JdkAdviceWeaver.TARGETS);
        JdkAdviceTransformer transformer = new JdkAdviceTransformer(null, targets);
        byte[] hooks = jdkBytes(AdvisedClasses.NET_HOOKS);

        assertThat(transformer.transform(null, null, "java/lang/String", null, null, jdkBytes("java.lang.String")))
                .isNull();
        assertThat(transformer.transform(null, getClass().getClassLoader(), "sun/net/NetHooks", null, null, hooks))
                .as("a class of that name from another loader").isNull();
        assertThat(transformer.transform(null, null, "sun/net/NetHooks", null, null, hooks)).isNotNull();
        assertThat(transformer.advised()).containsExactly(AdvisedClasses.NET_HOOKS);
        assertThat(transformer.allFromCache()).isFalse();
        assertThat(transformer.problems()).isEmpty();
    }

    private static byte[] jdkBytes(String className) throws IOException {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(className.replace('.', '/') + ".class")) {
            assertThat(in).as(className).isNotNull();
            return in.readAllBytes();
        }
    }
}
