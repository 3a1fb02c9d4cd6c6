package io.ballast.core.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlidingAverageTest {

    @Test
    void aConstantSeriesAveragesToItself() {
        SlidingAverage average = new SlidingAverage();
        for (int i = 0; i < 5000; i++) {
            average.add(40);
        }
        assertEquals(40, average.average());
        assertEquals(40, average.max());
    }

    @Test
    void followsAChangeWithinAFewWindows() {
        SlidingAverage average = new SlidingAverage();
        for (int i = 0; i < 2048; i++) {
            average.add(10);
        }
        for (int i = 0; i < 4 * SlidingAverage.SAMPLES; i++) {
            average.add(100);
        }
        long settled = average.average();
        assertTrue(settled >= 97 && settled <= 100, "average " + settled);
        assertEquals(100, average.max());
    }

    @Test
    void clearingKeepsTheAverageUnlessAllIsCleared() {
        SlidingAverage average = new SlidingAverage();
        average.add(8);
        average.clear(false);
        assertEquals(0, average.max());
        assertEquals(8, average.average());
        average.clear(true);
        assertEquals(0, average.average());
    }
}
