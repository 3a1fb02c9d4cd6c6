package io.ballast.health;

import io.ballast.core.config.ServerCheckSettings;
import io.ballast.core.config.InetEndpoint;
import io.ballast.core.config.ServerConfig;
import io.ballast.core.config.SourceLocation;
import io.ballast.core.config.Timeouts;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CheckTimingTest {

    private static ServerConfig server(long inter, long fast, long down) {
        return new ServerConfig("s", new InetEndpoint("127.0.0.1:80", "127.0.0.1",
                InetEndpoint.AddressFamily.IPV4, 80, 80), 1, false, false, 0, true, 0, inter, fast, down, 2, 3,
                new SourceLocation("t", 1), ServerCheckSettings.DEFAULTS);
    }

    private static Timeouts timeouts(long connect, long check) {
        return new Timeouts(connect, 0, 0, 0, 0, 0, 0, check, 0, 0, 0);
    }

    @Test
    void intervalsFollowTheCounter() {
        CheckTiming t = CheckTiming.of(server(2000, 500, 10_000), null);
        HealthCounter c = new HealthCounter(2, 3);
        assertEquals(500, t.next(c), "transitional at startup");
        c.success();
        assertEquals(2000, t.next(c), "fully up");
        c.failure();
        assertEquals(500, t.next(c), "going down");
        c.failure();
        c.failure();
        assertEquals(10_000, t.next(c), "fully down");
        c.success();
        assertEquals(500, t.next(c), "going up");
    }

    @Test
    void unsetIntervalsFallBackToInter() {
        CheckTiming t = CheckTiming.of(server(0, 0, 0), null);
        assertEquals(new CheckTiming(2000, 2000, 2000, 2000, 0), t);
        assertEquals(new CheckTiming(300, 300, 300, 300, 0), CheckTiming.of(server(300, 0, 0), null));
    }

    @Test
    void timeoutIsInterUnlessTimeoutCheckIsSet() {
        assertEquals(2000, CheckTiming.of(server(2000, 0, 0), timeouts(500, 0)).timeout());
        assertEquals(500, CheckTiming.of(server(2000, 0, 0), timeouts(500, 100)).timeout());
        assertEquals(2000, CheckTiming.of(server(2000, 0, 0), timeouts(5000, 100)).timeout());
        assertEquals(2000, CheckTiming.of(server(2000, 0, 0), timeouts(0, 100)).timeout());
    }

    @Test
    void firstChecksAreSpreadOverTheInterval() {
        assertArrayEquals(new long[] {0, 500, 1000, 1500}, StartSpread.delays(List.of(2000L, 2000L, 2000L, 2000L)));
        // the smallest interval >= 1 s sets the spread; a longer interval of its own spreads that check further
        assertArrayEquals(new long[] {0, 1666, 666}, StartSpread.delays(List.of(1000L, 5000L, 100L)));
        // short intervals alone do not dictate a spread: each uses its own
        assertArrayEquals(new long[] {0, 33, 200}, StartSpread.delays(List.of(100L, 100L, 300L)));
        assertArrayEquals(new long[] {0}, StartSpread.delays(List.of(2000L)));
        assertArrayEquals(new long[0], StartSpread.delays(List.of()));
    }

    @Test
    void spreadChecksJittersAndMaxSpreadCaps() {
        java.util.List<Long> thousand = java.util.Collections.nCopies(1000, 2000L);
        long[] d = StartSpread.delays(thousand, 0, 0, () -> 0.5);
        assertEquals(2, d[1] - d[0], "1000 servers every 2s start 2ms apart");
        assertEquals(1998, d[999]);
        // spread-checks 10: the spread interval moves within +-10%
        assertEquals(2200L * 500 / 1000, StartSpread.delays(thousand, 10, 0, () -> 0.0)[500]);
        assertEquals(1800L * 500 / 1000, StartSpread.delays(thousand, 10, 0, () -> 0.9999999)[500]);
        assertEquals(500, StartSpread.delays(thousand, 0, 1000, () -> 0.5)[500], "max-spread-checks 1s");
        assertEquals(2200, CheckTiming.jitter(2000, 10, 0.0));
        assertEquals(2000, CheckTiming.jitter(2000, 0, 0.3));
    }
}
