package io.portalgo.it.reliability;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An ordinary program under load: {@code threads} threads each make {@code connects} TCP
 * connections to a loopback server (each closed by the client with a reset, so no TIME_WAIT piles up), then
 * {@code sends} datagrams go out, each from a fresh unbound {@code DatagramChannel}. Prints
 * {@code RESULT tcp-ok=.. tcp-failed=.. udp-ok=.. udp-failed=..} and the agent's counters for the
 * workload alone (after minus before), and the first failure of each kind on standard error.
 */
public final class LoadApp {
    private LoadApp() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int connects = Integer.parseInt(args[1]);
        int sends = Integer.parseInt(args[2]);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(loopback, 0), 4096);
        Thread acceptor = new Thread(() -> {
            while (true) {
                try (Socket accepted = server.accept()) {
                    // closed plainly: a reset from here could reach the client before its connect returns
                } catch (IOException e) {
                    return;
                }
            }
        }, "acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        DatagramChannel receiver = DatagramChannel.open().bind(new InetSocketAddress(loopback, 0));
        InetSocketAddress udpTarget = (InetSocketAddress) receiver.getLocalAddress();

        Map<String, Long> before = AgentCounters.read();
        AtomicLong tcpOk = new AtomicLong();
        AtomicLong tcpFailed = new AtomicLong();
        AtomicLong tcpSlow = new AtomicLong();
        AtomicLong tcpMaxMicros = new AtomicLong();
        Map<String, String> firstFailures = new ConcurrentHashMap<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                for (int i = 0; i < connects; i++) {
                    long start = System.nanoTime();
                    try (Socket socket = new Socket()) {
                        socket.connect(server.getLocalSocketAddress(), 10_000);
                        long micros = (System.nanoTime() - start) / 1_000;
                        tcpMaxMicros.accumulateAndGet(micros, Math::max);
                        if (micros > 100_000) {
                            tcpSlow.incrementAndGet();
                        }
                        socket.setSoLinger(true, 0);
                        tcpOk.incrementAndGet();
                    } catch (IOException | RuntimeException e) {
                        tcpFailed.incrementAndGet();
                        firstFailures.putIfAbsent("tcp " + e.getClass().getName(), String.valueOf(e.getMessage()));
                    }
                }
            }, "connector-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        long udpOk = 0;
        long udpFailed = 0;
        ByteBuffer payload = ByteBuffer.allocate(1);
        for (int i = 0; i < sends; i++) {
            try (DatagramChannel channel = DatagramChannel.open()) {
                payload.clear();
                channel.send(payload, udpTarget);
                udpOk++;
            } catch (IOException | RuntimeException e) {
                udpFailed++;
                firstFailures.putIfAbsent("udp " + e.getClass().getName(), String.valueOf(e.getMessage()));
            }
        }
        Map<String, Long> after = AgentCounters.read();
        firstFailures.forEach((kind, message) -> System.err.println("FAILURE " + kind + ": " + message));
        System.out.println("RESULT tcp-ok=" + tcpOk + " tcp-failed=" + tcpFailed + " tcp-slower-than-100ms=" + tcpSlow + " tcp-max-us=" + tcpMaxMicros + " udp-ok=" + udpOk + " udp-failed=" + udpFailed
                + " agent=" + !after.isEmpty() + AgentCounters.delta(before, after));
        System.exit(0);
    }
}
