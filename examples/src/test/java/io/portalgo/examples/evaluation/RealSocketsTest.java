package io.portalgo.examples.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The real-socket workload in a child JVM without the agent, and the refusal without an agent jar. */
class RealSocketsTest {
    @Test
    void childJvmReportsOneLoopbackPortPerConnectionAndDatagram() throws Exception {
        RealSockets.Observed observed = RealSockets.run("kernel", null, null, 50, 60);

        assertThat(observed.tcp()).hasSize(50).doesNotContain(0);
        assertThat(observed.udp()).hasSize(50).doesNotContain(0);
    }

    @Test
    void refusesWithAClearMessageWhenTheAgentJarIsMissing() {
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        int exit;
        try {
            System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new Evaluate()).execute("real", "--agent-jar", "no/such/portalgo-agent.jar");
        } finally {
            System.setErr(saved);
        }

        assertThat(exit).isEqualTo(2);
        assertThat(errors.toString(StandardCharsets.UTF_8)).contains("no agent jar at").contains("mvn -B -q -pl agent -am package");
    }
}
