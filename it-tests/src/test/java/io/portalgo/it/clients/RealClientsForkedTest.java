package io.portalgo.it.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.portalgo.it.ForkedJvm;
import io.portalgo.it.Jdk;
import io.portalgo.it.Prerequisites;
import io.portalgo.it.Run;
import java.io.File;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;

/**
 * Real clients, unchanged, each against a real server this test starts, in a forked JVM under the
 * agent with {@code bsd} in a range of its own: the JDK's {@code HttpClient} against the JDK's
 * HTTP server, the PostgreSQL JDBC driver against a real PostgreSQL, dnsjava against a local UDP
 * responder. Each works, and its ports as the server sees them count down (RFC 6056 §2.2: bsd's
 * sequence, steps of 1 to 3 where another program holds a port).
 */
class RealClientsForkedTest {
    private static final int RANGE_SIZE = 200;
    private static final int COUNT = 8;

    static Stream<Jdk> jdks() {
        return Jdk.all().stream();
    }

    private static int freshRangeStart() {
        return ThreadLocalRandom.current().nextInt(40_000, 60_000 - RANGE_SIZE);
    }

    private static ForkedJvm client(Jdk jdk, int start) {
        ForkedJvm jvm = ForkedJvm.on(jdk).agentArguments("algorithm=bsd,listeners=false,range=" + start + "-" + (start + RANGE_SIZE - 1));
        for (String entry : System.getProperty("it.client.classpath", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                jvm.classPathEntry(Path.of(entry));
            }
        }
        return jvm;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void jdkHttpClientAgainstTheJdkHttpServer(Jdk jdk) throws Exception {
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", exchange -> {
            seen.add(exchange.getRemoteAddress().getPort());
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Connection", "close");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            int start = freshRangeStart();
            Run run = client(jdk, start).run(HttpClientApp.class, "http://127.0.0.1:" + server.getAddress().getPort() + "/", "" + COUNT);
            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(run.results()).hasSize(COUNT).allSatisfy(result -> assertThat(result.get("status")).isEqualTo("200"));
            System.out.println("HttpClient " + jdk + ", bsd in " + start + "-" + (start + RANGE_SIZE - 1) + ": server saw ports " + seen);
            assertCountsDown(seen, start);
        } finally {
            server.stop(0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void dnsjavaAgainstALocalResponder(Jdk jdk) throws Exception {
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        try (DatagramSocket responder = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Thread answering = new Thread(() -> answer(responder, seen), "dns-responder");
            answering.setDaemon(true);
            answering.start();
            int start = freshRangeStart();
            Run run = client(jdk, start).jvmOption("-Ddnsjava.udp.ephemeral.use_ephemeral_port=true")
                    .run(DnsjavaApp.class, Integer.toString(responder.getLocalPort()), "" + COUNT);
            assertThat(run.exitCode()).as(run.describe()).isZero();
            assertThat(run.results()).hasSize(COUNT).allSatisfy(result -> assertThat(result.get("answer")).isEqualTo("192.0.2.53"));
            System.out.println("dnsjava " + jdk + ", bsd in " + start + "-" + (start + RANGE_SIZE - 1) + ": responder saw ports " + seen);
            assertCountsDown(seen, start);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void postgresqlJdbcAgainstARealPostgresql(Jdk jdk) throws Exception {
        Prerequisites.require("PostgreSQL", PostgresCluster.missingPrerequisite());
        try (PostgresCluster cluster = PostgresCluster.start()) {
            int start = freshRangeStart();
            Run run = client(jdk, start).run(JdbcApp.class, cluster.jdbcUrl(), "" + COUNT);
            assertThat(run.exitCode()).as(run.describe()).isZero();
            List<Integer> seen = run.results().stream().map(result -> Integer.parseInt(result.get("seen"))).toList();
            System.out.println("PostgreSQL JDBC " + jdk + ", bsd in " + start + "-" + (start + RANGE_SIZE - 1)
                    + ": pg_stat_activity.client_port " + seen);
            assertThat(seen).hasSize(COUNT);
            assertCountsDown(seen, start);
        }
    }

    /** Every port in the range, each 1 to 3 below the one before (wrapping from the bottom to the top). */
    private static void assertCountsDown(List<Integer> ports, int start) {
        assertThat(ports).hasSize(COUNT).allMatch(port -> port >= start && port < start + RANGE_SIZE);
        for (int i = 1; i < ports.size(); i++) {
            int step = Math.floorMod(ports.get(i - 1) - ports.get(i), RANGE_SIZE);
            assertThat(step).as("bsd's descending sequence %s", ports).isBetween(1, 3);
        }
    }

    /** Answers every A query with 192.0.2.53, noting the source port it came from. */
    private static void answer(DatagramSocket responder, List<Integer> seen) {
        byte[] buffer = new byte[512];
        while (!responder.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                responder.receive(packet);
                seen.add(packet.getPort());
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                Message response = new Message(query.getHeader().getID());
                response.getHeader().setFlag(Flags.QR);
                response.addRecord(query.getQuestion(), Section.QUESTION);
                response.addRecord(new ARecord(query.getQuestion().getName(), DClass.IN, 60, InetAddress.getByName("192.0.2.53")),
                        Section.ANSWER);
                byte[] wire = response.toWire();
                responder.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (SocketException closed) {
                return;
            } catch (java.io.IOException e) {
                System.out.println("responder: " + e);
            }
        }
    }
}
