package io.ballast.health;

import io.ballast.core.config.ServerConfig;
import io.ballast.core.config.Timeouts;

/**
 * A server's check intervals and timeouts, with HAProxy's defaults and fallbacks applied.
 *
 * @param inter       interval while fully up
 * @param fastinter   interval while going up or down ({@code fastinter}, else {@code inter})
 * @param downinter   interval while fully down ({@code downinter}, else {@code inter})
 * @param timeout     time allowed to connect: {@code min(timeout connect, inter)} when {@code timeout check} and
 *                    {@code timeout connect} are set, else {@code inter}, which then covers the whole check
 * @param readTimeout {@code timeout check}: time allowed for the answer once connected, 0 when unset
 */
record CheckTiming(long inter, long fastinter, long downinter, long timeout, long readTimeout) {

    /** HAProxy's default {@code inter}. */
    static final long DEFAULT_INTER = 2000;

    /** The timing of {@code server} in a backend with {@code timeouts} (which may be {@code null}). */
    static CheckTiming of(ServerConfig server, Timeouts timeouts) {
        return of(server.inter(), server, timeouts);
    }

    /** The timing of a check every {@code interMs} (0 for the default) of {@code server}. */
    static CheckTiming of(long interMs, ServerConfig server, Timeouts timeouts) {
        long inter = interMs > 0 ? interMs : DEFAULT_INTER;
        long fast = server.fastinter() > 0 ? server.fastinter() : inter;
        long down = server.downinter() > 0 ? server.downinter() : inter;
        long timeout = inter;
        long read = 0;
        if (timeouts != null && timeouts.check() > 0) {
            read = timeouts.check();
            if (timeouts.connect() > 0) {
                timeout = Math.min(timeouts.connect(), inter);
            }
        }
        return new CheckTiming(inter, fast, down, timeout, read);
    }

    /** HAProxy's {@code srv_getinter()}: the delay before the next check given the counter's state. */
    long next(HealthCounter counter) {
        if (counter.isFullyUp()) {
            return inter;
        }
        if (counter.isFullyDown()) {
            return downinter;
        }
        return fastinter;
    }

    /**
     * {@code interval} with HAProxy's {@code spread-checks} jitter: a random offset within
     * {@code ±interval*percent/100}.
     *
     * @param random a number in [0, 1)
     */
    static long jitter(long interval, int percent, double random) {
        if (percent <= 0) {
            return interval;
        }
        long range = interval * percent / 100;
        return interval + range - (long) (2 * range * random);
    }
}
