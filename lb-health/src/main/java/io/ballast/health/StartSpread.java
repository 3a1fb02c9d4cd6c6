package io.ballast.health;

import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Spreads the first checks over time as HAProxy's {@code start_checks()} does: check {@code i} of {@code n} first
 * fires after {@code m * i / n} ms, where {@code m} is the larger of its own first interval and the smallest first
 * interval of at least {@value #THRESHOLD} ms among all checks, moved by the {@code spread-checks} jitter and
 * capped by {@code max-spread-checks}. So 1000 servers checked every 2 s start one every 2 ms, not all at once.
 */
final class StartSpread {

    /** HAProxy's {@code SRV_CHK_INTER_THRES}: shorter intervals do not dictate the spread of the others. */
    static final long THRESHOLD = 1000;

    private StartSpread() {
    }

    /** The delays without jitter nor cap. */
    static long[] delays(List<Long> firstIntervals) {
        return delays(firstIntervals, 0, 0, () -> 0.5);
    }

    /**
     * @param firstIntervals  each check's interval at startup, in start order
     * @param spreadPercent   {@code spread-checks}, 0..50
     * @param maxSpreadMs     {@code max-spread-checks}, 0 for no cap
     * @param random          numbers in [0, 1) for the jitter
     * @return each check's delay before its first run, in ms
     */
    static long[] delays(List<Long> firstIntervals, int spreadPercent, long maxSpreadMs, DoubleSupplier random) {
        int n = firstIntervals.size();
        long min = 0;
        for (long inter : firstIntervals) {
            if (inter >= THRESHOLD && (min == 0 || inter < min)) {
                min = inter;
            }
        }
        long[] delays = new long[n];
        for (int i = 0; i < n; i++) {
            long own = firstIntervals.get(i);
            long m = Math.max(min, own) + CheckTiming.jitter(own, spreadPercent, random.getAsDouble()) - own;
            if (maxSpreadMs > 0 && m > maxSpreadMs) {
                m = maxSpreadMs;
            }
            delays[i] = Math.max(0, m * i / n);
        }
        return delays;
    }
}
