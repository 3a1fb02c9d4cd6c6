package io.ballast.core.stats;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UpDownHistoryTest {

    private static final long S = 1_000_000_000L;

    @Test
    void accumulatesDowntimeAcrossDownPeriods() {
        AtomicLong now = new AtomicLong(100 * S);
        UpDownHistory history = new UpDownHistory(now::get, false);
        now.addAndGet(10 * S);
        history.changed(true);
        now.addAndGet(4 * S);
        history.changed(false);
        now.addAndGet(20 * S);
        history.changed(true);
        now.addAndGet(3 * S);
        assertEquals(7, history.downtimeSeconds());
        assertEquals(2, history.transitionsToDown());
        assertEquals(3, history.secondsSinceChange());
    }

    @Test
    void startingDownCountsDowntimeButNoTransition() {
        AtomicLong now = new AtomicLong(0);
        UpDownHistory history = new UpDownHistory(now::get, true);
        now.addAndGet(5 * S);
        assertEquals(5, history.downtimeSeconds());
        assertEquals(0, history.transitionsToDown());
    }

    @Test
    void aBackendsLastChangeMovesOnlyWhenItGoesUpOrDown() {
        AtomicLong now = new AtomicLong(0);
        UpDownHistory history = new UpDownHistory(now::get, false);
        now.addAndGet(9 * S);
        history.wentUpOrDown(false); // a server changed, the backend is still up
        assertEquals(9, history.secondsSinceChange());
        history.wentUpOrDown(true);
        assertEquals(0, history.secondsSinceChange());
        assertEquals(1, history.transitionsToDown());
    }
}
