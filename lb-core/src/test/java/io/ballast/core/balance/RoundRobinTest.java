package io.ballast.core.balance;

import io.ballast.core.config.HealthCheckConfig;
import io.ballast.core.config.HttpReuse;
import io.ballast.core.config.RetryOn;
import io.ballast.core.config.ServerCheckSettings;
import io.ballast.core.config.BackendConfig;
import io.ballast.core.config.BalanceSpec;
import io.ballast.core.config.HttpConnectionMode;
import io.ballast.core.config.InetEndpoint;
import io.ballast.core.config.ProxyMode;
import io.ballast.core.config.ServerConfig;
import io.ballast.core.config.SourceLocation;
import io.ballast.core.config.Timeouts;
import io.ballast.core.server.Backend;
import io.ballast.core.server.Server;
import io.ballast.core.server.ServerState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoundRobinTest {

    private static final SourceLocation HERE = new SourceLocation("t.cfg", 1);

    private static ServerConfig server(String name, int weight, boolean backup) {
        InetEndpoint address = new InetEndpoint("127.0.0.1:80", "127.0.0.1", InetEndpoint.AddressFamily.IPV4, 80, 80);
        return new ServerConfig(name, address, weight, backup, false, 0, false, 0, 2000, 0, 0, 2, 3, HERE, ServerCheckSettings.DEFAULTS);
    }

    private static Backend backend(ServerConfig... servers) {
        BackendConfig config = new BackendConfig("be", ProxyMode.HTTP, BalanceSpec.ROUND_ROBIN, List.of(servers),
                Timeouts.NONE, 3, null, HttpConnectionMode.KEEP_ALIVE, Map.of(), List.of(), HERE, HealthCheckConfig.CONNECT, HttpReuse.SAFE, 0, RetryOn.DEFAULT);
        return new Backend(config, BalanceAlgorithms.create(BalanceSpec.ROUND_ROBIN));
    }

    private static List<String> picks(Backend backend, int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Server s = backend.pick(null);
            names.add(s == null ? null : s.name());
        }
        return names;
    }

    @Test
    void equalWeightsAlternate() {
        assertEquals(List.of("web01", "web02", "web01", "web02"),
                picks(backend(server("web01", 1, false), server("web02", 1, false)), 4));
    }

    @Test
    void weightsAreHonouredAndInterleaved() {
        List<String> order = picks(backend(server("a", 3, false), server("b", 1, false)), 8);
        assertEquals(List.of("a", "a", "b", "a", "a", "a", "b", "a"), order);
    }

    @Test
    void distributionFollowsWeightsOverManyPicks() {
        Map<String, Integer> counts = new HashMap<>();
        for (String name : picks(backend(server("a", 5, false), server("b", 3, false), server("c", 2, false)), 1000)) {
            counts.merge(name, 1, Integer::sum);
        }
        assertEquals(500, counts.get("a"));
        assertEquals(300, counts.get("b"));
        assertEquals(200, counts.get("c"));
    }

    @Test
    void downServersAreSkippedAndComeBack() {
        Backend backend = backend(server("web01", 1, false), server("web02", 1, false));
        backend.server("web02").setState(ServerState.DOWN);
        assertEquals(List.of("web01", "web01", "web01"), picks(backend, 3));
        backend.server("web02").setState(ServerState.UP);
        assertTrue(picks(backend, 2).contains("web02"));
    }

    @Test
    void weightZeroTakesNoNewTraffic() {
        Backend backend = backend(server("web01", 1, false), server("web02", 0, false));
        assertEquals(List.of("web01", "web01", "web01"), picks(backend, 3));
    }

    @Test
    void firstBackupServesOnlyWhenNoActiveServerIsUsable() {
        Backend backend = backend(server("active", 1, false), server("spare1", 1, true), server("spare2", 1, true));
        assertEquals(List.of("active", "active"), picks(backend, 2));
        backend.server("active").setState(ServerState.DOWN);
        assertEquals(List.of("spare1", "spare1", "spare1"), picks(backend, 3));
        backend.server("spare1").setState(ServerState.DOWN);
        assertEquals(List.of("spare2"), picks(backend, 1));
        backend.server("spare2").setState(ServerState.DOWN);
        assertNull(backend.pick(null));
    }

    @Test
    void runtimeWeightChangesRebuildTheSelector() {
        Backend backend = backend(server("a", 1, false), server("b", 1, false));
        backend.server("b").setWeight(3);
        assertEquals(List.of("b", "a", "b", "b"), picks(backend, 4));
        assertThrows(IllegalArgumentException.class, () -> backend.server("a").setWeight(257));
    }

    @Test
    void algorithmsAreFoundByNameThroughTheServiceLoader() {
        assertTrue(BalanceAlgorithms.names().contains("roundrobin"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BalanceAlgorithms.create(new BalanceSpec("nosuch", List.of())));
        assertTrue(e.getMessage().matches("unknown balancing algorithm 'nosuch'; available: .*roundrobin.*"), e.getMessage());
    }
}
