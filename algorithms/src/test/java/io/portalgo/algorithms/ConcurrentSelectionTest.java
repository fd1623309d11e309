package io.portalgo.algorithms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many threads allocating through one selector at once (a selector is thread-safe without a global
 * lock). A lost or doubled counter update changes which ports are handed out, so each test
 * compares the multiset of ports from 8 threads x 10,000 allocations with the same number of
 * sequential allocations on a fresh selector. Nothing here measures time; the bounded wait only
 * keeps a deadlock from hanging the build.
 */
class ConcurrentSelectionTest {
    private static final int THREADS = 8;
    private static final int PER_THREAD = 10_000;
    private static final int TOTAL = THREADS * PER_THREAD;
    /** n = 100 divides 80,000: every port exactly 800 times for the counter algorithms. */
    private static final PortRange RANGE = PortRange.of(40000, 40099);

    private ExecutorService pool;

    @BeforeEach
    void startPool() {
        pool = Executors.newFixedThreadPool(THREADS);
    }

    private void freshPool() {
        pool.shutdownNow();
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void bsdHandsOutEveryPortEquallyOften() throws Exception {
        assertEachPortEquallyOften(() -> Algorithm.BSD.create(settings().build(), Entropy.seeded(1)));
    }

    @Test
    void hashToOneDestinationHandsOutEveryPortEquallyOften() throws Exception {
        assertEachPortEquallyOften(() -> Algorithm.HASH.create(settings().rekeyMillis(0).build(), Entropy.seeded(2)));
    }

    @Test
    void doublehashWithOneCounterAndNoNoiseHandsOutEveryPortEquallyOften() throws Exception {
        assertEachPortEquallyOften(() -> Algorithm.DOUBLEHASH.create(
                settings().rekeyMillis(0).tableSize(1).noise(0).build(), Entropy.seeded(3)));
    }

    @Test
    void randomPickAndRandomStartConsumeEachThreadsSeededStreamExactlyOnce() throws Exception {
        // CounterModeRandom gives each thread its own stream (the s-th thread to draw gets stream
        // s) and hands out each output to exactly one draw. Every thread makes 10,000 allocations,
        // so the multiset of draws, and with it of ports, is that of 8 threads run one after
        // another, however the threads interleave.
        for (Algorithm algorithm : new Algorithm[] {Algorithm.RANDOM_PICK, Algorithm.RANDOM_START}) {
            freshPool(); // one new thread per task, so each thread makes exactly 10,000 allocations
            Supplier<PortSelector> fresh = () -> algorithm.create(settings().build(), Entropy.seeded(4, () -> 0L));
            assertThat(concurrentCounts(fresh.get())).as(algorithm.id()).isEqualTo(threadAfterThreadCounts(fresh.get()));
        }
    }

    @Test
    void randincLosesNoStep() throws Exception {
        // The counter ends at start + the sum of all steps, whatever the order; each thread draws
        // its steps from its own stream, so the first candidate after 8 threads x 10,000
        // concurrent allocations equals the one after the same threads run one after another.
        Supplier<PortSelector> fresh = () -> Algorithm.RANDINC.create(settings().build(), Entropy.seeded(5, () -> 0L));
        PortSelector concurrent = fresh.get();
        concurrentCounts(concurrent);
        PortSelector sequential = fresh.get();
        threadAfterThreadCounts(sequential);
        assertThat(concurrent.open(Fixtures.TCP_A).next()).isEqualTo(sequential.open(Fixtures.TCP_A).next());
    }

    @Test
    void concurrentAllocationsWithBusyPortsReturnOnlyFreeUsablePorts() {
        // Half the ports permanently busy, every algorithm, flows in several buckets. Coverage in
        // n candidates is promised only without concurrent allocations (Algorithm.coversRange),
        // so an exhaustion is allowed here; a port that is busy or outside the range is not.
        for (Algorithm algorithm : Algorithm.values()) {
            PortSelector selector = algorithm.create(settings().tableSize(4).build(), Entropy.seeded(6));
            List<Integer> wrong = runConcurrently(selector, port -> port % 2 == 0, 2_000);
            assertThat(wrong).as(algorithm.id()).isEmpty();
        }
    }

    private void assertEachPortEquallyOften(Supplier<PortSelector> fresh) throws Exception {
        int[] concurrent = concurrentCounts(fresh.get());
        int[] sequential = sequentialCounts(fresh.get());
        assertThat(concurrent).isEqualTo(sequential);
        int[] expected = new int[65536];
        Arrays.fill(expected, RANGE.min(), RANGE.max() + 1, TOTAL / RANGE.size());
        assertThat(concurrent).isEqualTo(expected);
    }

    private int[] concurrentCounts(PortSelector selector) throws Exception {
        int[][] perThread = new int[THREADS][65536];
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(THREADS);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int[] counts = perThread[t];
            Flow flow = Fixtures.TCP_A;
            futures.add(pool.submit(() -> {
                try {
                    start.await();
                    for (int k = 0; k < PER_THREAD; k++) {
                        counts[selector.select(flow, port -> true).port()]++;
                    }
                } finally {
                    done.countDown();
                }
                return null;
            }));
        }
        start.countDown();
        await().atMost(Duration.ofMinutes(2)).until(() -> done.getCount() == 0);
        for (Future<?> future : futures) {
            future.get(); // rethrows anything a thread threw
        }
        int[] total = new int[65536];
        for (int[] counts : perThread) {
            for (int port = 0; port < total.length; port++) {
                total[port] += counts[port];
            }
        }
        return total;
    }

    /** Ports handed out that fail {@code test} or lie outside the range. */
    private List<Integer> runConcurrently(PortSelector selector, SuitablePort test, int perThread) {
        List<List<Integer>> wrong = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            List<Integer> mine = new ArrayList<>();
            wrong.add(mine);
            Flow flow = Fixtures.mixedFlows().get(t % Fixtures.mixedFlows().size());
            futures.add(pool.submit(() -> {
                start.await();
                for (int k = 0; k < perThread; k++) {
                    Selection selection = selector.select(flow, test);
                    if (selection.isFound() && !(test.isSuitable(selection.port()) && RANGE.contains(selection.port()))) {
                        mine.add(selection.port());
                    }
                }
                return null;
            }));
        }
        start.countDown();
        await().atMost(Duration.ofMinutes(2)).until(() -> futures.stream().allMatch(Future::isDone));
        List<Integer> all = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            try {
                futures.get(t).get();
            } catch (Exception e) {
                throw new AssertionError("allocating thread failed", e);
            }
            all.addAll(wrong.get(t));
        }
        return all;
    }

    /** {@link #concurrentCounts} with the threads one after another: 8 fresh threads, each joined before the next. */
    private static int[] threadAfterThreadCounts(PortSelector selector) throws InterruptedException {
        int[] counts = new int[65536];
        for (int t = 0; t < THREADS; t++) {
            Thread thread = new Thread(() -> {
                for (int k = 0; k < PER_THREAD; k++) {
                    counts[selector.select(Fixtures.TCP_A, port -> true).port()]++;
                }
            });
            thread.start();
            thread.join(120_000);
            assertThat(thread.isAlive()).isFalse();
        }
        return counts;
    }

    private static int[] sequentialCounts(PortSelector selector) {
        int[] counts = new int[65536];
        for (int k = 0; k < TOTAL; k++) {
            counts[selector.select(Fixtures.TCP_A, port -> true).port()]++;
        }
        return counts;
    }

    private static SelectorSettings.Builder settings() {
        return SelectorSettings.builder().range(RANGE);
    }
}
