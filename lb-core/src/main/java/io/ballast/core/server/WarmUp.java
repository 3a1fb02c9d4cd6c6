package io.ballast.core.server;

/**
 * The {@code slowstart} ramp of a server that came back up at {@code start} (clock nanoseconds): HAProxy 2.6's
 * {@code server_recalc_eweight}, whose weight factor is {@code (16 × elapsed + slowstart) / slowstart}, from 1 (a
 * sixteenth of the weight) right after the server comes back to 16 (the full weight) once {@code slowstart} has
 * passed, in 16 equal steps. HAProxy recomputes it once a second; here each step happens when it is due.
 *
 * @param start    when the server came back up
 * @param duration the {@code slowstart} time, in nanoseconds, above 0
 */
record WarmUp(long start, long duration) {

    /** HAProxy's {@code BE_WEIGHT_SCALE}: the effective weight of a fully up server is its weight times this. */
    static final int SCALE = 16;

    /** Whether the ramp has reached the full weight at {@code now}. */
    boolean over(long now) {
        return now - start >= duration;
    }

    /** The weight factor at {@code now}, 1..16. */
    int factor(long now) {
        long elapsed = Math.max(0, now - start);
        if (elapsed >= duration) {
            return SCALE;
        }
        return (int) (1 + elapsed * SCALE / duration); // no overflow: durations are at most 2^31 ms
    }

    /** When the factor next grows, for a ramp not over at {@code now}. */
    long nextStep(long now) {
        int f = factor(now);
        // the factor becomes f + 1 once elapsed * 16 >= f * duration
        return start + ceilDiv(f * duration, SCALE);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
