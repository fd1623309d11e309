package io.portalgo.algorithms;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The one daemon thread, {@code portalgo-epoch}, that advances every {@link EpochClock#ticking}
 * epoch at its boundary: it parks until the earliest next boundary of the epochs it serves, then
 * publishes each one's new epoch. Started on the first registration. It holds the epochs weakly,
 * so an epoch whose selector is gone is dropped at the next wake-up, and with none left it parks
 * until the next registration.
 */
final class EpochTicker implements Runnable {
    static final EpochTicker INSTANCE = new EpochTicker();
    static final String THREAD_NAME = "portalgo-epoch";

    private final List<WeakReference<EpochClock.Ticking>> epochs = new ArrayList<>();
    private Thread thread;

    private EpochTicker() {
    }

    /** Serves {@code epoch} from now on; false if the thread cannot be started (the caller then reads the clock). */
    synchronized boolean register(EpochClock.Ticking epoch) {
        epochs.add(new WeakReference<>(epoch));
        if (thread == null) {
            try {
                // Often started inside an application's first connect: inherit none of its
                // thread-locals and hold no reference to its class loader.
                Thread started = new Thread(null, this, THREAD_NAME, 0, false);
                started.setContextClassLoader(null);
                started.setDaemon(true);
                started.start();
                thread = started;
            } catch (RuntimeException | Error refused) {
                epochs.remove(epochs.size() - 1);
                return false;
            }
        } else {
            LockSupport.unpark(thread); // it may be parked for a later boundary than this epoch's
        }
        return true;
    }

    @Override
    public void run() {
        while (true) {
            long nanos = System.nanoTime();
            long nextBoundaryMillis = advanceAll(Math.floorDiv(nanos, 1_000_000L));
            if (nextBoundaryMillis == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                // floorDiv(nanos, 10^6) < boundary, so this is positive; an early wake-up just loops.
                LockSupport.parkNanos(this, Math.multiplyExact(nextBoundaryMillis, 1_000_000L) - nanos);
            }
        }
    }

    private synchronized long advanceAll(long nowMillis) {
        long next = Long.MAX_VALUE;
        for (Iterator<WeakReference<EpochClock.Ticking>> it = epochs.iterator(); it.hasNext(); ) {
            EpochClock.Ticking epoch = it.next().get();
            if (epoch == null) {
                it.remove();
            } else {
                next = Math.min(next, epoch.advanceTo(nowMillis));
            }
        }
        return next;
    }
}
