package io.ballast.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.ballast.core.balance.BalanceAlgorithms;
import io.ballast.core.config.BackendConfig;
import io.ballast.core.config.ConfigLoader;
import io.ballast.core.stats.Counter;
import org.junit.jupiter.api.Test;

import java.util.List;

/** What a reload's backend takes over from the one it replaces ({@link Backend#succeeding}). */
class BackendSuccessionTest {

    private static BackendConfig config(String servers) throws Exception {
        return ConfigLoader.create().parse("t.cfg", "backend be\n" + servers).config().backends().get(0);
    }

    private static Backend backend(BackendConfig config) {
        return new Backend(config, BalanceAlgorithms.create(config.balance()));
    }

    private static Backend succeeding(Backend previous, BackendConfig config) {
        return Backend.succeeding(previous, config, BalanceAlgorithms.create(config.balance()));
    }

    @Test
    void anUnchangedServerIsTheSameServerAndAChangedOneKeepsItsCountersAndState() throws Exception {
        Backend old = backend(config("  server s1 127.0.0.1:1\n  server s2 127.0.0.1:2\n"));
        Server s1 = old.server("s1");
        Server s2 = old.server("s2");
        s2.requestStarted();
        s2.requestEnded();
        s2.setState(ServerState.DRAIN);
        Backend next = succeeding(old, config("\n  server s1 127.0.0.1:1\n  server s2 127.0.0.1:2 weight 3\n"));
        next.takeOver();
        assertSame(s1, next.server("s1"), "the line only moved");
        Server s2After = next.server("s2");
        assertNotSame(s2, s2After);
        assertEquals(3, s2After.weight(), "the line's new weight");
        assertEquals(ServerState.DRAIN, s2After.state(), "same address: the state goes on");
        assertEquals(1, s2After.counters().get(Counter.SESSIONS), "counters go on");
        assertSame(next, s1.backend(), "the carried server reports to the new backend once taken over");
    }

    @Test
    void serverIdsFollowTheNewConfigurationsOrderAndThePreviousBackendKeepsItsOwn() throws Exception {
        Backend old = backend(config("  server s1 127.0.0.1:1\n  server s2 127.0.0.1:2\n"));
        Server s2 = old.server("s2");
        Backend next = succeeding(old, config("  server s0 127.0.0.1:3\n  server s2 127.0.0.1:2\n"));
        assertSame(s2, next.server("s2"));
        assertEquals(2, old.serverId(s2), "until the new configuration serves, and after a failed reload");
        assertEquals(2, next.serverId(s2));
        assertEquals(1, next.serverId(next.server("s0")));
        assertEquals(0, next.serverId(old.server("s1")), "not a server of the new backend");
    }

    @Test
    void serversWithoutAnIdTakeTheLowestFreeOnesInOrder() throws Exception {
        Backend be = backend(config("  server a 127.0.0.1:1 id 2\n  server b 127.0.0.1:2\n  server c 127.0.0.1:3\n"
                + "  server d 127.0.0.1:4 id 5\n  server e 127.0.0.1:5\n"));
        assertEquals(List.of(2, 1, 3, 5, 4), be.servers().stream().map(be::serverId).toList());
    }

    @Test
    void nothingOfThePreviousBackendChangesBeforeTakeOver() throws Exception {
        Backend old = backend(config("  server s1 127.0.0.1:1\n"));
        Server s1 = old.server("s1");
        Backend next = succeeding(old, config("  server s1 127.0.0.1:1 disabled\n")); // goes to maintenance
        assertEquals(ServerState.MAINT, next.server("s1").state());
        assertEquals(0, s1.history().transitionsToDown(), "the shared history waits for takeOver");
        assertEquals(1, old.usableActiveServers());
        assertEquals(0, next.usableActiveServers(), "no selector before takeOver");
        next.takeOver();
        assertEquals(1, s1.history().transitionsToDown());
        next.takeOver(); // a later reload carrying the same server over records nothing twice
        assertEquals(1, s1.history().transitionsToDown());
    }
}
