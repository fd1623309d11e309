package io.portalgo.examples.isolation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

/**
 * How far a JVM's connections move the port the kernel gives <em>another</em> process: an
 * observer (no agent) takes one port from the kernel for a server, the JVM under test makes
 * {@code k} connections (or datagrams) to the same server, the observer takes a second port.
 * Linux's connect-time autobind ({@code __inet_hash_connect}) starts its search at a per-flow
 * hash plus an entry of a host-wide perturbation table, and moves that entry by the ports it
 * tried plus 0-7 random steps after every autobind; so the observer's second port minus its
 * first (modulo the range size) is its own step (2 to 16) plus whatever the JVM's connections
 * added. Every trial also takes a baseline pair with nothing in between, interleaved with the
 * loaded pair, so both samples meet the same background traffic.
 */
public final class Leakage {
    /** One configuration of the JVM under test. */
    public record Subject(String label, String mode, String algorithm) {
        public static Subject kernel() {
            return new Subject("kernel (no agent)", null, null);
        }

        public boolean underAgent() {
            return mode != null;
        }

        /** The agent arguments; {@code mode=default} leaves {@code portalgo.tcp.mode} unset. */
        public String agentArguments(String range) {
            return "algorithm=" + algorithm + ",range=" + range
                    + (mode.equals("default") ? "" : ",tcp.mode=" + mode);
        }
    }

    /** Where observer and subject run and what they exchange. */
    public record Setting(String protocol, String family, String scope) {
        public String label() {
            return protocol + " " + family + ", " + scope;
        }
    }

    /** The observer's port moves, with and without the subject's traffic in between. */
    public record Result(Setting setting, Subject subject, int[] loaded, int[] baseline, int connectErrors) {
        public double medianLoaded() {
            return median(loaded);
        }

        public double medianBaseline() {
            return median(baseline);
        }

        /** Two-sided Mann-Whitney U p-value, loaded against baseline. */
        public double pValue() {
            return new MannWhitneyUTest().mannWhitneyUTest(toDouble(loaded), toDouble(baseline));
        }

        public int min() {
            return Arrays.stream(loaded).min().orElse(0);
        }

        public int max() {
            return Arrays.stream(loaded).max().orElse(0);
        }
    }

    /** Everything a run needs to start its processes. */
    public record Launch(Path java, String classPath, Path agentJar, int rangeMin, int rangeMax) {
        String range() {
            return rangeMin + "-" + rangeMax;
        }

        int rangeSize() {
            return rangeMax - rangeMin + 1;
        }
    }

    /**
     * A server port drawn per run from 20000-29999, outside the ephemeral range: Linux's
     * perturbation table is one for the whole host, so two runs at once (another build, another
     * namespace) on the same addresses and port would move each other's observer.
     */
    private static int serverPort() {
        return 20_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000);
    }

    private Leakage() {
    }

    /**
     * All subjects in one setting. {@code namespaces} null runs on this host's loopback (scope
     * "host"); otherwise scope "same namespace" runs both in one fresh namespace and
     * "two namespaces" the subject in a second one, with its own server on the same address
     * and port.
     */
    public static List<Result> run(Launch launch, Setting setting, List<Subject> subjects, int trials, int k,
            Namespaces namespaces) throws IOException {
        String address = namespaces == null ? (setting.family().equals("inet") ? "127.0.0.1" : "::1")
                : (setting.family().equals("inet") ? Namespaces.INET : Namespaces.INET6);
        String observerNamespace = null;
        String subjectNamespace = null;
        if (namespaces != null) {
            observerNamespace = namespaces.create("obs");
            subjectNamespace = setting.scope().equals("two namespaces") ? namespaces.create("sub") : observerNamespace;
        }
        List<Result> results = new ArrayList<>();
        try (Peer observer = Peer.start("observer", launch.java(), launch.classPath(), null, null, observerNamespace)) {
            int port = observer.askInt("serve " + address + " " + (namespaces == null ? 0 : serverPort()), 30);
            String target = address + " " + port;
            for (Subject subject : subjects) {
                try (Peer peer = Peer.start(subject.label(), launch.java(), launch.classPath(),
                        subject.underAgent() ? launch.agentJar() : null,
                        subject.underAgent() ? subject.agentArguments(launch.range()) : null, subjectNamespace)) {
                    if (subjectNamespace != null && !subjectNamespace.equals(observerNamespace)) {
                        peer.askInt("serve " + address + " " + port, 30);
                    }
                    String traffic = (setting.protocol().equals("tcp") ? "connect " : "send ") + target + " " + k;
                    String probe = "probe " + setting.protocol() + " " + target;
                    peer.ask(traffic, 120); // warm-up: class loading and the agent's first transforms
                    int[] loaded = new int[trials];
                    int[] baseline = new int[trials];
                    int errors = 0;
                    for (int t = 0; t < trials; t++) {
                        int before = observer.askInt(probe, 30);
                        int after = observer.askInt(probe, 30);
                        baseline[t] = Math.floorMod(after - before, launch.rangeSize());
                        before = observer.askInt(probe, 30);
                        errors += peer.askInt(traffic, 120);
                        after = observer.askInt(probe, 30);
                        loaded[t] = Math.floorMod(after - before, launch.rangeSize());
                    }
                    results.add(new Result(setting, subject, loaded, baseline, errors));
                }
            }
        } finally {
            if (namespaces != null) {
                namespaces.delete(observerNamespace);
                namespaces.delete(subjectNamespace);
            }
        }
        return results;
    }

    static double median(int[] values) {
        int[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    private static double[] toDouble(int[] values) {
        return Arrays.stream(values).asDoubleStream().toArray();
    }
}
