package io.portalgo.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalgo.algorithms.PortRange;
import io.portalgo.algorithms.PortSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostDefaultsTest {
    /**
     * On this Linux machine the default range is the kernel's. The oracle is {@code sysctl}, a
     * different reader than ours; on a host without procfs the test is skipped, except under
     * CI=true where a missing prerequisite is a failure.
     */
    @Test
    void onLinuxTheDefaultRangeIsTheKernelsEphemeralRange() throws Exception {
        boolean linux = Files.isReadable(Path.of(Environment.LINUX_PORT_RANGE));
        if (!linux) {
            assertThat(System.getenv("CI")).as("CI=true needs Linux procfs for this test").isNotEqualTo("true");
            Assumptions.abort("not Linux: " + Environment.LINUX_PORT_RANGE + " is not readable");
        }
        String[] kernel = run("sysctl", "-n", "net.ipv4.ip_local_port_range").trim().split("\\s+");
        PortRange expected = PortRange.of(Integer.parseInt(kernel[0]), Integer.parseInt(kernel[1]));

        PortalgoSettings settings = PortalgoSettings.defaults();

        assertThat(settings.selectorSettings().range()).isEqualTo(expected);
        assertThat(settings.origin(Property.RANGE)).hasToString("default from /proc/sys/net/ipv4/ip_local_port_range");
        String reserved = run("sysctl", "-n", "net.ipv4.ip_local_reserved_ports").trim();
        assertThat(settings.get("reserved")).isEqualTo(Values.PORT_LIST.format(Values.PORT_LIST.parse(reserved)));
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
        return output;
    }

    @Test
    void hostFilesAreReadFromTheInjectedPaths(@TempDir Path directory) throws IOException {
        Path range = Files.writeString(directory.resolve("range"), "1024\t4999\n");
        Path reserved = Files.writeString(directory.resolve("reserved"), "1024-1030,4000\n");
        PortalgoSettings settings = PortalgoSettings.load(null,
                Environment.builder().portRangeFile(range).reservedPortsFile(reserved).build());
        assertThat(settings.selectorSettings().range()).isEqualTo(PortRange.of(1024, 4999));
        assertThat(settings.selectorSettings().reserved()).isEqualTo(PortSet.builder().addRange(1024, 1030).add(4000).build());
        assertThat(settings.origin(Property.RESERVED)).hasToString("default from " + reserved);
    }

    @Test
    void withoutHostFilesTheDefaultsAreTheIanaRangeAndNothingReserved() {
        PortalgoSettings settings = PortalgoSettings.load(null, TestEnvironments.notLinux().build());
        assertThat(settings.selectorSettings().range()).isEqualTo(PortRange.of(49152, 65535));
        assertThat(settings.selectorSettings().reserved().isEmpty()).isTrue();
        assertThat(settings.origin(Property.RANGE)).hasToString("default");
    }

    @Test
    void unexpectedHostContentFallsBackToo() {
        for (String content : new String[] {"", "32768", "60999 32768", "0 100", "a b", "32768 60999 1"}) {
            PortalgoSettings settings = PortalgoSettings.load(null,
                    TestEnvironments.host(Map.of(TestEnvironments.RANGE_FILE.toString(), content,
                            TestEnvironments.RESERVED_FILE.toString(), "bad")).build());
            assertThat(settings.selectorSettings().range()).as(content).isEqualTo(PortRange.IANA_DYNAMIC);
            assertThat(settings.selectorSettings().reserved().isEmpty()).isTrue();
        }
    }

    @Test
    void theProcfsFileIsReadAsAStream() throws IOException {
        Assumptions.assumeTrue(Files.isReadable(Path.of(Environment.LINUX_PORT_RANGE)) || "true".equals(System.getenv("CI")),
                "not Linux");
        // procfs reports size 0, so a reader that trusts the size gets too little; the stream gets every byte.
        String content = Environment.readStream(Path.of(Environment.LINUX_PORT_RANGE));
        assertThat(content).matches("\\d+\\s+\\d+\\s*");
        assertThat(Files.size(Path.of(Environment.LINUX_PORT_RANGE))).isZero();
    }
}
