package io.portalgo.agent.premain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The JDK's tools are told from applications by the module their launcher starts. */
class JdkToolsTest {
    @Test
    void modulesOfTheJdkAreTools() {
        assertThat(JdkTools.isJdkModule("jdk.jcmd")).as("jps, jcmd, jstat, jinfo, jmap, jstack").isTrue();
        assertThat(JdkTools.isJdkModule("jdk.compiler")).as("javac").isTrue();
        assertThat(JdkTools.isJdkModule("jdk.jshell")).isTrue();
        assertThat(JdkTools.isJdkModule("java.base")).as("keytool").isTrue();
    }

    @Test
    void applicationsAreNot() {
        assertThat(JdkTools.isJdkModule(null)).as("a class path application").isFalse();
        assertThat(JdkTools.isJdkModule("com.example.app")).isFalse();
        assertThat(JdkTools.isJdkModule("jdkfoo.app")).isFalse();
        assertThat(JdkTools.running()).as("this test JVM").isFalse();
    }
}
