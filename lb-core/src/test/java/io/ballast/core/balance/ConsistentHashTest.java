package io.ballast.core.balance;

import io.ballast.core.request.RequestView;
import io.ballast.core.request.SimpleRequestView;
import io.ballast.core.server.Backend;
import io.ballast.core.server.Server;
import io.ballast.core.server.ServerState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.ballast.core.balance.BalanceTestSupport.backend;
import static io.ballast.core.balance.BalanceTestSupport.counts;
import static io.ballast.core.balance.BalanceTestSupport.loaded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsistentHashTest {

    private static final String URI_CONSISTENT = "uri\n    hash-type consistent";
    private static final List<RequestView> KEYS = keys(20_000);

    private static List<RequestView> keys(int n) {
        List<RequestView> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            keys.add(SimpleRequestView.builder("GET", "/object/" + i + "/" + (i * 7919L % 100_003)).build());
        }
        return keys;
    }

    private static String[] servers(int n, String options) {
        String[] lines = new String[n];
        for (int i = 0; i < n; i++) {
            lines[i] = "s" + (i + 1) + " 127.0.0." + (i + 1) + ":80" + options;
        }
        return lines;
    }

    private static List<String> route(Backend backend) {
        List<String> names = new ArrayList<>(KEYS.size());
        for (RequestView key : KEYS) {
            names.add(backend.pick(key).name());
        }
        return names;
    }

    @Test
    void isAcceptedWithoutWarning() throws Exception {
        assertEquals(List.of(), loaded(URI_CONSISTENT, servers(2, "")).warnings());
    }

    @Test
    void addingAServerMovesAboutOneNthOfTheKeysAllToIt() throws Exception {
        for (int n : new int[] {3, 5, 10}) {
            Backend backend = backend(URI_CONSISTENT, servers(n + 1, ""));
            Server added = backend.servers().get(n);
            added.setState(ServerState.DOWN);
            List<String> before = route(backend);
            added.setState(ServerState.UP);
            List<String> after = route(backend);
            int moved = 0;
            for (int i = 0; i < KEYS.size(); i++) {
                if (!before.get(i).equals(after.get(i))) {
                    moved++;
                    assertEquals(added.name(), after.get(i), "a key moved between two old servers");
                }
            }
            double share = (double) moved / KEYS.size();
            double expected = 1.0 / (n + 1);
            assertTrue(share > expected * 0.6 && share < expected * 1.4, n + " servers: " + share + " moved");
        }
    }

    @Test
    void removingAServerMovesOnlyItsKeys() throws Exception {
        Backend backend = backend(URI_CONSISTENT, servers(6, ""));
        List<String> before = route(backend);
        backend.server("s3").setState(ServerState.MAINT);
        List<String> after = route(backend);
        int moved = 0;
        for (int i = 0; i < KEYS.size(); i++) {
            if (!before.get(i).equals(after.get(i))) {
                moved++;
                assertEquals("s3", before.get(i), "a key of another server moved");
            }
        }
        assertEquals(before.stream().filter("s3"::equals).count(), moved);
        backend.server("s3").setState(ServerState.UP);
        assertEquals(before, route(backend), "the same keys come back");
    }

    @Test
    void weightsGivePointsInProportion() throws Exception {
        Backend backend = backend(URI_CONSISTENT, "a 127.0.0.1:80 weight 1", "b 127.0.0.2:80 weight 3");
        long a = route(backend).stream().filter("a"::equals).count();
        double share = (double) a / KEYS.size();
        assertTrue(share > 0.17 && share < 0.33, "a's share " + share + ", expected about 0.25");
        // a runtime weight change is dynamic with consistent hashing: b's keys only move to a
        List<String> before = route(backend);
        backend.server("a").setWeight(3);
        List<String> after = route(backend);
        for (int i = 0; i < KEYS.size(); i++) {
            if (!before.get(i).equals(after.get(i))) {
                assertEquals("a", after.get(i));
            }
        }
        long nowA = after.stream().filter("a"::equals).count();
        assertTrue(nowA > KEYS.size() * 0.4 && nowA < KEYS.size() * 0.6, "a now has " + nowA);
    }

    @Test
    void keylessRequestsWalkTheRingSoEachServerGetsItsPointsPerTurn() throws Exception {
        Backend backend = backend(URI_CONSISTENT, "a 127.0.0.1:80", "b 127.0.0.2:80 weight 2", "c 127.0.0.3:80");
        // 16 points per unit of weight: one walk round the ring is 64 picks
        assertEquals(Map.of("a", 16, "b", 32, "c", 16), counts(backend, 64));
    }

    @Test
    void hashBalanceFactorBoundsTheLoadOfAHotKey() throws Exception {
        RequestView hot = SimpleRequestView.builder("GET", "/hot").build();
        Backend unbounded = backend(URI_CONSISTENT, servers(4, ""));
        for (int i = 0; i < 100; i++) {
            unbounded.pick(hot).requestStarted();
        }
        assertEquals(100, unbounded.servers().stream().mapToInt(Server::inFlight).max().orElseThrow());

        Backend bounded = backend(URI_CONSISTENT + "\n    hash-balance-factor 125", servers(4, ""));
        Server home = bounded.pick(hot);
        for (int i = 0; i < 100; i++) {
            Server s = bounded.pick(hot);
            int served = bounded.servers().stream().mapToInt(Server::inFlight).sum();
            // HAProxy's bound: ceil((served + 1) * 1.25) slots shared by 4 equal weights, at least 1
            long bound = Math.max(1, ((served + 1) * 125L + 99) / 100 / 4 + 1);
            assertTrue(s.inFlight() < bound, s + " has " + s.inFlight() + " of " + bound);
            s.requestStarted();
        }
        Map<String, Integer> load = new HashMap<>();
        bounded.servers().forEach(s -> load.put(s.name(), s.inFlight()));
        // each server fills up to the bound before the key spills over to the next one on the ring
        assertTrue(load.values().stream().allMatch(v -> v <= 32), load.toString());
        assertEquals(32, load.get(home.name()), load.toString());
        // once the load is gone, the key goes home again
        bounded.servers().forEach(s -> {
            while (s.inFlight() > 0) {
                s.requestEnded();
            }
        });
        assertEquals(home, bounded.pick(hot));
    }
}
