package io.ballast.core.balance;

import io.ballast.core.server.Backend;
import io.ballast.core.server.Server;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.ballast.core.balance.BalanceTestSupport.counts;
import static io.ballast.core.balance.BalanceTestSupport.error;
import static io.ballast.core.balance.BalanceTestSupport.loaded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EwmaTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private final AtomicLong clock = new AtomicLong();

    private Backend backend(String balance, String... servers) throws Exception {
        return BalanceTestSupport.backend(clock::get, balance, servers);
    }

    private void record(Server s, long latencyMs, int times) {
        for (int i = 0; i < times; i++) {
            clock.addAndGet(MS);
            s.recordLatency(latencyMs * MS);
        }
    }

    @Test
    void isFoundWithOrWithoutADecayTime() throws Exception {
        assertEquals(List.of(), loaded("ewma", "a 127.0.0.1:81").warnings());
        assertEquals(List.of("5s"), loaded("ewma 5s", "a 127.0.0.1:81").config().backend("be").orElseThrow()
                .balance().arguments());
        assertEquals("parsing [t.cfg:7] : 'balance' : the decay time of 'ewma' must be a time above 0 like 10s or "
                + "500ms, not '0'", error("ewma 0", "a 127.0.0.1:81"));
        assertTrue(error("ewma 1s 2s", "a 127.0.0.1:81").contains("at most one argument"));
    }

    @Test
    void peakEwmaJumpsToAPeakAndForgetsItOverTheDecayTime() {
        PeakEwma ewma = new PeakEwma(clock::get);
        ewma.decayNanos(1000 * MS);
        assertEquals(0, ewma.estimate());
        ewma.record(10 * MS);
        assertEquals(10 * MS, ewma.estimate(), 1);
        clock.addAndGet(10 * MS);
        ewma.record(100 * MS);
        assertEquals(100 * MS, ewma.estimate(), 1, "a peak is taken at once");
        clock.addAndGet(1000 * MS);
        ewma.record(10 * MS);
        // one decay time later a low sample weighs 1 - 1/e
        assertEquals(10 * MS + 90 * MS / Math.E, ewma.estimate(), MS);
        clock.addAndGet(2000 * MS);
        assertEquals((10 * MS + 90 * MS / Math.E) / Math.exp(2), ewma.estimate(), MS, "decays while idle");
    }

    @Test
    void prefersTheFasterServerAndBalancesLatencyAgainstLoad() throws Exception {
        Backend backend = backend("ewma", "fast 127.0.0.1:81", "slow 127.0.0.1:82");
        record(backend.server("fast"), 10, 5);
        record(backend.server("slow"), 100, 5);
        assertEquals(Map.of("fast", 20, "slow", 0), counts(backend, 20));
        // cost = latency x (in flight + 1): 10 ms x 10 is the same as 100 ms x 1, so 10 in flight tips it
        BalanceTestSupport.start(backend, "fast", 10);
        assertEquals("slow", backend.pick(null).name());
    }

    @Test
    void withManyServersTheSlowOneGetsLittle() throws Exception {
        Backend backend = backend("ewma", "a 127.0.0.1:81", "b 127.0.0.1:82", "c 127.0.0.1:83", "d 127.0.0.1:84");
        for (String name : List.of("a", "b", "c")) {
            record(backend.server(name), 5, 3);
        }
        record(backend.server("d"), 500, 3);
        Map<String, Integer> counts = counts(backend, 3000);
        // two distinct draws, the cheaper wins: the slowest server never does while nothing is in flight
        assertEquals(0, counts.get("d"), counts.toString());
        assertTrue(counts.get("a") > 0 && counts.get("b") > 0 && counts.get("c") > 0, counts.toString());
        // under load the slow one is used once the fast ones carry 100 times as many requests
        BalanceTestSupport.start(backend, "a", 150);
        BalanceTestSupport.start(backend, "b", 150);
        BalanceTestSupport.start(backend, "c", 150);
        assertTrue(counts(backend, 300).get("d") > 0);
    }

    @Test
    void anUnmeasuredServerIsProbedOneRequestAtATime() throws Exception {
        Backend backend = backend("ewma", "old 127.0.0.1:81", "new 127.0.0.1:82");
        record(backend.server("old"), 50, 3);
        assertEquals("new", BalanceTestSupport.pickAndStart(backend));
        assertEquals(Map.of("old", 10, "new", 0), counts(backend, 10));
        backend.server("new").requestEnded();
        backend.server("new").recordLatency(5 * MS);
        assertEquals("new", backend.pick(null).name());
    }

    @Test
    void latencySurvivesSelectorRebuilds() throws Exception {
        Backend backend = backend("ewma", "fast 127.0.0.1:81", "slow 127.0.0.1:82");
        record(backend.server("fast"), 1, 3);
        record(backend.server("slow"), 50, 3);
        backend.server("slow").setWeight(2); // rebuilds the selector
        assertEquals(50 * MS, backend.server("slow").latency().estimate(), MS);
        assertEquals(Map.of("fast", 10, "slow", 0), counts(backend, 10));
    }
}
