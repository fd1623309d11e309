package io.portalgo.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalgo.it.Run.Allocation;
import io.portalgo.it.Run.Result;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The output of one {@link io.portalgo.it.app.AlgorithmRun}, checked against the agent's debug
 * lines: every socket's {@code getLocalPort()} is the port the agent chose for it, in the same
 * order, by the expected algorithm and mechanism, to the right destination, inside the range and
 * never reserved. What is left are the connections and datagram sockets, in order.
 */
final class AlgorithmRunCheck {
    /** One TCP connection: its destination (A or B), port, and the candidates the agent probed. */
    record Connection(String destination, int port, int probes) {
    }

    private final List<Connection> connections = new ArrayList<>();
    private final List<Integer> udpPorts = new ArrayList<>();

    private AlgorithmRunCheck() {
    }

    static AlgorithmRunCheck of(Run run, PortSpace space, String tcpAlgorithm, String udpAlgorithm) {
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stderr()).as("start-up line").anyMatch(line -> line.startsWith("[portalgo] portalgo ")
                && line.contains(" active (") && line.contains("mode=auto(share+retry:isolates)"));
        Map<String, String> serverPorts = new HashMap<>();
        List<Result> tcpResults = new ArrayList<>();
        List<Result> udpResults = new ArrayList<>();
        for (Result result : run.results()) {
            switch (result.get("kind")) {
                case "server" -> serverPorts.put(result.get("name"), result.get("port"));
                case "tcp" -> tcpResults.add(result);
                case "udp" -> udpResults.add(result);
                default -> throw new AssertionError("unexpected " + result);
            }
        }
        List<Allocation> tcp = run.allocations().stream().filter(allocation -> allocation.protocol.equals("tcp")).toList();
        List<Allocation> udp = run.allocations().stream().filter(allocation -> allocation.protocol.equals("udp")).toList();
        assertThat(tcp).as("one TCP allocation per connection, no other (listeners=false)").hasSize(tcpResults.size());
        assertThat(udp).as("one UDP allocation per bind(null)").hasSize(udpResults.size());

        AlgorithmRunCheck check = new AlgorithmRunCheck();
        for (int i = 0; i < tcp.size(); i++) {
            Allocation chosen = tcp.get(i);
            Result result = tcpResults.get(i);
            String destination = result.get("dest");
            assertThat(result.port()).as("connection %d: getLocalPort() is the agent's port", i).isEqualTo(chosen.port);
            assertThat(chosen.algorithm).as("connection %d", i).isEqualTo(tcpAlgorithm);
            assertThat(chosen.via).as("connection %d", i).isEqualTo("share");
            assertThat(chosen.destination).as("connection %d", i).isEqualTo("127.0.0.1:" + serverPorts.get(destination));
            assertThat(space.isUsable(chosen.port)).as("connection %d: port %d in %s", i, chosen.port, space).isTrue();
            check.connections.add(new Connection(destination, chosen.port, chosen.probes));
        }
        for (int i = 0; i < udp.size(); i++) {
            Allocation chosen = udp.get(i);
            assertThat(udpResults.get(i).port()).as("UDP socket %d: getLocalPort() is the agent's port", i).isEqualTo(chosen.port);
            assertThat(chosen.algorithm).as("UDP socket %d", i).isEqualTo(udpAlgorithm);
            assertThat(chosen.via).as("UDP socket %d", i).isEqualTo("bind");
            assertThat(space.isUsable(chosen.port)).as("UDP socket %d: port %d in %s", i, chosen.port, space).isTrue();
            check.udpPorts.add(chosen.port);
        }
        return check;
    }

    List<Connection> connections() {
        return connections;
    }

    List<Connection> connectionsTo(String destination) {
        return connections.stream().filter(connection -> connection.destination().equals(destination)).toList();
    }

    List<Integer> udpPorts() {
        return udpPorts;
    }
}
