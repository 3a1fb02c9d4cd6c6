package io.ballast.proxy;

import io.ballast.core.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.SocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code http-request set-timeout server|tunnel}: the timeout of the exchanges the rule applies to, only. */
class SetTimeoutTest {

    @RegisterExtension
    final RunningBallast running = new RunningBallast();

    /** A listen section with 5 s client, server and tunnel timeouts, plus {@code lines}, in front of {@code port}. */
    private SocketAddress start(String lines, int port) throws Exception {
        String cfg = """
                defaults
                  mode http
                  timeout connect 1s
                  timeout client 5s
                  timeout server 5s
                  timeout tunnel 5s
                listen web
                  bind 127.0.0.1:%d
                %s
                  server s1 127.0.0.1:%d
                """.formatted(TestConfigs.freePort(), lines, port);
        return running.start(ConfigLoader.create().parse("timeouts.cfg", cfg).config());
    }

    private static int status(SocketAddress lb, String request) throws IOException {
        try (RawClient c = new RawClient(lb)) {
            return c.send(request).read().status();
        }
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Test
    void serverTimeoutFromATimeOrAnExpression() throws Exception {
        try (TestBackend web = new TestBackend("web01")) {
            SocketAddress lb = start("""
                      http-request set-timeout server 200ms if { hdr(x-hurry) -m found }
                      http-request set-timeout server req.hdr(x-wait) if { hdr(x-wait) -m found }
                    """, web.port());
            long started = System.nanoTime();
            assertEquals(504, status(lb, "GET /slow HTTP/1.1\r\nHost: t\r\nX-Hurry: 1\r\n\r\n"));
            assertTrue(millisSince(started) < 2500, "the rule's 200 ms, not 5 s: " + millisSince(started));
            started = System.nanoTime();
            assertEquals(504, status(lb, "GET /slow HTTP/1.1\r\nHost: t\r\nX-Wait: 300\r\n\r\n"));
            assertTrue(millisSince(started) < 2500, "the expression's 300 ms: " + millisSince(started));
            assertEquals(200, status(lb, "GET /slow HTTP/1.1\r\nHost: t\r\nX-Wait: none\r\n\r\n"),
                    "no number: the configured 5 s apply");
            assertEquals(200, status(lb, "GET /slow HTTP/1.1\r\nHost: t\r\n\r\n"));
        }
    }

    @Test
    void tunnelTimeoutClosesAQuietUpgradedConnection() throws Exception {
        try (ScriptedServer server = new ScriptedServer(c -> {
            c.readHead();
            c.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
            c.readToEnd();
        })) {
            SocketAddress lb = start("  http-request set-timeout tunnel 300ms", server.port());
            try (RawClient c = new RawClient(lb)) {
                c.send("GET /ws HTTP/1.1\r\nHost: t\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
                assertEquals(101, c.readHeadOnly().status());
                long started = System.nanoTime();
                assertTrue(c.closedByPeer());
                assertTrue(millisSince(started) < 2500, "closed after the rule's 300 ms of silence, not 5 s: "
                        + millisSince(started));
            }
        }
    }
}
