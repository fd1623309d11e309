package io.portalgo.it.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalgo.it.ForkedJvm;
import io.portalgo.it.Jdk;
import io.portalgo.it.Prerequisites;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Monitoring: a JVM under portalgo and the Prometheus JMX exporter's Java agent (from Maven
 * Central) with the rules file the README documents ({@code docs/prometheus/portalgo.yml}). The
 * workload moves every counter: in a range of 3 ports, 4 TCP connections held open ({@code bsd})
 * and 5 UDP sockets ({@code random_pick}): 3 allocations each and the rest exhausted, falling
 * back to the kernel. Scraping {@code /metrics} on loopback finds each counter per protocol and
 * algorithm with exactly those numbers.
 */
class PrometheusExporterForkedTest {
    private static final Path EXPORTER = Path.of(System.getProperty("it.jmx.exporter.jar", "target/agents/jmx_prometheus_javaagent.jar"));
    private static final Path RULES = Path.of(System.getProperty("it.prometheus.rules", "../docs/prometheus/portalgo.yml"));

    static Stream<Jdk> jdks() {
        return Jdk.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theExporterShowsEveryCounterPerProtocolAndAlgorithm(Jdk jdk) throws Exception {
        Prerequisites.require("the Prometheus JMX exporter agent (copied by the it-tests build)",
                Files.isRegularFile(EXPORTER) ? null : "no " + EXPORTER);
        int port;
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            port = probe.getLocalPort();
        }
        int start = ThreadLocalRandom.current().nextInt(40_000, 60_000);
        Process app = ForkedJvm.on(jdk)
                .agentArguments("tcp.algorithm=bsd,udp.algorithm=random_pick,listeners=false,tcp.mode=exclusive,range=" + start + "-"
                        + (start + 2))
                .jvmOption("-javaagent:" + EXPORTER.toAbsolutePath() + "=127.0.0.1:" + port + ":" + RULES.toAbsolutePath())
                .processBuilder(MonitoredApp.class, "4", "5").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String result = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(result).isEqualTo("RESULT tcp-ok=4 udp-ok=5");
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
            Map<String, Double> portalgo = new LinkedHashMap<>();
            metrics.lines().filter(line -> line.startsWith("portalgo_")).forEach(line -> {
                int space = line.lastIndexOf(' ');
                portalgo.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            });
            System.out.println("Prometheus " + jdk + ": " + portalgo.size() + " portalgo samples, e.g. "
                    + portalgo.entrySet().stream().filter(entry -> entry.getValue() > 0).toList());

            assertThat(portalgo.get(sample("allocations", "tcp", "bsd"))).isEqualTo(3.0);
            assertThat(portalgo.get(sample("exhaustions", "tcp", "bsd"))).isEqualTo(1.0);
            assertThat(portalgo.get(sample("kernel_fallbacks", "tcp", "bsd"))).isEqualTo(1.0);
            assertThat(portalgo.get(sample("retries", "tcp", "bsd"))).isPositive();
            assertThat(portalgo.get(sample("probes", "tcp", "bsd")))
                    .isEqualTo(portalgo.get(sample("allocations", "tcp", "bsd")) + portalgo.get(sample("retries", "tcp", "bsd")));
            assertThat(portalgo.get(sample("allocations", "udp", "random_pick"))).isEqualTo(3.0);
            assertThat(portalgo.get(sample("exhaustions", "udp", "random_pick"))).isEqualTo(2.0);
            assertThat(portalgo.get(sample("kernel_fallbacks", "udp", "random_pick"))).isEqualTo(2.0);
            assertThat(portalgo.get(sample("internal_errors", "udp", "random_pick"))).isZero();
            assertThat(portalgo.get(sample("allocations", "udp", "bsd"))).as("a row with nothing counted is still there").isZero();
            assertThat(portalgo.keySet().stream().filter(name -> name.startsWith("portalgo_allocations_total{")).count())
                    .as("every protocol and algorithm").isEqualTo(12);
            assertThat(portalgo.get("portalgo_all_allocations_total")).isEqualTo(6.0);
        } finally {
            app.getOutputStream().close();
            if (!app.waitFor(10, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    private static String sample(String counter, String protocol, String algorithm) {
        return "portalgo_" + counter + "_total{algorithm=\"" + algorithm + "\",protocol=\"" + protocol + "\"}";
    }
}
