package io.portalgo.examples.isolation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The other side of isolation: how often a JVM meets a taken 4-tuple to one busy server, and what
 * the application sees. Each subject gets a fresh network namespace (no TIME-WAIT left over from
 * the one before) holding a server (no agent) on {@value Namespaces#INET} (a port drawn per run), which is not a loopback
 * address, so Linux's {@code tcp_tw_reuse=2} does not let a connect take over a TIME-WAIT 4-tuple:
 * a remote server's case. The subject then connects at rising rates, each connection held
 * {@code hold} ms and closed by the client (so the client keeps the TIME-WAIT, 60 s), then, in a
 * second fresh namespace, opens {@code open} connections at once.
 */
public final class Clashes {
    /** One load step: connections per second for that many seconds. */
    public record Step(int perSecond, int seconds) {
    }

    /** What the application saw in one step. */
    public record Outcome(Leakage.Subject subject, String step, int attempts, int errors, String detail) {
    }

    /**
     * A server port drawn per run from 20000-29999, outside the ephemeral range: Linux's
     * perturbation table is one for the whole host, so two runs at once (another build, another
     * namespace) on the same addresses and port would move each other's observer.
     */
    private static int serverPort() {
        return 20_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000);
    }

    private Clashes() {
    }

    public static List<Outcome> run(Leakage.Launch launch, Leakage.Subject subject, List<Step> steps, int holdMillis,
            int open, Namespaces namespaces) throws IOException {
        List<Outcome> outcomes = new ArrayList<>();
        int serverPort = serverPort();
        String target = Namespaces.INET + " " + serverPort;
        String namespace = namespaces.create("load");
        try (Peer server = Peer.start("server", launch.java(), launch.classPath(), null, null, namespace);
                Peer peer = start(launch, subject, namespace)) {
            server.askInt("serve " + Namespaces.INET + " " + serverPort, 30);
            for (Step step : steps) {
                String answer = peer.ask("load " + target + " " + step.perSecond() + " " + step.seconds() + " " + holdMillis,
                        step.seconds() * 20L + 60);
                outcomes.add(outcome(subject, step.perSecond() + "/s", answer));
            }
        } finally {
            namespaces.delete(namespace);
        }
        if (open > 0) {
            namespace = namespaces.create("open");
            try (Peer server = Peer.start("server", launch.java(), launch.classPath(), null, null, namespace);
                    Peer peer = start(launch, subject, namespace)) {
                server.askInt("serve " + Namespaces.INET + " " + serverPort, 30);
                outcomes.add(outcome(subject, open + " open", peer.ask("open " + target + " " + open, 300)));
            } finally {
                namespaces.delete(namespace);
            }
        }
        return outcomes;
    }

    private static Peer start(Leakage.Launch launch, Leakage.Subject subject, String namespace) throws IOException {
        return Peer.start(subject.label(), launch.java(), launch.classPath(), subject.underAgent() ? launch.agentJar() : null,
                subject.underAgent() ? subject.agentArguments(launch.range()) : null, namespace);
    }

    /** {@code <attempts> <errors> [kind=count ...] [seconds=...]}. */
    private static Outcome outcome(Leakage.Subject subject, String step, String answer) {
        String[] words = answer.split(" ");
        StringBuilder detail = new StringBuilder();
        for (int i = 2; i < words.length; i++) {
            detail.append(i > 2 ? " " : "").append(words[i]);
        }
        return new Outcome(subject, step, Integer.parseInt(words[0]), Integer.parseInt(words[1]), detail.toString());
    }
}
