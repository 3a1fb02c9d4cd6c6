package io.ballast.core.stats;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The average of about the last {@value #SAMPLES} values, as HAProxy computes {@code qtime}, {@code ctime},
 * {@code rtime} and {@code ttime}: a sliding sum that each new value enters while it loses a 1/{@value #SAMPLES}
 * share, so no values are stored. Until {@value #SAMPLES} values were seen the sum is the plain total, which keeps
 * the first averages exact where HAProxy's start low. Also keeps the highest value. Lock-free.
 */
public final class SlidingAverage {

    /** How many recent values the average covers. */
    public static final int SAMPLES = 1024;

    private final AtomicLong sum = new AtomicLong();
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong max = new AtomicLong();

    /** Adds a value (non-negative, in any unit; HAProxy uses milliseconds). */
    public void add(long value) {
        // Once full, the count stays at SAMPLES: no shared increment per value for the rest of the process's life.
        if (count.get() < SAMPLES && count.incrementAndGet() <= SAMPLES) {
            sum.addAndGet(value);
        } else {
            long old;
            long updated;
            do {
                old = sum.get();
                updated = old - (old + SAMPLES - 1) / SAMPLES + value;
            } while (!sum.compareAndSet(old, updated));
        }
        if (value > max.get()) {
            max.accumulateAndGet(value, Math::max);
        }
    }

    /** The average of the recent values, 0 before the first. */
    public long average() {
        long n = Math.min(count.get(), SAMPLES);
        return n == 0 ? 0 : (sum.get() + n / 2) / n;
    }

    /** The highest value since start or the last {@link #clear(boolean)}. */
    public long max() {
        return max.get();
    }

    /**
     * @param all whether to forget the average too ({@code clear counters all}), or only the maximum
     *            ({@code clear counters})
     */
    public void clear(boolean all) {
        max.set(0);
        if (all) {
            sum.set(0);
            count.set(0);
        }
    }
}
