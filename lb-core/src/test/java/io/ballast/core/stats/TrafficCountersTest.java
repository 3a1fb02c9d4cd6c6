package io.ballast.core.stats;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TrafficCountersTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private final TrafficCounters counters = new TrafficCounters(now::get);

    @Test
    void responsesAreCountedByStatusClass() {
        counters.responded(200);
        counters.responded(204);
        counters.responded(503);
        counters.responded(99);
        counters.responded(600);
        assertEquals(2, counters.get(Counter.RESPONSES_2XX));
        assertEquals(1, counters.get(Counter.RESPONSES_5XX));
        assertEquals(2, counters.get(Counter.RESPONSES_OTHER));
    }

    @Test
    void sessionsKeepTheirHighestConcurrencyAndTheTimeOfTheLast() {
        assertEquals(-1, counters.secondsSinceLastSession());
        counters.sessionStarted(now.get());
        counters.sessionStarted(now.get());
        counters.sessionEnded();
        now.addAndGet(3_000_000_000L);
        assertEquals(1, counters.currentSessions());
        assertEquals(2, counters.maxSessions());
        assertEquals(2, counters.get(Counter.SESSIONS));
        assertEquals(3, counters.secondsSinceLastSession());
    }

    @Test
    void clearCountersResetsMaximaAndClearAllResetsCounts() {
        counters.sessionStarted(5, now.get());
        counters.add(Counter.BYTES_IN, 1234);
        counters.observeQueue(9);
        counters.clear(false);
        assertEquals(0, counters.maxSessions());
        assertEquals(0, counters.maxQueued());
        assertEquals(1234, counters.get(Counter.BYTES_IN));
        counters.clear(true);
        assertEquals(0, counters.get(Counter.BYTES_IN));
        assertEquals(0, counters.get(Counter.SESSIONS));
        assertEquals(-1, counters.secondsSinceLastSession());
    }

    @Test
    void timingsFeedTheirAveragesAndMaxima() {
        counters.timings(0, 2, 30, 40);
        counters.timings(0, 2, 30, 60);
        assertEquals(0, counters.queueTime().average());
        assertEquals(2, counters.connectTime().average());
        assertEquals(30, counters.responseTime().average());
        assertEquals(60, counters.totalTime().max());
    }
}
