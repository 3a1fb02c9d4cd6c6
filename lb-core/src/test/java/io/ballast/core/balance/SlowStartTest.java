package io.ballast.core.balance;

import io.ballast.core.server.Backend;
import io.ballast.core.server.Server;
import io.ballast.core.server.ServerState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.ballast.core.balance.BalanceTestSupport.backend;
import static io.ballast.core.balance.BalanceTestSupport.counts;
import static io.ballast.core.balance.BalanceTestSupport.loaded;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SlowStartTest {

    private final AtomicLong clock = new AtomicLong(-5_000_000_000L); // nanoTime may be negative

    private void advance(long seconds) {
        clock.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    private Backend backend(String balance) throws Exception {
        return BalanceTestSupport.backend(clock::get, balance, "a 127.0.0.1:81 weight 2",
                "b 127.0.0.1:82 weight 2 slowstart 16s");
    }

    private static void downAndUp(Server s) {
        s.setState(ServerState.DOWN);
        s.setState(ServerState.UP);
    }

    @Test
    void isParsedWithoutWarning() throws Exception {
        var c = loaded("roundrobin", "a 127.0.0.1:81 slowstart 30s");
        assertEquals(List.of(), c.warnings());
        assertEquals(30_000, c.config().backend("be").orElseThrow().servers().get(0).slowstart());
    }

    @Test
    void effectiveWeightRampsInSixteenStepsAfterComingBackUp() throws Exception {
        Backend backend = backend("roundrobin");
        Server b = backend.server("b");
        assertEquals(32, b.effectiveWeight(), "never applied at start-up");
        downAndUp(b);
        assertEquals(2, b.effectiveWeight(), "a sixteenth of the weight at once");
        advance(1);
        assertEquals(4, b.effectiveWeight());
        advance(7);
        assertEquals(18, b.effectiveWeight());
        advance(8);
        assertEquals(32, b.effectiveWeight());
        b.setState(ServerState.MAINT);
        b.setState(ServerState.UP);
        assertEquals(2, b.effectiveWeight(), "leaving maintenance ramps too");
    }

    @Test
    void roundRobinFollowsTheRampAsTimePasses() throws Exception {
        Backend backend = backend("roundrobin");
        downAndUp(backend.server("b"));
        // weights 32 and 2 (gcd 2): one turn of 17 picks gives b one
        assertEquals(Map.of("a", 16, "b", 1), counts(backend, 17));
        advance(8); // factor 9: 32 and 18, one turn of 25
        assertEquals(Map.of("a", 16, "b", 9), counts(backend, 25));
        advance(8);
        assertEquals(Map.of("a", 10, "b", 10), counts(backend, 20));
    }

    @Test
    void leastConnGivesARampingServerItsShareOfTheLoad() throws Exception {
        Backend backend = backend("leastconn");
        downAndUp(backend.server("b"));
        for (int i = 0; i < 34; i++) {
            BalanceTestSupport.pickAndStart(backend);
        }
        // (load + 1) / effective weight: 32 for a, 2 for b
        assertEquals(Map.of("a", 32, "b", 2), BalanceTestSupport.inFlight(backend));
    }

    @Test
    void staticAlgorithmsIgnoreIt() throws Exception {
        Backend backend = backend("static-rr");
        downAndUp(backend.server("b"));
        assertEquals(Map.of("a", 10, "b", 10), counts(backend, 20));
        Backend hashed = backend("uri");
        downAndUp(hashed.server("b"));
        assertEquals(Map.of("a", 32, "b", 32), counts(hashed, 64));
    }

    @Test
    void withoutTrafficNothingIsRebuiltAndTheRampStillEnds() throws Exception {
        Backend backend = backend("random");
        downAndUp(backend.server("b"));
        advance(60);
        assertEquals(32, backend.server("b").effectiveWeight());
        Map<String, Integer> counts = counts(backend, 4000);
        assertEquals(0.5, counts.get("b") / 4000.0, 0.05);
    }
}
