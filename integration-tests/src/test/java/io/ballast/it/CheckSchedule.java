package io.ballast.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

/**
 * A server's check timing ({@code inter fastinter downinter rise fall}) and, from it, when HAProxy 2.6 changes
 * the server's state ({@code srv_getinter()} in {@code check.c}): a fully healthy server is checked every
 * {@code inter}, a DOWN one every {@code downinter}, and one in transition every {@code fastinter} (each
 * defaulting to {@code inter}). So after a server breaks, the first failure comes within one {@code inter} and
 * the other {@code fall - 1} follow {@code fastinter} apart; after it recovers the first success comes within one
 * {@code downinter} and the other {@code rise - 1} follow {@code fastinter} apart.
 */
record CheckSchedule(int inter, int fastinter, int downinter, int rise, int fall) {
    /** Measurement slack on top of HAProxy's window: stderr polling (50 ms), scheduling, process start-up. */
    static final Duration SLACK = Duration.ofMillis(150);

    /** The {@code default-server} / {@code server} arguments that configure it. */
    String serverArgs() {
        return "inter " + inter + " fastinter " + fastinter + " downinter " + downinter + " rise " + rise + " fall " + fall;
    }

    /**
     * How long to let a freshly started engine run before breaking a server: HAProxy starts a server at
     * health {@code rise} ("UP, going down at first failure") and it needs {@code fall - 1} good checks
     * ({@code fastinter} apart, the first within one {@code inter}) before it takes {@code fall} failures to go down.
     */
    Duration settle() {
        return Duration.ofMillis(inter + (long) fall * fastinter + 300);
    }

    /** From the moment a server breaks to its DOWN line. */
    Window down() {
        return new Window("DOWN (fall " + fall + ")", (long) (fall - 1) * fastinter, inter + (long) (fall - 1) * fastinter);
    }

    /** From the moment a DOWN server recovers to its UP line. */
    Window up() {
        return new Window("UP (rise " + rise + ")", (long) (rise - 1) * fastinter, downinter + (long) (rise - 1) * fastinter);
    }

    /** HAProxy's window, in ms, for a state change after the event that causes it. */
    record Window(String what, long minMillis, long maxMillis) {
        /**
         * Asserts that a state change seen at {@code seenNanos} fits the window for an event that happened
         * between {@code beforeNanos} and {@code afterNanos} (an Apache stop or start takes a while), with
         * {@link #SLACK}. Returns the elapsed time from {@code afterNanos}, for the report.
         */
        Duration assertFits(long beforeNanos, long afterNanos, long seenNanos) {
            Duration longest = Duration.ofNanos(seenNanos - beforeNanos);
            Duration shortest = Duration.ofNanos(seenNanos - afterNanos);
            String measured = what + " after " + shortest.toMillis() + "–" + longest.toMillis() + " ms; HAProxy's window is "
                    + minMillis + "–" + maxMillis + " ms (± " + SLACK.toMillis() + " ms)";
            assertTrue(longest.toMillis() >= minMillis - SLACK.toMillis(), "too early: " + measured);
            assertTrue(shortest.toMillis() <= maxMillis + SLACK.toMillis(), "too late: " + measured);
            return shortest;
        }

        @Override
        public String toString() {
            return minMillis + "–" + maxMillis + " ms";
        }
    }
}
