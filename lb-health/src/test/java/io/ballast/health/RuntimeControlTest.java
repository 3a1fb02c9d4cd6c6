package io.ballast.health;

import io.ballast.core.log.EventLog;
import io.ballast.core.server.Server;
import io.ballast.core.server.ServerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runtime API's controls (admin state, forced health, enabling checks) on real checks against real sockets,
 * with the log lines HAProxy 2.6.12 writes for the same commands.
 */
class RuntimeControlTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    @RegisterExtension
    final Closer closer = new Closer();

    private static void done(java.util.concurrent.CompletableFuture<Void> f) throws Exception {
        f.get(5, TimeUnit.SECONDS);
    }

    private static List<String> messages(ConfiguredChecks c) {
        return c.log.events.stream().map(e -> e.level() + " " + e.normalized()).toList();
    }

    @Test
    void adminStatesOfAServerWithoutChecks() throws Exception {
        Listener web = closer.track(new Listener(0));
        ConfiguredChecks c = closer.track(new ConfiguredChecks("backend be",
                "  server s1 127.0.0.1:" + web.port(), "  server s2 127.0.0.1:" + web.port()));
        Server s2 = c.server("be/s2");
        assertNull(c.checks.checkReport(s2), "no check, no report");
        assertEquals(new ControlState(0, 2, 0, 0), c.checks.controlState(s2));

        done(c.checks.setAdminState(s2, AdminState.DRAIN));
        assertEquals(ServerState.DRAIN, s2.state());
        assertEquals(ControlState.FORCED_DRAIN, c.checks.controlState(s2).adminFlags());
        done(c.checks.setAdminState(s2, AdminState.MAINT));
        assertEquals(ServerState.MAINT, s2.state());
        assertEquals(ControlState.FORCED_MAINT, c.checks.controlState(s2).adminFlags(), "maint leaves drain");
        done(c.checks.setAdminState(s2, AdminState.DRAIN));
        assertEquals(ServerState.DRAIN, s2.state());
        done(c.checks.setAdminState(s2, AdminState.READY));
        assertEquals(ServerState.UP, s2.state());
        done(c.checks.setAdminState(s2, AdminState.READY));

        assertEquals(List.of(
                "WARNING Server be/s2 enters drain state. 1 active and 0 backup servers online. 0 sessions requeued, 0"
                        + " total in queue.",
                "WARNING Server be/s2 is going DOWN for maintenance. 1 active and 0 backup servers left. 0 sessions"
                        + " active, 0 requeued, 0 remaining in queue.",
                "WARNING Server be/s2 is UP/DRAIN (leaving forced maintenance).",
                "WARNING Server be/s2 remains in forced drain mode.",
                "WARNING Server be/s2 is UP (leaving forced drain)."), messages(c));
    }

    @Test
    void forcedHealthHoldsOnAServerWithoutChecks() throws Exception {
        Listener web = closer.track(new Listener(0));
        ConfiguredChecks c = closer.track(new ConfiguredChecks("backend be", "  server s2 127.0.0.1:" + web.port()));
        Server s2 = c.server("be/s2");
        done(c.checks.forceHealth(s2, ForcedHealth.DOWN));
        assertEquals(ServerState.DOWN, s2.state());
        assertEquals(0, c.checks.controlState(s2).health());
        done(c.checks.forceHealth(s2, ForcedHealth.STOPPING));
        assertEquals(ServerState.NOLB, s2.state());
        done(c.checks.forceHealth(s2, ForcedHealth.UP));
        assertEquals(ServerState.UP, s2.state());
        assertEquals(4, c.checks.controlState(s2).health(), "rise + fall - 1");
        done(c.checks.forceHealth(s2, ForcedHealth.DOWN));
        done(c.checks.setAdminState(s2, AdminState.MAINT));
        done(c.checks.setAdminState(s2, AdminState.READY));
        assertEquals(ServerState.UP, s2.state(), "leaving maintenance brings an unchecked server up");

        assertEquals(List.of(
                "WARNING Server be/s2 is DOWN, changed from CLI. 0 active and 0 backup servers left. 0 sessions"
                        + " active, 0 requeued, 0 remaining in queue.",
                "ALERT backend 'be' has no server available!",
                "WARNING Server be/s2 is stopping, changed from CLI. 0 active and 0 backup servers online. 0 sessions"
                        + " requeued, 0 total in queue.",
                "WARNING Server be/s2 is UP, changed from CLI. 1 active and 0 backup servers online. 0 sessions"
                        + " requeued, 0 total in queue.",
                "WARNING Server be/s2 is DOWN, changed from CLI. 0 active and 0 backup servers left. 0 sessions"
                        + " active, 0 requeued, 0 remaining in queue.",
                "ALERT backend 'be' has no server available!",
                "WARNING Server be/s2 was DOWN and now enters maintenance.",
                "WARNING Server be/s2 is UP/READY (leaving forced maintenance)."), messages(c));
    }

    @Test
    void maintenanceStopsChecksAndReadyGoesBackToWhatTheySay() throws Exception {
        int dead = Listener.freePort();
        ConfiguredChecks c = closer.track(new ConfiguredChecks("backend be",
                "  server s1 127.0.0.1:" + dead + " check inter 100"));
        Server s1 = c.server("be/s1");
        c.awaitState("be/s1", ServerState.DOWN, c.startedNanos, WAIT);
        CheckReport down = c.checks.checkReport(s1);
        assertEquals("L4CON", down.status());
        assertEquals("Layer4 connection problem", down.description());
        assertEquals("Connection refused", down.info());
        assertEquals(0, down.code());
        assertEquals(2, down.rise());
        assertEquals(3, down.fall());
        assertEquals(0, down.health());
        assertTrue(down.failedChecks() >= 1);
        assertTrue(down.enabled());
        assertEquals(new ControlState(0, 0, 0x06, 0), c.checks.controlState(s1));

        done(c.checks.setAdminState(s1, AdminState.MAINT));
        assertEquals(ServerState.MAINT, s1.state());
        assertEquals(new ControlState(ControlState.FORCED_MAINT, 0, 0x0e, 0), c.checks.controlState(s1));
        ServerChecker checker = c.checks.checkers().get(0);
        int before = runOnLoop(checker, checker::checksRun);
        Thread.sleep(350);
        assertEquals(before, (int) runOnLoop(checker, checker::checksRun), "no check runs in maintenance");

        done(c.checks.setAdminState(s1, AdminState.READY));
        c.log.await("is UP/READY (leaving forced maintenance).", WAIT);
        c.awaitState("be/s1", ServerState.DOWN, c.startedNanos, WAIT);
        assertTrue(messages(c).contains("WARNING Server be/s1 was DOWN and now enters maintenance."), messages(c)
                .toString());
    }

    @Test
    void drainKeepsCheckingAndReadyLeavesDrainAsTheChecksSay() throws Exception {
        Listener web = closer.track(new Listener(0));
        ConfiguredChecks c = closer.track(new ConfiguredChecks("backend be",
                "  server s1 127.0.0.1:" + web.port() + " check inter 100",
                "  server s2 127.0.0.1:" + web.port()));
        Server s1 = c.server("be/s1");
        CapturingEventLog.await(() -> "L4OK".equals(c.checks.checkReport(s1).status()), WAIT, "a first check");
        assertEquals("Layer4 check passed", c.checks.checkReport(s1).description());

        done(c.checks.setAdminState(s1, AdminState.DRAIN));
        assertEquals(ServerState.DRAIN, s1.state());
        int accepted = web.accepted.get();
        CapturingEventLog.await(() -> web.accepted.get() > accepted + 1, WAIT, "checks while drained");
        done(c.checks.forceHealth(s1, ForcedHealth.DOWN));
        assertEquals(ServerState.DOWN, s1.state());
        done(c.checks.setAdminState(s1, AdminState.READY));
        assertEquals(ServerState.DOWN, s1.state(), "the checks have not brought it back yet");
        c.awaitState("be/s1", ServerState.UP, c.startedNanos, WAIT);

        List<String> log = messages(c);
        assertEquals("WARNING Server be/s1 enters drain state. 1 active and 0 backup servers online. 0 sessions"
                + " requeued, 0 total in queue.", log.get(0));
        assertEquals("WARNING Server be/s1 is DOWN, changed from CLI. 1 active and 0 backup servers left. 0 sessions"
                + " active, 0 requeued, 0 remaining in queue.", log.get(1));
        assertEquals("WARNING Server be/s1 is DOWN (leaving forced drain).", log.get(2));
        assertTrue(log.get(3).startsWith("WARNING Server be/s1 is UP, reason: Layer4 check passed"), log.toString());
    }

    @Test
    void disabledChecksStopRunningAndShowInTheReport() throws Exception {
        Listener web = closer.track(new Listener(0));
        ConfiguredChecks c = closer.track(new ConfiguredChecks("backend be",
                "  server s1 127.0.0.1:" + web.port() + " check inter 100",
                "  server s2 127.0.0.1:" + web.port()));
        Server s1 = c.server("be/s1");
        CapturingEventLog.await(() -> web.accepted.get() > 0, WAIT, "a first check");
        done(c.checks.enableHealthCheck(s1, false));
        assertFalse(c.checks.checkReport(s1).enabled());
        assertEquals(0x02, c.checks.controlState(s1).checkFlags());
        Thread.sleep(150); // a check under way when disabled may still complete
        int accepted = web.accepted.get();
        Thread.sleep(350);
        assertEquals(accepted, web.accepted.get(), "no check while disabled");
        done(c.checks.enableHealthCheck(s1, true));
        assertTrue(c.checks.checkReport(s1).enabled());
        CapturingEventLog.await(() -> web.accepted.get() > accepted, WAIT, "checks again");

        Server s2 = c.server("be/s2");
        done(c.checks.enableHealthCheck(s2, true));
        assertFalse(c.checks.controlState(s2).hasHealthCheck(), "enabling a check that is not configured does nothing");
        done(c.checks.enableAgent(s2, true));
        assertFalse(c.checks.controlState(s2).hasAgent());
    }

    @Test
    void forcedAgentStateAndDisabledAgent() throws Exception {
        Listener web = closer.track(new Listener(0));
        AgentAndObserveTest.Agent agent = closer.track(new AgentAndObserveTest.Agent());
        ConfiguredChecks c = closer.track(new ConfiguredChecks("backend be", "  server a1 127.0.0.1:" + web.port()
                + " agent-check agent-port " + agent.port() + " agent-inter 100", "  server a2 127.0.0.1:"
                + web.port()));
        Server a1 = c.server("be/a1");
        assertEquals(new ControlState(0, 2, 0, 0x16), c.checks.controlState(a1), "agent configured and enabled");
        assertNull(c.checks.checkReport(a1), "an agent alone is no health check");
        done(c.checks.enableAgent(a1, false));
        assertEquals(0x12, c.checks.controlState(a1).agentFlags());
        done(c.checks.forceAgent(a1, false));
        assertEquals(ServerState.DOWN, a1.state());
        assertTrue(messages(c).contains("WARNING Server be/a1 is DOWN, changed from CLI. 1 active and 0 backup servers"
                + " left. 0 sessions active, 0 requeued, 0 remaining in queue."), messages(c).toString());
        Thread.sleep(300);
        assertEquals(ServerState.DOWN, a1.state(), "a disabled agent does not bring it back");
        done(c.checks.enableAgent(a1, true));
        done(c.checks.forceAgent(a1, true));
        assertEquals(ServerState.UP, a1.state());
        done(c.checks.forceAgent(c.server("be/a2"), false));
        assertEquals(ServerState.UP, c.server("be/a2").state(), "a server without agent has no agent to force");
    }

    @Test
    void aConfigDisabledServerKeepsItsConfigurationFlag() throws Exception {
        Listener web = closer.track(new Listener(0));
        ConfiguredChecks c = closer.track(new ConfiguredChecks("backend be",
                "  server s3 127.0.0.1:" + web.port() + " disabled"));
        Server s3 = c.server("be/s3");
        assertEquals(new ControlState(ControlState.CONFIG_MAINT | ControlState.FORCED_MAINT, 0, 0, 0),
                c.checks.controlState(s3), "as HAProxy shows it: admin state 5, health 0");
        done(c.checks.setAdminState(s3, AdminState.READY));
        assertEquals(ServerState.UP, s3.state());
        assertEquals(new ControlState(ControlState.CONFIG_MAINT, 2, 0, 0), c.checks.controlState(s3),
                "as HAProxy shows it: admin state 4");
    }

    @Test
    void changesFailOnceClosedAndForeignServersAreRefused() throws Exception {
        Listener web = closer.track(new Listener(0));
        ConfiguredChecks c = new ConfiguredChecks("backend be", "  server s1 127.0.0.1:" + web.port());
        Server foreign = new Server("other", c.server("be/s1").config());
        assertThrows(IllegalArgumentException.class, () -> c.checks.controlState(foreign));
        c.close();
        assertTrue(c.checks.setAdminState(c.server("be/s1"), AdminState.MAINT).isCompletedExceptionally());
        assertEquals(0, c.log.events.stream().filter(e -> e.level() == EventLog.Level.WARNING).count());
    }

    private static <T> T runOnLoop(ServerChecker checker, java.util.function.Supplier<T> what) throws Exception {
        return checker.loop().submit(what::get).get(5, TimeUnit.SECONDS);
    }
}
