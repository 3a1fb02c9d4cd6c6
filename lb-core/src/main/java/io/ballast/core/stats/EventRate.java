package io.ballast.core.stats;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Events per second over a sliding second, as HAProxy's frequency counters compute it: the events of the current
 * second plus those of the previous second weighted by the part of it still inside the window. Also keeps the
 * highest count of one second. Lock-free: a period turns over with one compare-and-set.
 */
public final class EventRate {

    private static final long SECOND = 1_000_000_000L;

    private final LongSupplier clock;
    /** Start of the current period, in clock nanoseconds. */
    private final AtomicLong periodStart;
    private final AtomicLong current = new AtomicLong();
    private volatile long previous;
    private final AtomicLong max = new AtomicLong();

    /** @param clock nanoseconds, as {@link System#nanoTime()} */
    public EventRate(LongSupplier clock) {
        this.clock = clock;
        this.periodStart = new AtomicLong(clock.getAsLong());
    }

    /**
     * Counts one event at {@code now}, a reading of this rate's clock taken by the caller. The highest rate follows the
     * count of the current second, as HAProxy's {@code update_freq_ctr()} result feeds its {@code *_max} counters: no
     * division on the request path.
     */
    public void increment(long now) {
        turnOver(now);
        long count = current.incrementAndGet();
        if (count > max.get()) {
            max.accumulateAndGet(count, Math::max);
        }
    }

    /** Events per second now. */
    public long perSecond() {
        long now = clock.getAsLong();
        turnOver(now);
        return rate(now);
    }

    /** The highest rate seen since start or the last {@link #clearMax()}. */
    public long max() {
        return max.get();
    }

    /** Forgets the highest rate ({@code clear counters}). */
    public void clearMax() {
        max.set(0);
    }

    private long rate(long now) {
        long elapsed = Math.min(SECOND, Math.max(0, now - periodStart.get()));
        return current.get() + (previous * (SECOND - elapsed) + SECOND - 1) / SECOND;
    }

    private void turnOver(long now) {
        long start = periodStart.get();
        long elapsed = now - start;
        if (elapsed < SECOND) {
            return;
        }
        long newStart = now - elapsed % SECOND;
        if (periodStart.compareAndSet(start, newStart)) {
            long ended = current.getAndSet(0);
            // Events of the period that just ended count as "previous" only if it was the last full second.
            previous = elapsed < 2 * SECOND ? ended : 0;
        }
    }
}
