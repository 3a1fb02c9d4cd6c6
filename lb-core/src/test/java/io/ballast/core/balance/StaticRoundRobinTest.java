package io.ballast.core.balance;

import io.ballast.core.server.Backend;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.ballast.core.balance.BalanceTestSupport.backend;
import static io.ballast.core.balance.BalanceTestSupport.counts;
import static io.ballast.core.balance.BalanceTestSupport.error;
import static io.ballast.core.balance.BalanceTestSupport.loaded;
import static io.ballast.core.balance.BalanceTestSupport.picks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StaticRoundRobinTest {

    private static Backend abc() throws Exception {
        return backend("static-rr", "a 127.0.0.1:81 weight 5", "b 127.0.0.1:82 weight 3", "c 127.0.0.1:83 weight 2");
    }

    @Test
    void isAProviderNowSoTheLoaderNoLongerFallsBack() throws Exception {
        var c = loaded("static-rr", "a 127.0.0.1:81");
        assertEquals("static-rr", c.config().backend("be").orElseThrow().balance().algorithm());
        assertTrue(c.warnings().isEmpty(), c.warnings().toString());
    }

    @Test
    void eachCycleGivesExactlyTheWeights() throws Exception {
        Backend backend = abc();
        for (int cycle = 0; cycle < 50; cycle++) {
            assertEquals(Map.of("a", 5, "b", 3, "c", 2), counts(backend, 10), "cycle " + cycle);
        }
    }

    @Test
    void turnsAreInterleaved() throws Exception {
        Backend backend = backend("static-rr", "a 127.0.0.1:81 weight 3", "b 127.0.0.1:82 weight 1");
        assertEquals(List.of("a", "a", "b", "a", "a", "a", "b", "a"), picks(backend, 8));
    }

    @Test
    void cycleLengthIsReducedByTheGcdOfTheWeights() throws Exception {
        Backend backend = backend("static-rr", "a 127.0.0.1:81 weight 200", "b 127.0.0.1:82 weight 100");
        for (int cycle = 0; cycle < 10; cycle++) {
            assertEquals(Map.of("a", 2, "b", 1), counts(backend, 3));
        }
    }

    @Test
    void runtimeWeightChangesOtherThanZeroAreIgnored() throws Exception {
        Backend backend = abc();
        backend.server("c").setWeight(200);
        backend.server("a").setWeight(1);
        assertEquals(Map.of("a", 500, "b", 300, "c", 200), counts(backend, 1000));
    }

    @Test
    void weightZeroRemovesTheServerAndAnyOtherWeightRestoresTheConfiguredOne() throws Exception {
        Backend backend = abc();
        backend.server("b").setWeight(0);
        assertEquals(Map.of("a", 5, "b", 0, "c", 2), counts(backend, 7));
        assertEquals(Map.of("a", 500, "b", 0, "c", 200), counts(backend, 700));
        backend.server("b").setWeight(17);
        assertEquals(Map.of("a", 500, "b", 300, "c", 200), counts(backend, 1000));
    }

    @Test
    void aServerConfiguredWithWeightZeroStaysOut() throws Exception {
        Backend backend = backend("static-rr", "a 127.0.0.1:81 weight 2", "b 127.0.0.1:82 weight 0");
        backend.server("b").setWeight(4);
        assertEquals(Map.of("a", 100, "b", 0), counts(backend, 100));
        backend.server("a").setWeight(0);
        assertNull(backend.pick(null), "b's static weight is 0 and a is out");
    }

    @Test
    void argumentsAreRejectedWithFileAndLine() {
        String message = error("static-rr 3", "a 127.0.0.1:81");
        assertEquals("parsing [t.cfg:7] : 'balance' : 'static-rr' takes no argument", message);
    }
}
