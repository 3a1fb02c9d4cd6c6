package io.ballast.core.balance;

import io.ballast.core.server.Backend;
import io.ballast.core.server.ServerState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.ballast.core.balance.BalanceTestSupport.backend;
import static io.ballast.core.balance.BalanceTestSupport.end;
import static io.ballast.core.balance.BalanceTestSupport.error;
import static io.ballast.core.balance.BalanceTestSupport.inFlight;
import static io.ballast.core.balance.BalanceTestSupport.loaded;
import static io.ballast.core.balance.BalanceTestSupport.pickAndStart;
import static io.ballast.core.balance.BalanceTestSupport.picks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FirstAvailableTest {

    private static Backend abc() throws Exception {
        return backend("first", "a 127.0.0.1:81 maxconn 2", "b 127.0.0.1:82 maxconn 3", "c 127.0.0.1:83 maxconn 1");
    }

    private static List<String> startMany(Backend backend, int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add(pickAndStart(backend));
        }
        return names;
    }

    @Test
    void isAProviderNowSoTheLoaderNoLongerFallsBack() throws Exception {
        var c = loaded("first", "a 127.0.0.1:81");
        assertEquals("first", c.config().backend("be").orElseThrow().balance().algorithm());
        assertTrue(c.warnings().isEmpty(), c.warnings().toString());
    }

    @Test
    void fillsServersInDeclarationOrderUpToTheirMaxconn() throws Exception {
        assertEquals(List.of("a", "a", "b", "b", "b", "c"), startMany(abc(), 6));
    }

    @Test
    void goesBackToAnEarlierServerWhenItsLoadDrops() throws Exception {
        Backend backend = abc();
        startMany(backend, 5);
        end(backend, "a", 1);
        assertEquals("a", pickAndStart(backend));
        end(backend, "b", 2);
        end(backend, "a", 2);
        assertEquals(List.of("a", "a", "b", "b", "c"), startMany(backend, 5));
        end(backend, "a", 2);
        end(backend, "b", 3);
        end(backend, "c", 1);
        assertEquals(Map.of("a", 0, "b", 0, "c", 0), inFlight(backend));
        assertEquals(List.of("a", "a", "a", "a"), picks(backend, 4), "picking alone does not fill a server");
    }

    @Test
    void whenAllAreFullTheLeastLoadedRelativeToMaxconnTakesTheRequest() throws Exception {
        Backend backend = abc();
        startMany(backend, 6); // a 2/2, b 3/3, c 1/1: a tie, the earliest declared wins
        assertEquals("a", pickAndStart(backend)); // a 3/2
        assertEquals("b", pickAndStart(backend)); // b 3/3 and c 1/1 tie below a 3/2: b is declared first
        assertEquals(Map.of("a", 3, "b", 4, "c", 1), inFlight(backend));
        assertEquals("c", pickAndStart(backend)); // c 1/1 = 1 is the lowest
        assertEquals(Map.of("a", 3, "b", 4, "c", 2), inFlight(backend));
    }

    @Test
    void aServerWithoutMaxconnTakesEverythingOnceReached() throws Exception {
        Backend backend = backend("first", "a 127.0.0.1:81 maxconn 1", "b 127.0.0.1:82", "c 127.0.0.1:83 maxconn 5");
        assertEquals(List.of("a", "b", "b", "b", "b", "b", "b", "b"), startMany(backend, 8));
        end(backend, "a", 1);
        assertEquals("a", pickAndStart(backend));
        Backend unlimited = backend("first", "a 127.0.0.1:81", "b 127.0.0.1:82");
        assertEquals(List.of("a", "a", "a", "a"), startMany(unlimited, 4));
    }

    @Test
    void weightsAreIgnored() throws Exception {
        Backend backend = backend("first", "a 127.0.0.1:81 weight 1 maxconn 2", "b 127.0.0.1:82 weight 100 maxconn 2");
        assertEquals(List.of("a", "a", "b", "b"), startMany(backend, 4));
    }

    @Test
    void unusableServersAreSkipped() throws Exception {
        Backend backend = abc();
        backend.server("a").setState(ServerState.DOWN);
        assertEquals(List.of("b", "b", "b", "c"), startMany(backend, 4));
        backend.server("a").setState(ServerState.UP);
        assertEquals("a", pickAndStart(backend));
    }

    @Test
    void argumentsAreRejectedWithFileAndLine() {
        assertEquals("parsing [t.cfg:7] : 'balance' : 'first' takes no argument", error("first 1", "a 127.0.0.1:81"));
    }
}
