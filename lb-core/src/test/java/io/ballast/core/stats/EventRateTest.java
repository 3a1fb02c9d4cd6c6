package io.ballast.core.stats;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EventRateTest {

    private static final long MS = 1_000_000L;

    private final AtomicLong now = new AtomicLong(5_000 * MS);
    private final EventRate rate = new EventRate(now::get);

    @Test
    void countsTheEventsOfTheCurrentSecond() {
        for (int i = 0; i < 7; i++) {
            rate.increment(now.get());
        }
        assertEquals(7, rate.perSecond());
        assertEquals(7, rate.max());
    }

    @Test
    void thePreviousSecondFadesOutAsTheCurrentOneGoesOn() {
        for (int i = 0; i < 100; i++) {
            rate.increment(now.get());
        }
        now.addAndGet(1_250 * MS); // a quarter into the next second: 3/4 of the previous one still counts
        assertEquals(75, rate.perSecond());
        now.addAndGet(750 * MS);
        assertEquals(0, rate.perSecond());
        assertEquals(100, rate.max());
    }

    @Test
    void theHighestRateIsTheBusiestSecondsCountAsInHaproxy() {
        for (int i = 0; i < 100; i++) {
            rate.increment(now.get());
        }
        now.addAndGet(1_250 * MS);
        for (int i = 0; i < 50; i++) {
            rate.increment(now.get());
        }
        assertEquals(125, rate.perSecond(), "50 now, and 3/4 of the previous second's 100");
        assertEquals(100, rate.max(), "HAProxy's rate_max: the most events counted in one second");
    }

    @Test
    void anIdleGapForgetsEverything() {
        rate.increment(now.get());
        now.addAndGet(10_000 * MS);
        assertEquals(0, rate.perSecond());
        rate.clearMax();
        assertEquals(0, rate.max());
    }
}
