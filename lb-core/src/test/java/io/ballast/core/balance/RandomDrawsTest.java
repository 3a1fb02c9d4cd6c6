package io.ballast.core.balance;

import io.ballast.core.server.Backend;
import io.ballast.core.server.ServerState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.ballast.core.balance.BalanceTestSupport.backend;
import static io.ballast.core.balance.BalanceTestSupport.counts;
import static io.ballast.core.balance.BalanceTestSupport.error;
import static io.ballast.core.balance.BalanceTestSupport.loaded;
import static io.ballast.core.balance.BalanceTestSupport.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomDrawsTest {

    private static final int PICKS = 100_000;

    private static void assertShare(Map<String, Integer> counts, String server, double expected) {
        double share = counts.get(server) / (double) PICKS;
        assertTrue(Math.abs(share - expected) <= 0.02,
                server + " got " + share + " of the picks, expected " + expected + " ± 0.02; " + counts);
    }

    @Test
    void isAProviderNowSoTheLoaderNoLongerFallsBack() throws Exception {
        for (String line : List.of("random", "random(1)", "random(2)", "random(100)", "random()")) {
            var c = loaded(line, "a 127.0.0.1:81");
            assertEquals("random", c.config().backend("be").orElseThrow().balance().algorithm(), line);
            assertTrue(c.warnings().isEmpty(), line + ": " + c.warnings());
        }
    }

    @Test
    void idleServersArePickedInProportionToTheirWeights() throws Exception {
        for (String line : List.of("random", "random(1)", "random(3)")) {
            Backend backend = backend(line, "a 127.0.0.1:81 weight 1", "b 127.0.0.1:82 weight 3",
                    "c 127.0.0.1:83 weight 6");
            Map<String, Integer> counts = counts(backend, PICKS);
            assertShare(counts, "a", 0.1);
            assertShare(counts, "b", 0.3);
            assertShare(counts, "c", 0.6);
        }
    }

    @Test
    void runtimeWeightChangesApply() throws Exception {
        Backend backend = backend("random", "a 127.0.0.1:81", "b 127.0.0.1:82");
        backend.server("b").setWeight(4);
        Map<String, Integer> counts = counts(backend, PICKS);
        assertShare(counts, "a", 0.2);
        assertShare(counts, "b", 0.8);
    }

    @Test
    void twoDrawsPreferTheLessLoadedOfTwo() throws Exception {
        Backend backend = backend("random", "a 127.0.0.1:81", "b 127.0.0.1:82");
        start(backend, "a", 10);
        // a wins only when both draws are a: 1/4
        Map<String, Integer> counts = counts(backend, PICKS);
        assertShare(counts, "a", 0.25);
        assertShare(counts, "b", 0.75);
    }

    @Test
    void oneDrawIgnoresTheLoad() throws Exception {
        Backend backend = backend("random(1)", "a 127.0.0.1:81", "b 127.0.0.1:82");
        start(backend, "a", 10);
        Map<String, Integer> counts = counts(backend, PICKS);
        assertShare(counts, "a", 0.5);
        assertShare(counts, "b", 0.5);
    }

    @Test
    void moreDrawsAvoidTheLoadedServerMore() throws Exception {
        Backend three = backend("random(3)", "a 127.0.0.1:81", "b 127.0.0.1:82");
        start(three, "a", 1);
        assertShare(counts(three, PICKS), "a", 0.125);
        Backend hundred = backend("random(100)", "a 127.0.0.1:81", "b 127.0.0.1:82", "c 127.0.0.1:83");
        start(hundred, "a", 1);
        start(hundred, "b", 1);
        assertEquals(PICKS, counts(hundred, PICKS).get("c"));
    }

    @Test
    void loadIsComparedRelativeToWeight() throws Exception {
        // a carries 3 on weight 4 (0.75), b 1 on weight 1 (1.0): a is the less loaded whenever both are drawn
        Backend backend = backend("random", "a 127.0.0.1:81 weight 4", "b 127.0.0.1:82 weight 1");
        start(backend, "a", 3);
        start(backend, "b", 1);
        // b wins only when both draws are b: (1/5)^2
        assertShare(counts(backend, PICKS), "b", 0.04);
    }

    @Test
    void onlyUsableServersAreDrawn() throws Exception {
        Backend backend = backend("random", "a 127.0.0.1:81", "b 127.0.0.1:82", "c 127.0.0.1:83");
        backend.server("b").setState(ServerState.DOWN);
        Map<String, Integer> counts = counts(backend, PICKS);
        assertEquals(0, counts.get("b"));
        assertShare(counts, "a", 0.5);
        backend.server("a").setState(ServerState.DOWN);
        assertEquals(PICKS, counts(backend, PICKS).get("c"));
    }

    @Test
    void badDrawCountsAreRejectedWithFileAndLine() {
        for (String bad : List.of("0", "101", "-1", "x", "2.5", "1e2", "+2", "99999999999")) {
            String message = error("random(" + bad + ")", "a 127.0.0.1:81");
            assertTrue(message.startsWith("parsing [t.cfg:7] : 'balance' : "), message);
            assertTrue(message.contains("must be a whole number from 1 to 100, not '" + bad + "'"), message);
        }
        String twoArgs = error("random(2) 3", "a 127.0.0.1:81");
        assertEquals("parsing [t.cfg:7] : 'balance' : 'random' takes at most one argument, the number of draws, "
                + "as in 'random(2)'", twoArgs);
    }
}
