package io.ballast.core.stats;

import java.util.function.LongSupplier;

/**
 * When a server or backend last changed state, how long it has been down in total and how often it went down: the
 * {@code lastchg}, {@code downtime} and {@code chkdown} stats columns.
 */
public final class UpDownHistory {

    private final LongSupplier clock;
    private long lastChange;
    private long downSince;
    private boolean down;
    private long downtimeNanos;
    private long transitionsToDown;

    /**
     * @param clock       nanoseconds, as {@link System#nanoTime()}
     * @param initialDown whether it starts down
     */
    public UpDownHistory(LongSupplier clock, boolean initialDown) {
        this.clock = clock;
        this.lastChange = clock.getAsLong();
        this.down = initialDown;
        this.downSince = lastChange;
    }

    /**
     * Records a change of state (a server's: UP to DRAIN counts for {@code lastchg} too); the downtime and the
     * transitions only follow changes between up and down.
     */
    public synchronized void changed(boolean nowDown) {
        lastChange = clock.getAsLong();
        if (nowDown == down) {
            return;
        }
        down = nowDown;
        if (nowDown) {
            downSince = lastChange;
            transitionsToDown++;
        } else {
            downtimeNanos += lastChange - downSince;
        }
    }

    /**
     * Forgets how often it went down ({@code chkdown}), as HAProxy's {@code clear counters all} does; the time of the
     * last change and the downtime stay.
     */
    public synchronized void clearTransitions() {
        transitionsToDown = 0;
    }

    /** Records the state only when it goes from up to down or back (a backend's, whose other changes do not count). */
    public synchronized void wentUpOrDown(boolean nowDown) {
        if (nowDown != down) {
            changed(nowDown);
        }
    }

    /** Seconds since the last change of state (or since start). */
    public synchronized long secondsSinceChange() {
        return (clock.getAsLong() - lastChange) / 1_000_000_000L;
    }

    /** Seconds spent down in total, including the current down period. */
    public synchronized long downtimeSeconds() {
        long total = downtimeNanos + (down ? clock.getAsLong() - downSince : 0);
        return total / 1_000_000_000L;
    }

    /** How many times it went from up to down. */
    public synchronized long transitionsToDown() {
        return transitionsToDown;
    }
}
