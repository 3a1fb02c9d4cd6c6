package io.ballast.health;

import io.ballast.core.server.ServerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Agent checks against a real agent (a TCP server answering one line) and passive observation of real traffic
 * outcomes, with HAProxy 2.6.12's log lines for the same agent replies.
 */
class AgentAndObserveTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    @RegisterExtension
    final Closer closer = new Closer();

    private <T extends AutoCloseable> T track(T c) {
        return closer.track(c);
    }

    /** An agent: reads what the check sends, answers {@link #reply} and closes. */
    static final class Agent implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        volatile String reply = "up\n";
        volatile String received = "";

        Agent() throws IOException {
            Thread t = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket s = socket.accept()) {
                        s.setSoTimeout(100);
                        try {
                            InputStream in = s.getInputStream();
                            byte[] buf = new byte[100];
                            int n = in.read(buf);
                            received = n > 0 ? new String(buf, 0, n, StandardCharsets.US_ASCII) : "";
                        } catch (IOException e) {
                            received = "";
                        }
                        s.getOutputStream().write(reply.getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException e) {
                        // closed
                    }
                }
            }, "agent");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void agentRepliesChangeStateAndWeight() throws Exception {
        Listener web = track(new Listener(0));
        Listener other = track(new Listener(0));
        Agent agent = track(new Agent());
        agent.reply = "up 75%\n";
        ConfiguredChecks c = track(new ConfiguredChecks("backend be", "  server a1 127.0.0.1:" + web.port()
                + " check inter 200 weight 100 agent-check agent-port " + agent.port() + " agent-inter 100"
                + " agent-send hello\\n", "  server a2 127.0.0.1:" + other.port() + " check inter 200"));
        CapturingEventLog.await(() -> c.server("be/a1").weight() == 75, WAIT, "weight 75");
        assertEquals("hello\n", agent.received);

        long t = System.nanoTime();
        agent.reply = "drain\n";
        assertTrue(c.awaitState("be/a1", ServerState.DRAIN, t, WAIT) <= 100 + 100, "within one agent-inter");
        assertEquals("Server be/a1 enters drain state. 1 active and 0 backup servers online. 0 sessions requeued, 0 "
                + "total in queue.", c.log.await("drain", WAIT).message());
        for (int i = 0; i < 5; i++) {
            assertEquals("a2", c.backends.get(0).pick(null).name());
        }
        agent.reply = "ready 50%\n";
        c.awaitState("be/a1", ServerState.UP, t, WAIT);
        assertEquals("Server be/a1 is UP (leaving forced drain).", c.log.await("leaving forced drain", WAIT).message());
        CapturingEventLog.await(() -> c.server("be/a1").weight() == 50, WAIT, "weight 50");

        agent.reply = "fail\n";
        c.awaitState("be/a1", ServerState.DOWN, t, WAIT);
        assertEquals("Server be/a1 is DOWN, reason: Layer7 wrong status, code: 0, info: \"via agent : fail\", "
                + "check duration: Nms. 1 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 "
                + "remaining in queue.", c.log.await("a1 is DOWN", WAIT).normalized());
        agent.reply = "up\n";
        c.awaitState("be/a1", ServerState.UP, t, WAIT);
        assertTrue(c.log.await("via agent : up", WAIT).normalized().startsWith("Server be/a1 is UP, reason: Layer7 "
                + "check passed, code: 0, info: \"via agent : up\", check duration: Nms. 2 active"));

        agent.reply = "maint\n";
        c.awaitState("be/a1", ServerState.MAINT, t, WAIT);
        assertEquals("Server be/a1 is going DOWN for maintenance. 1 active and 0 backup servers left. 0 sessions "
                + "active, 0 requeued, 0 remaining in queue.", c.log.await("maintenance", WAIT).message());
        agent.reply = "ready\n";
        c.awaitState("be/a1", ServerState.UP, t, WAIT);
        assertEquals("Server be/a1 is UP/READY (leaving forced maintenance).",
                c.log.await("leaving forced maintenance", WAIT).message());

        agent.reply = "bogus words\n";
        Thread.sleep(300);
        assertEquals(ServerState.UP, c.server("be/a1").state(), "an unknown word changes nothing");
        agent.close();
        Thread.sleep(300);
        assertEquals(ServerState.UP, c.server("be/a1").state(), "an unreachable agent is not an error");
    }

    @Test
    void observedErrorsTakeAServerDown() throws Exception {
        Listener web = track(new Listener(0));
        ConfiguredChecks c = track(new ConfiguredChecks("backend be",
                "  server s1 127.0.0.1:" + web.port() + " check inter 10s fastinter 100 rise 2 fall 3 observe layer7 "
                        + "error-limit 3 on-error mark-down",
                "  server s2 127.0.0.1:" + web.port() + " check inter 10s observe layer7 error-limit 2",
                "  server s3 127.0.0.1:" + web.port() + " check inter 10s"));
        io.ballast.core.server.Server s1 = c.server("be/s1");
        for (int i = 0; i < 2; i++) {
            c.checks.reportOutcome(s1, ObservedOutcome.ofStatus(503));
        }
        c.checks.reportOutcome(s1, ObservedOutcome.ofStatus(404)); // a valid response resets the count
        c.checks.reportOutcome(s1, ObservedOutcome.L4_OK);         // ignored under layer7
        long t = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            c.checks.reportOutcome(s1, ObservedOutcome.ofStatus(503));
        }
        assertTrue(c.awaitState("be/s1", ServerState.DOWN, t, WAIT) < 100, "mark-down is immediate");
        assertEquals("Server be/s1 is DOWN, reason: Health analyze, info: \"Detected 3 consecutive errors, last one "
                + "was: Wrong http response\". 2 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 "
                + "remaining in queue.", c.log.await("s1 is DOWN", WAIT).message());
        // the next check runs after fastinter, not inter: the server is back after rise=2 checks
        assertTrue(c.awaitState("be/s1", ServerState.UP, t, WAIT) < 100 + 100 + 200, "rises at fastinter pace");

        io.ballast.core.server.Server s2 = c.server("be/s2");
        c.checks.reportOutcome(s2, ObservedOutcome.L4_ERROR);
        c.checks.reportOutcome(s2, ObservedOutcome.HTTP_BROKEN_PIPE);
        // fail-check counts as one failed check; before its first check (at 10s/3, spread) the server is barely up
        // (health = rise), so that one failure takes it down, as HAProxy does at startup
        assertTrue(c.log.await("s2 is DOWN", WAIT).message().contains("reason: Health analyze, info: \"Detected 2 "
                + "consecutive errors, last one was: Close from server (http)\". 2 active"));
        c.checks.reportOutcome(c.server("be/s3"), ObservedOutcome.ofStatus(500)); // not observed: no effect
        assertEquals(ServerState.UP, c.server("be/s3").state());
    }
}
