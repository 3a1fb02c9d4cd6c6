package io.ballast.health;

import io.ballast.health.HealthCounter.Transition;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthCounterTest {

    @Test
    void startsBarelyUp() {
        HealthCounter c = new HealthCounter(2, 3);
        assertEquals(2, c.health());
        assertTrue(c.isUp());
        assertFalse(c.isFullyUp());
        assertFalse(c.isFullyDown());
    }

    @Test
    void oneFailureAtStartupTakesTheServerDown() {
        HealthCounter c = new HealthCounter(2, 3);
        assertEquals(Transition.WENT_DOWN, c.failure());
        assertEquals(0, c.health());
        assertTrue(c.isFullyDown());
    }

    @Test
    void oneSuccessAtStartupMakesTheServerFullyUp() {
        HealthCounter c = new HealthCounter(2, 3);
        assertEquals(Transition.NONE, c.success());
        assertEquals(4, c.health());
        assertTrue(c.isFullyUp());
    }

    @Test
    void fullyUpTakesFallConsecutiveFailures() {
        HealthCounter c = new HealthCounter(2, 3);
        c.success();
        assertEquals(Transition.NONE, c.failure());
        assertEquals(Transition.NONE, c.failure());
        assertTrue(c.isUp());
        assertEquals(Transition.WENT_DOWN, c.failure());
        assertFalse(c.isUp());
        assertEquals(0, c.health());
        assertEquals(Transition.NONE, c.failure());
        assertEquals(0, c.health());
    }

    @Test
    void downTakesRiseConsecutiveSuccesses() {
        HealthCounter c = new HealthCounter(3, 2);
        c.failure();
        assertEquals(Transition.NONE, c.success());
        assertEquals(Transition.NONE, c.success());
        assertFalse(c.isUp());
        assertEquals(Transition.WENT_UP, c.success());
        assertTrue(c.isFullyUp());
        assertEquals(4, c.health());
        assertEquals(Transition.NONE, c.success());
        assertEquals(4, c.health());
    }

    @Test
    void aFailureWhileRisingStartsOver() {
        HealthCounter c = new HealthCounter(3, 2);
        c.failure();
        c.success();
        c.success();
        assertEquals(Transition.NONE, c.failure());
        assertEquals(0, c.health());
        c.success();
        c.success();
        assertFalse(c.isUp());
        assertEquals(Transition.WENT_UP, c.success());
    }

    @Test
    void aSuccessWhileFallingRestoresFullHealth() {
        HealthCounter c = new HealthCounter(2, 3);
        c.success();
        c.failure();
        c.failure();
        assertEquals(2, c.health());
        assertEquals(Transition.NONE, c.success());
        assertTrue(c.isFullyUp());
        assertEquals(Transition.NONE, c.failure());
        assertEquals(Transition.NONE, c.failure());
        assertEquals(Transition.WENT_DOWN, c.failure());
    }

    @Test
    void riseAndFallOfOne() {
        HealthCounter c = new HealthCounter(1, 1);
        assertTrue(c.isFullyUp());
        assertEquals(Transition.WENT_DOWN, c.failure());
        assertEquals(Transition.WENT_UP, c.success());
        assertEquals(Transition.WENT_DOWN, c.failure());
    }

    @Test
    void rejectsNonPositiveRiseOrFall() {
        assertThrows(IllegalArgumentException.class, () -> new HealthCounter(0, 3));
        assertThrows(IllegalArgumentException.class, () -> new HealthCounter(2, 0));
    }
}
