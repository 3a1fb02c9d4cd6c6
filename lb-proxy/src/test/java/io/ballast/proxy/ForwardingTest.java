package io.ballast.proxy;

import io.ballast.core.config.ForwardFor;
import io.ballast.core.config.HttpConnectionMode;
import io.ballast.core.config.Timeouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForwardingTest {

    private TestBackend web01;
    private TestBackend web02;
    @RegisterExtension
    final RunningBallast running = new RunningBallast();

    @BeforeEach
    void backends() throws IOException {
        web01 = new TestBackend("web01");
        web02 = new TestBackend("web02");
    }

    @AfterEach
    void stop() {
        web01.close();
        web02.close();
    }

    private SocketAddress start(io.ballast.core.config.BallastConfig config) throws Exception {
        return running.start(config);
    }

    private SocketAddress startBoth() throws Exception {
        return start(TestConfigs.http(TestConfigs.server("web01", web01.port()), TestConfigs.server("web02", web02.port())));
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: test\r\n\r\n";
    }

    @Test
    void keepAliveRequestsAlternateBetweenServers() throws Exception {
        try (RawClient c = new RawClient(startBoth())) {
            StringBuilder seen = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                RawClient.Response r = c.send(get("/")).read();
                assertEquals(200, r.status());
                seen.append(r.body()).append(' ');
            }
            assertEquals("web01 web02 web01 web02 ", seen.toString());
        }
    }

    @Test
    void contentLengthBodyIsForwarded() throws Exception {
        try (RawClient c = new RawClient(start(TestConfigs.http(TestConfigs.server("web01", web01.port()))))) {
            RawClient.Response r = c.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 11\r\n\r\nhello world").read();
            assertEquals("web01 POST /echo xff=null body=hello world", r.body());
        }
    }

    @Test
    void chunkedBodyIsForwarded() throws Exception {
        try (RawClient c = new RawClient(start(TestConfigs.http(TestConfigs.server("web01", web01.port()))))) {
            RawClient.Response r = c.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n").read();
            assertEquals("web01 POST /echo xff=null body=hello world", r.body());
        }
    }

    @Test
    void notFoundPassesThroughUnchanged() throws Exception {
        try (RawClient c = new RawClient(start(TestConfigs.http(TestConfigs.server("web01", web01.port()))))) {
            RawClient.Response r = c.send(get("/missing")).read();
            assertEquals(404, r.status());
            assertEquals("no such page on web01", r.body());
            assertEquals("web01", r.header("X-Backend"));
        }
    }

    @Test
    void forwardForAppendsTheClientAddress() throws Exception {
        SocketAddress lb = start(TestConfigs.http(new Timeouts(2000, 5000, 5000, 0, 0, 0, 0, 0, 0, 0, 0),
                HttpConnectionMode.KEEP_ALIVE, new ForwardFor(ForwardFor.DEFAULT_HEADER, null, false),
                TestConfigs.server("web01", web01.port())));
        try (RawClient c = new RawClient(lb)) {
            assertTrue(c.send(get("/echo")).read().body().contains("xff=127.0.0.1"));
        }
    }

    @Test
    void headResponseHasNoBodyAndTheConnectionStaysUsable() throws Exception {
        try (RawClient c = new RawClient(start(TestConfigs.http(TestConfigs.server("web01", web01.port()))))) {
            RawClient.Response head = c.send("HEAD / HTTP/1.1\r\nHost: t\r\n\r\n").readHeadOnly();
            assertEquals(200, head.status());
            assertEquals("5", head.header("Content-Length"));
            assertEquals("web01", c.send(get("/")).read().body());
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (RawClient c = new RawClient(startBoth())) {
            c.send(get("/echo?1") + get("/echo?2") + get("/echo?3"));
            assertTrue(c.read().body().startsWith("web01 GET /echo?1"));
            assertTrue(c.read().body().startsWith("web02 GET /echo?2"));
            assertTrue(c.read().body().startsWith("web01 GET /echo?3"));
        }
    }

    @Test
    void http10ClientWithoutKeepAliveIsClosedAfterTheResponse() throws Exception {
        try (RawClient c = new RawClient(start(TestConfigs.http(TestConfigs.server("web01", web01.port()))))) {
            RawClient.Response r = c.send("GET / HTTP/1.0\r\n\r\n").read();
            assertEquals(200, r.status());
            assertTrue(c.closedByPeer());
        }
    }

    @Test
    void malformedRequestGets400AndIsNeverForwarded() throws Exception {
        try (RawClient c = new RawClient(start(TestConfigs.http(TestConfigs.server("web01", web01.port()))))) {
            RawClient.Response r = c.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab").read();
            assertEquals(400, r.status());
            assertTrue(c.closedByPeer());
        }
        assertEquals(0, web01.requests.get());
    }

    @Test
    void refusedServerGives503AfterRetries() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (RawClient c = new RawClient(start(TestConfigs.http(TestConfigs.server("dead", closedPort))))) {
            long t0 = System.nanoTime();
            RawClient.Response r = c.send(get("/")).read();
            assertEquals(503, r.status());
            assertTrue(r.body().contains("No server is available"));
            assertTrue(System.nanoTime() - t0 < 8_000_000_000L, "retries must not hang");
        }
    }

    /** Two servers, the first refusing connections; retries and redispatch as {@code extra} sets them. */
    private SocketAddress startWithDeadFirst(String extra) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String cfg = """
                defaults
                  mode http
                  timeout connect 200ms
                  timeout client 5s
                  timeout server 5s
                frontend fe
                  bind 127.0.0.1:%d
                  default_backend be
                backend be
                  balance first
                %s
                  server dead 127.0.0.1:%d
                  server web02 127.0.0.1:%d
                """.formatted(TestConfigs.freePort(), extra, closedPort, web02.port());
        return start(io.ballast.core.config.ConfigLoader.create().parse("redispatch.cfg", cfg).config());
    }

    @Test
    void withoutOptionRedispatchRetriesStayOnTheSameServer() throws Exception {
        SocketAddress lb = startWithDeadFirst("  retries 2");
        try (RawClient c = new RawClient(lb)) {
            assertEquals(503, c.send(get("/")).read().status());
        }
        assertEquals(0, web02.requests.get());
    }

    @Test
    void optionRedispatchSendsTheLastRetryToAnotherServer() throws Exception {
        SocketAddress lb = startWithDeadFirst("  retries 2\n  option redispatch");
        for (int i = 0; i < 3; i++) {
            try (RawClient c = new RawClient(lb)) {
                assertEquals("web02", c.send(get("/")).read().body());
            }
        }
    }

    @Test
    void serverTimeoutGives504() throws Exception {
        SocketAddress lb = start(TestConfigs.http(new Timeouts(2000, 5000, 500, 0, 0, 0, 0, 0, 0, 0, 0),
                HttpConnectionMode.KEEP_ALIVE, null, TestConfigs.server("web01", web01.port())));
        try (RawClient c = new RawClient(lb)) {
            assertEquals(504, c.send(get("/slow")).read().status());
        }
    }

    @Test
    void noServerAtAllGives503() throws Exception {
        try (RawClient c = new RawClient(start(TestConfigs.http()))) {
            assertEquals(503, c.send(get("/")).read().status());
        }
    }

    private SocketAddress startWith(HttpConnectionMode mode, ForwardFor forwardFor) throws Exception {
        return start(TestConfigs.http(new Timeouts(2000, 5000, 5000, 0, 0, 0, 0, 0, 0, 0, 0), mode, forwardFor,
                TestConfigs.server("web01", web01.port())));
    }

    @Test
    void httpCloseClosesBothSidesAfterTheResponse() throws Exception {
        try (RawClient c = new RawClient(startWith(HttpConnectionMode.CLOSE, null))) {
            RawClient.Response r = c.send(get("/")).read();
            assertEquals("close", r.header("Connection"));
            assertTrue(c.closedByPeer());
        }
    }

    @Test
    void httpServerCloseKeepsTheClientButNotTheServerConnection() throws Exception {
        try (RawClient c = new RawClient(startWith(HttpConnectionMode.SERVER_CLOSE, null))) {
            for (int i = 0; i < 3; i++) {
                RawClient.Response r = c.send(get("/")).read();
                assertEquals("web01", r.body());
                assertEquals(null, r.header("Connection"));
            }
        }
        assertEquals(3, web01.connectionPorts.size(), "a new server connection per request");
    }

    @Test
    void keepAliveReusesTheServerConnection() throws Exception {
        try (RawClient c = new RawClient(startWith(HttpConnectionMode.KEEP_ALIVE, null))) {
            for (int i = 0; i < 3; i++) {
                assertEquals("web01", c.send(get("/")).read().body());
            }
        }
        assertEquals(1, web01.connectionPorts.size(), "one pooled server connection for all requests");
    }

    @Test
    void forwardForIfNoneKeepsAnExistingHeader() throws Exception {
        try (RawClient c = new RawClient(startWith(HttpConnectionMode.KEEP_ALIVE,
                new ForwardFor(ForwardFor.DEFAULT_HEADER, null, true)))) {
            String body = c.send("GET /echo HTTP/1.1\r\nHost: t\r\nX-Forwarded-For: 203.0.113.7\r\n\r\n").read().body();
            assertTrue(body.contains("xff=203.0.113.7"), body);
        }
    }

    @Test
    void forwardForExceptSkipsClientsOfThatNetwork() throws Exception {
        try (RawClient c = new RawClient(startWith(HttpConnectionMode.KEEP_ALIVE,
                new ForwardFor(ForwardFor.DEFAULT_HEADER, "127.0.0.0/8", false)))) {
            assertTrue(c.send(get("/echo")).read().body().contains("xff=null"));
        }
    }

    @Test
    void incompleteHeadGets408AfterTimeoutHttpRequest() throws Exception {
        SocketAddress lb = start(TestConfigs.http(new Timeouts(2000, 5000, 5000, 300, 0, 0, 0, 0, 0, 0, 0),
                HttpConnectionMode.KEEP_ALIVE, null, TestConfigs.server("web01", web01.port())));
        try (RawClient c = new RawClient(lb)) {
            long t0 = System.nanoTime();
            RawClient.Response r = c.send("GET / HTTP/1.1\r\nHost: t\r\n").read();
            assertEquals(408, r.status());
            assertTrue(System.nanoTime() - t0 >= 250_000_000L, "not before the timeout");
            assertTrue(c.closedByPeer());
        }
        assertEquals(0, web01.requests.get());
    }

    @Test
    void idleKeepAliveConnectionClosesSilentlyAfterTimeoutHttpKeepAlive() throws Exception {
        SocketAddress lb = start(TestConfigs.http(new Timeouts(2000, 5000, 5000, 0, 300, 0, 0, 0, 0, 0, 0),
                HttpConnectionMode.KEEP_ALIVE, null, TestConfigs.server("web01", web01.port())));
        try (RawClient c = new RawClient(lb)) {
            assertEquals(200, c.send(get("/")).read().status());
            assertTrue(c.closedByPeer(), "closed without a response");
        }
    }

    @Test
    void expectContinueGetsTheServers100ThenTheResponse() throws Exception {
        try (RawClient c = new RawClient(start(TestConfigs.http(TestConfigs.server("web01", web01.port()))))) {
            c.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
            assertEquals(100, c.readHeadOnly().status(), "interim response relayed before the body is sent");
            RawClient.Response r = c.send("hello").read();
            assertEquals(200, r.status());
            assertTrue(r.body().endsWith("body=hello"), r.body());
        }
    }

    @Test
    void clientThatHalfClosesAfterItsRequestStillGetsTheResponse() throws Exception {
        SocketAddress lb = start(TestConfigs.http(TestConfigs.server("web01", web01.port())));
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(lb, 2000);
            s.setSoTimeout(5000);
            s.getOutputStream().write(get("/slow").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            s.shutdownOutput();
            String response = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(response.startsWith("HTTP/1.1 200"), response);
            assertTrue(response.endsWith("web01"), response);
        }
    }
}
