package io.ballast.health;

import java.util.List;

/**
 * Spreads the first checks over time as HAProxy's {@code start_checks()} does, without the random
 * {@code spread-checks} jitter: check {@code i} of {@code n} first fires after {@code m * i / n} ms, where
 * {@code m} is the larger of its own first interval and the smallest first interval of at least
 * {@value #THRESHOLD} ms among all checks. The first check fires at once and every other within one interval.
 */
final class StartSpread {

    /** HAProxy's {@code SRV_CHK_INTER_THRES}: shorter intervals do not dictate the spread of the others. */
    static final long THRESHOLD = 1000;

    private StartSpread() {
    }

    /**
     * @param firstIntervals each check's interval at startup, in start order
     * @return each check's delay before its first run, in ms
     */
    static long[] delays(List<Long> firstIntervals) {
        int n = firstIntervals.size();
        long min = 0;
        for (long inter : firstIntervals) {
            if (inter >= THRESHOLD && (min == 0 || inter < min)) {
                min = inter;
            }
        }
        long[] delays = new long[n];
        for (int i = 0; i < n; i++) {
            long m = Math.max(min, firstIntervals.get(i));
            delays[i] = m * i / n;
        }
        return delays;
    }
}
