package io.portalgo.it.reliability;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Steady load for live changes: {@code threads} threads connect to a loopback server one
 * connection after another (closed with a reset) until standard input says {@code stop}. Every
 * connect is recorded: its start (microseconds since the epoch, the clock the test driving the
 * changes reads too), its latency in microseconds and the local port it got, or -1 with the
 * failure printed as {@code FAILURE <epoch-us> <exception>} on standard error. Prints
 * {@code ready <pid>} first; at the end writes the records to {@code file} (int64 start,
 * int64 latency, int32 port each) and prints {@code RESULT connects=.. failed=..}.
 */
public final class LiveLoadApp {
    private LiveLoadApp() {
    }

    /** One thread's records, in three growing arrays. */
    private static final class Records {
        long[] starts = new long[1 << 16];
        long[] latencies = new long[1 << 16];
        int[] ports = new int[1 << 16];
        int size;

        void add(long start, long latency, int port) {
            if (size == starts.length) {
                starts = java.util.Arrays.copyOf(starts, size * 2);
                latencies = java.util.Arrays.copyOf(latencies, size * 2);
                ports = java.util.Arrays.copyOf(ports, size * 2);
            }
            starts[size] = start;
            latencies[size] = latency;
            ports[size] = port;
            size++;
        }
    }

    static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        String file = args[1];
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        Thread acceptor = new Thread(() -> {
            while (true) {
                try (Socket accepted = server.accept()) {
                    // closed plainly; the client resets
                } catch (IOException e) {
                    return;
                }
            }
        }, "acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Records> all = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Records records = new Records();
            all.add(records);
            Thread worker = new Thread(() -> {
                while (running.get()) {
                    long start = epochMicros();
                    long startNanos = System.nanoTime();
                    int port;
                    try (Socket socket = new Socket()) {
                        socket.connect(server.getLocalSocketAddress(), 10_000);
                        port = socket.getLocalPort();
                        socket.setSoLinger(true, 0);
                    } catch (IOException | RuntimeException e) {
                        port = -1;
                        System.err.println("FAILURE " + start + " " + String.valueOf(e).replace('\n', ' '));
                    }
                    records.add(start, (System.nanoTime() - startNanos) / 1_000, port);
                }
            }, "connector-" + t);
            workers.add(worker);
        }
        workers.forEach(Thread::start);
        System.out.println("ready " + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.equals("stop"); line = in.readLine()) {
            // only stop matters
        }
        running.set(false);
        for (Thread worker : workers) {
            worker.join();
        }
        long connects = 0;
        long failed = 0;
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(file), 1 << 16))) {
            for (Records records : all) {
                for (int i = 0; i < records.size; i++) {
                    out.writeLong(records.starts[i]);
                    out.writeLong(records.latencies[i]);
                    out.writeInt(records.ports[i]);
                    connects++;
                    if (records.ports[i] < 0) {
                        failed++;
                    }
                }
            }
        }
        System.out.println("RESULT connects=" + connects + " failed=" + failed);
        System.exit(0);
    }
}
