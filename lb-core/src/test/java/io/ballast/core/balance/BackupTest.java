package io.ballast.core.balance;

import io.ballast.core.server.Backend;
import io.ballast.core.server.ServerState;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.ballast.core.balance.BalanceTestSupport.backend;
import static io.ballast.core.balance.BalanceTestSupport.counts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class BackupTest {

    private static final String[] SERVERS = {"a 127.0.0.1:81", "b 127.0.0.1:82", "c 127.0.0.1:83 backup",
            "d 127.0.0.1:84 backup weight 3"};

    @Test
    void backupsServeOnlyWhenEveryActiveServerIsDownAndOnlyTheFirstOne() throws Exception {
        for (String algorithm : new String[] {"roundrobin", "leastconn", "random", "static-rr", "first", "source"}) {
            Backend backend = backend(algorithm, SERVERS);
            assertEquals(0, counts(backend, 40).get("c") + counts(backend, 40).get("d"), algorithm);
            backend.server("a").setState(ServerState.DOWN);
            assertEquals(0, counts(backend, 40).get("c") + counts(backend, 40).get("d"), algorithm);
            backend.server("b").setState(ServerState.MAINT);
            assertEquals(Map.of("a", 0, "b", 0, "c", 40, "d", 0), counts(backend, 40), algorithm);
            backend.server("c").setState(ServerState.DOWN);
            assertEquals(Map.of("a", 0, "b", 0, "c", 0, "d", 40), counts(backend, 40), algorithm);
            backend.server("d").setState(ServerState.DOWN);
            assertNull(backend.pick(null), algorithm);
        }
    }

    @Test
    void allBackupsShareTheLoadByWeight() throws Exception {
        Backend backend = backend("roundrobin\n    option allbackups", SERVERS);
        assertEquals(Map.of("a", 20, "b", 20, "c", 0, "d", 0), counts(backend, 40));
        backend.server("a").setState(ServerState.DOWN);
        backend.server("b").setState(ServerState.DOWN);
        assertEquals(Map.of("a", 0, "b", 0, "c", 10, "d", 30), counts(backend, 40));
        backend.server("b").setState(ServerState.UP);
        assertEquals(Map.of("a", 0, "b", 40, "c", 0, "d", 0), counts(backend, 40));
    }

    @Test
    void allBackupsAppliesToConsistentHashingToo() throws Exception {
        Backend backend = backend("uri\n    hash-type consistent\n    option allbackups", SERVERS);
        backend.server("a").setState(ServerState.DOWN);
        backend.server("b").setState(ServerState.DOWN);
        // one walk round the ring of the two backups: 16 points for c, 48 for d
        assertEquals(Map.of("a", 0, "b", 0, "c", 16, "d", 48), counts(backend, 64));
    }
}
