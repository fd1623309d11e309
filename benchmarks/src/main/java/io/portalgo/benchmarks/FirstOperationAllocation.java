package io.portalgo.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * What the agent allocates once per thread: the bytes a new thread allocates in its first and second
 * operation of each {@link SubstitutionBenchmark} body (after the main thread has warmed the code
 * up), from {@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}. The first operation
 * makes the thread's state (call context, search, cursor, flow); from then on the per-operation
 * figures of {@code SubstitutionBenchmark} apply. With a virtual thread per connection the first
 * figure is paid per connection. Arguments: algorithm (default {@code doublehash}); 1,024
 * destinations, so the second operation meets a new peer.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.portalgo.benchmarks.FirstOperationAllocation doublehash</pre>
 */
public final class FirstOperationAllocation {
    private static final int WARM_UP = 200_000;
    private static final String[] OPERATIONS = {"tcpPinnedConnect", "tcpSharedConnect", "udpImplicitBind"};

    private FirstOperationAllocation() {
    }

    public static void main(String[] args) throws Exception {
        String algorithm = args.length > 0 ? args[0] : "doublehash";
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        System.out.println("| family | operation | first on a new thread (B) | second (B) |");
        System.out.println("|---|---|---:|---:|");
        for (String family : new String[] {"inet", "inet6"}) {
            SubstitutionBenchmark benchmark = new SubstitutionBenchmark();
            benchmark.algorithm = algorithm;
            benchmark.family = family;
            benchmark.destinations = 1024;
            benchmark.setUp();
            for (int i = 0; i < WARM_UP; i++) {
                for (String operation : OPERATIONS) {
                    run(benchmark, operation);
                }
            }
            for (String operation : OPERATIONS) {
                long[] bytes = new long[2];
                Thread thread = new Thread(() -> {
                    long id = Thread.currentThread().getId();
                    long start = threads.getThreadAllocatedBytes(id);
                    long reading = threads.getThreadAllocatedBytes(id) - start; // what a reading itself costs
                    long before = threads.getThreadAllocatedBytes(id);
                    run(benchmark, operation);
                    long afterFirst = threads.getThreadAllocatedBytes(id);
                    run(benchmark, operation);
                    long afterSecond = threads.getThreadAllocatedBytes(id);
                    bytes[0] = afterFirst - before - reading;
                    bytes[1] = afterSecond - afterFirst - reading;
                });
                thread.start();
                thread.join();
                System.out.println(String.format(Locale.ROOT, "| %s | %s | %d | %d |", family, operation, bytes[0], bytes[1]));
            }
        }
        System.out.println();
        System.out.println("algorithm " + algorithm + ", JDK " + Runtime.version());
    }

    private static void run(SubstitutionBenchmark benchmark, String operation) {
        try {
            switch (operation) {
                case "tcpPinnedConnect":
                    benchmark.tcpPinnedConnect();
                    break;
                case "tcpSharedConnect":
                    benchmark.tcpSharedConnect();
                    break;
                default:
                    benchmark.udpImplicitBind();
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
