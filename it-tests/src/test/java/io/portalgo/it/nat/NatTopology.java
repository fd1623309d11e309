package io.portalgo.it.nat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Two hosts behind a port-preserving NAT and a server outside, as network namespaces of this
 * machine (RFC 6056 §4's setting), in documentation address ranges:
 * <pre>
 *   host1 192.0.2.11 --\
 *                       br0 192.0.2.1 [nat: nftables masquerade] 203.0.113.1 ---- 203.0.113.2 server
 *   host2 192.0.2.12 --/
 * </pre>
 * Linux's masquerade keeps a connection's source port when that 5-tuple is free on the outside
 * and picks another one when it is not, so two hosts that choose the same port for the same
 * server collide, and the server sees a remapped port. Needs root, iproute2 and nftables. Every
 * namespace is removed on {@link #close()}.
 */
public final class NatTopology implements AutoCloseable {
    public static final String SERVER_ADDRESS = "203.0.113.2";

    private final String prefix;
    private final String masquerade;
    private final List<String> namespaces = new ArrayList<>();

    private NatTopology(String prefix, String masquerade) {
        this.prefix = prefix + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
        this.masquerade = masquerade;
    }

    /** Why this machine cannot build the topology, or null if it can. */
    public static String missingPrerequisite() {
        try {
            if (!run(List.of("id", "-u")).trim().equals("0")) {
                return "not root";
            }
            run(List.of("ip", "netns", "list"));
            run(List.of("nft", "--version"));
            return null;
        } catch (IOException | RuntimeException e) {
            return e.getMessage();
        }
    }

    public static NatTopology create() throws IOException {
        return create("pg", "masquerade");
    }

    /**
     * The topology with namespaces named {@code <prefix><4 hex digits>-...} and the NAT rule
     * {@code masquerade} as nftables writes it: {@code masquerade} keeps a free source port,
     * {@code masquerade fully-random} (iptables' {@code --random-fully}) gives every connection a random one.
     */
    public static NatTopology create(String prefix, String masquerade) throws IOException {
        NatTopology topology = new NatTopology(prefix, masquerade);
        try {
            topology.build();
            return topology;
        } catch (IOException | RuntimeException e) {
            topology.close();
            throw e;
        }
    }

    public String host(int index) {
        return prefix + "-h" + index;
    }

    public String server() {
        return prefix + "-srv";
    }

    private String nat() {
        return prefix + "-nat";
    }

    private void build() throws IOException {
        for (String name : List.of(host(1), host(2), nat(), server())) {
            run(List.of("ip", "netns", "add", name));
            namespaces.add(name);
            in(name, "ip", "link", "set", "lo", "up");
        }
        in(nat(), "ip", "link", "add", "br0", "type", "bridge");
        in(nat(), "ip", "addr", "add", "192.0.2.1/24", "dev", "br0");
        in(nat(), "ip", "link", "set", "br0", "up");
        for (int index = 1; index <= 2; index++) {
            String veth = prefix + "v" + index;
            link(veth, host(index), "eth0", nat(), "h" + index);
            in(nat(), "ip", "link", "set", "h" + index, "master", "br0");
            in(host(index), "ip", "addr", "add", "192.0.2.1" + index + "/24", "dev", "eth0");
            in(host(index), "ip", "route", "add", "default", "via", "192.0.2.1");
        }
        link(prefix + "vo", nat(), "out", server(), "eth0");
        in(nat(), "ip", "addr", "add", "203.0.113.1/24", "dev", "out");
        in(server(), "ip", "addr", "add", SERVER_ADDRESS + "/24", "dev", "eth0");
        in(nat(), "sh", "-c", "echo 1 > /proc/sys/net/ipv4/ip_forward");
        in(nat(), "nft", "add table ip portalgo_nat; "
                + "add chain ip portalgo_nat postrouting { type nat hook postrouting priority srcnat; policy accept; }; "
                + "add rule ip portalgo_nat postrouting oifname \"out\" " + masquerade);
    }

    /** A veth pair with one end in each namespace, both up. */
    private void link(String name, String namespaceA, String nameA, String namespaceB, String nameB) throws IOException {
        run(List.of("ip", "link", "add", name + "a", "type", "veth", "peer", "name", name + "b"));
        run(List.of("ip", "link", "set", name + "a", "netns", namespaceA));
        run(List.of("ip", "link", "set", name + "b", "netns", namespaceB));
        in(namespaceA, "ip", "link", "set", name + "a", "name", nameA);
        in(namespaceB, "ip", "link", "set", name + "b", "name", nameB);
        in(namespaceA, "ip", "link", "set", nameA, "up");
        in(namespaceB, "ip", "link", "set", nameB, "up");
    }

    /** {@code command} prefixed so it runs inside {@code namespace}. */
    public static List<String> inNamespace(String namespace, List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(command);
        return full;
    }

    private static void in(String namespace, String... command) throws IOException {
        run(inNamespace(namespace, List.of(command)));
    }

    private static String run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + process.exitValue() + "): "
                    + output.trim().toLowerCase(Locale.ROOT));
        }
        return output;
    }

    @Override
    public void close() {
        for (String name : namespaces) {
            try {
                run(List.of("ip", "netns", "delete", name));
            } catch (IOException ignored) {
                // best effort: the namespace may be half made
            }
        }
        namespaces.clear();
    }
}
