package io.ballast.health;

import io.ballast.core.config.ServerConfig;
import io.ballast.core.config.Timeouts;

/**
 * A server's check intervals and timeout, with HAProxy's defaults and fallbacks applied.
 *
 * @param inter     interval while fully up
 * @param fastinter interval while going up or down ({@code fastinter}, else {@code inter})
 * @param downinter interval while fully down ({@code downinter}, else {@code inter})
 * @param timeout   time allowed for one check: {@code min(timeout connect, inter)} when {@code timeout check}
 *                  and {@code timeout connect} are set, else {@code inter}
 */
record CheckTiming(long inter, long fastinter, long downinter, long timeout) {

    /** HAProxy's default {@code inter}. */
    static final long DEFAULT_INTER = 2000;

    /** The timing of {@code server} in a backend with {@code timeouts} (which may be {@code null}). */
    static CheckTiming of(ServerConfig server, Timeouts timeouts) {
        long inter = server.inter() > 0 ? server.inter() : DEFAULT_INTER;
        long fast = server.fastinter() > 0 ? server.fastinter() : inter;
        long down = server.downinter() > 0 ? server.downinter() : inter;
        long timeout = inter;
        if (timeouts != null && timeouts.check() > 0 && timeouts.connect() > 0) {
            timeout = Math.min(timeouts.connect(), inter);
        }
        return new CheckTiming(inter, fast, down, timeout);
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
}
