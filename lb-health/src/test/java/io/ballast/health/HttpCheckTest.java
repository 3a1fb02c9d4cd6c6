package io.ballast.health;

import io.ballast.core.server.ServerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTP checks against a real HTTP server whose answer changes, with HAProxy 2.6's log lines (verified by running
 * haproxy 2.6.12 against a python http.server with the same configurations) and its timing: with {@code fall 2} a
 * fully up server goes DOWN at the second failed check, i.e. between one and two {@code inter} after the change.
 */
class HttpCheckTest {

    private static final long INTER = 200;
    private static final Duration WAIT = Duration.ofSeconds(5);
    @RegisterExtension
    final Closer closer = new Closer();

    private <T extends AutoCloseable> T track(T c) {
        return closer.track(c);
    }

    private static void assertWithinOneInter(long ms, int checks) {
        long haproxyMin = (checks - 1) * INTER;
        long haproxyMax = checks * INTER;
        assertTrue(ms >= haproxyMin - 50 && ms <= haproxyMax + INTER, "took " + ms + "ms; HAProxy takes "
                + haproxyMin + ".." + haproxyMax + "ms");
    }

    @Test
    void statusDrivesTheStateWithHaproxysWording() throws Exception {
        CheckedHttpServer web = track(new CheckedHttpServer(0));
        CheckedHttpServer other = track(new CheckedHttpServer(0));
        ConfiguredChecks c = track(new ConfiguredChecks("backend be_web", "  option httpchk GET /health",
                "  http-check disable-on-404",
                "  server s1 127.0.0.1:" + web.port() + " check inter " + INTER + " rise 2 fall 2",
                "  server s2 127.0.0.1:" + other.port() + " check inter " + INTER));
        CapturingEventLog.await(() -> web.requests.get() >= 3, WAIT, "3 checks");
        assertEquals("GET /health HTTP/1.0 host=null", web.lastRequestLine);
        assertEquals(ServerState.UP, c.server("be_web/s1").state());
        assertTrue(c.log.events.isEmpty(), () -> "unexpected " + c.log.events);

        long t = System.nanoTime();
        web.status.set(500);
        assertWithinOneInter(c.awaitState("be_web/s1", ServerState.DOWN, t, WAIT), 2);
        assertEquals("Server be_web/s1 is DOWN, reason: Layer7 wrong status, code: 500, info: \"Internal Server "
                + "Error\", check duration: Nms. 1 active and 0 backup servers left. 0 sessions active, 0 requeued, "
                + "0 remaining in queue.", c.log.await("s1 is DOWN", WAIT).normalized());

        t = System.nanoTime();
        web.status.set(200);
        assertWithinOneInter(c.awaitState("be_web/s1", ServerState.UP, t, WAIT), 2);
        assertEquals("Server be_web/s1 is UP, reason: Layer7 check passed, code: 200, check duration: Nms. 2 active "
                + "and 0 backup servers online. 0 sessions requeued, 0 total in queue.",
                c.log.await("s1 is UP", WAIT).normalized());

        t = System.nanoTime();
        web.status.set(404);
        assertWithinOneInter(c.awaitState("be_web/s1", ServerState.NOLB, t, WAIT), 1);
        assertEquals("Server be_web/s1 is stopping, reason: Layer7 check conditionally passed, code: 404, check "
                + "duration: Nms. 1 active and 0 backup servers online. 0 sessions requeued, 0 total in queue.",
                c.log.await("is stopping", WAIT).normalized());
        for (int i = 0; i < 10; i++) {
            assertEquals("s2", c.backends.get(0).pick(null).name(), "a NOLB server takes no new traffic");
        }
        web.status.set(200);
        c.awaitState("be_web/s1", ServerState.UP, t, WAIT);
        assertEquals(4, c.log.events.size(), () -> "unexpected " + c.log.events);
    }

    @Test
    void stoppedServerIsRefusedThenComesBack() throws Exception {
        CheckedHttpServer web = track(new CheckedHttpServer(0));
        ConfiguredChecks c = track(new ConfiguredChecks("backend be", "  option httpchk",
                "  server s1 127.0.0.1:" + web.port() + " check inter " + INTER + " fall 3 rise 2"));
        CapturingEventLog.await(() -> web.requests.get() >= 2, WAIT, "2 checks");
        assertEquals("OPTIONS / HTTP/1.0 host=null", web.lastRequestLine);
        long t = System.nanoTime();
        web.stop();
        assertWithinOneInter(c.awaitState("be/s1", ServerState.DOWN, t, WAIT), 3);
        assertEquals("Server be/s1 is DOWN, reason: Layer4 connection problem, info: \"Connection refused\", check "
                + "duration: Nms. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in "
                + "queue.", c.log.await("is DOWN", WAIT).normalized());
        assertEquals("backend 'be' has no server available!", c.log.await("no server", WAIT).message());
        t = System.nanoTime();
        web.start();
        assertWithinOneInter(c.awaitState("be/s1", ServerState.UP, t, WAIT), 2);
    }

    @Test
    void sendAndExpectRules() throws Exception {
        CheckedHttpServer web = track(new CheckedHttpServer(0));
        ConfiguredChecks c = track(new ConfiguredChecks("backend be", "  option httpchk",
                "  http-check send meth GET uri /x ver HTTP/1.1 hdr Host app.local",
                "  http-check expect string nothere",
                "  server s1 127.0.0.1:" + web.port() + " check inter " + INTER + " fall 1",
                "backend be2", "  option httpchk",
                "  http-check expect ! rstring al+",
                "  server s1 127.0.0.1:" + web.port() + " check inter " + INTER + " fall 1",
                "backend be3", "  option httpchk GET /",
                "  http-check expect status 200-299,404",
                "  server s1 127.0.0.1:" + web.port() + " check inter " + INTER + " fall 1"));
        assertEquals("Server be/s1 is DOWN, reason: Layer7 invalid response, info: \"HTTP content check did not "
                + "match\", check duration: Nms. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, "
                + "0 remaining in queue.", c.log.await("be/s1 is DOWN", WAIT).normalized());
        String be2 = c.log.await("be2/s1 is DOWN", WAIT).message();
        assertTrue(be2.contains("reason: Layer7 invalid response, info: \"HTTP check matched unwanted content\""), be2);
        web.status.set(404);
        Thread.sleep(3 * INTER);
        assertEquals(ServerState.UP, c.server("be3/s1").state());
        web.status.set(503);
        String be3 = c.log.await("be3/s1 is DOWN", WAIT).message();
        assertTrue(be3.contains("Layer7 wrong status, code: 503, info: \"Service Unavailable\""), be3);
    }

    @Test
    void timeoutCheckBoundsTheWaitForTheAnswer() throws Exception {
        // The kernel accepts connections into the backlog, but nothing ever answers.
        ServerSocket silent = track(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        ConfiguredChecks c = track(new ConfiguredChecks("backend be", "  option httpchk", "  timeout check 300ms",
                "  server s1 127.0.0.1:" + silent.getLocalPort() + " check inter 2s fall 1"));
        CapturingEventLog.Event down = c.log.await("is DOWN", WAIT);
        assertTrue(down.normalized().startsWith("Server be/s1 is DOWN, reason: Layer7 timeout, check duration: Nms."),
                down.message());
        long ms = Long.parseLong(down.message().replaceAll(".*check duration: (\\d+)ms.*", "$1"));
        assertTrue(ms >= 290 && ms < 1000, "timed out after timeout check (300ms), not inter: " + ms);
    }
}
