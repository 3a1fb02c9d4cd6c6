package io.ballast.proxy;

import io.ballast.core.config.ConfigLoader;
import io.ballast.proxy.stats.StatField;
import io.ballast.proxy.stats.StatsRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.SocketAddress;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The counters behind {@code show stat}, counted through the engine with a real HTTP server: requests, statuses,
 * bytes, denials, interceptions, request errors and connection errors land in the frontend, backend and server rows
 * as HAProxy counts them.
 */
class StatsCountersTest {

    @RegisterExtension
    final RunningBallast running = new RunningBallast();

    private TestBackend web;
    private SocketAddress lb;

    @BeforeEach
    void start() throws Exception {
        web = new TestBackend("web01");
        String cfg = """
                defaults
                  mode http
                  timeout connect 1s
                  timeout client 5s
                  timeout server 5s
                frontend fe
                  bind 127.0.0.1:%d
                  http-request deny if { path /forbidden }
                  http-request redirect location /new if { path /old }
                  use_backend refused if { path /refused }
                  use_backend empty if { path /empty }
                  default_backend be
                backend be
                  server web01 127.0.0.1:%d
                backend refused
                  retries 0
                  server closed 127.0.0.1:%d
                backend empty
                  server off 127.0.0.1:%d disabled
                """.formatted(TestConfigs.freePort(), web.port(), TestConfigs.freePort(), web.port());
        lb = running.start(ConfigLoader.create().parse("stats.cfg", cfg).config());
    }

    @AfterEach
    void stop() {
        web.close();
    }

    @Test
    void rowsFollowHaproxysOrderAndEmptyColumns() {
        List<StatsRow> rows = running.get().stats().rows();
        assertEquals(List.of("fe/FRONTEND", "be/web01", "be/BACKEND", "refused/closed", "refused/BACKEND",
                        "empty/off", "empty/BACKEND"),
                rows.stream().map(r -> r.proxyName() + "/" + r.serviceName()).toList());
        StatsRow fe = rows.get(0);
        assertEquals("OPEN", fe.value(StatField.STATUS));
        assertEquals(1L, fe.value(StatField.IID));
        assertNull(fe.value(StatField.ECON), "frontends have no connection errors");
        StatsRow server = rows.get(1);
        assertEquals("no check", server.value(StatField.STATUS));
        assertEquals(2L, server.value(StatField.TYPE));
        assertEquals(1L, server.value(StatField.SID));
        assertNull(server.value(StatField.DREQ), "servers deny nothing");
        StatsRow backend = rows.get(2);
        assertEquals("UP", backend.value(StatField.STATUS));
        assertEquals(1L, backend.value(StatField.ACT));
        assertEquals("roundrobin", backend.value(StatField.ALGO));
    }

    @Test
    void forwardedRequestsCountInEveryRow() throws Exception {
        try (RawClient c = new RawClient(lb)) {
            for (int i = 0; i < 3; i++) {
                assertEquals(200, c.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n").read().status());
            }
        }
        awaitRow("be", "web01", r -> r.number(StatField.HRSP_2XX, 0) == 3);
        StatsRow fe = row("fe", "FRONTEND");
        assertEquals(3, fe.number(StatField.REQ_TOT, -1));
        assertEquals(1, fe.number(StatField.CONN_TOT, -1));
        assertEquals(1, fe.number(StatField.STOT, -1));
        StatsRow server = row("be", "web01");
        assertEquals(3, server.number(StatField.STOT, -1));
        assertEquals(3, server.number(StatField.LBTOT, -1));
        assertTrue(server.number(StatField.BIN, 0) >= 3 * "GET / HTTP/1.1\r\nHost: t\r\n\r\n".length());
        assertEquals(fe.number(StatField.BOUT, -1), server.number(StatField.BOUT, -2));
        assertTrue(server.number(StatField.CONNECT, 0) >= 1);
        StatsRow backend = row("be", "BACKEND");
        assertEquals(3, backend.number(StatField.REQ_TOT, -1));
        assertEquals(3, backend.number(StatField.HRSP_2XX, -1));
        assertEquals(0, backend.number(StatField.SCUR, -1), "no request is in progress any more");
    }

    @Test
    void pipelinedRequestsReadTogetherEachCountAsAnExchange() throws Exception {
        try (RawClient c = new RawClient(lb)) {
            c.send("GET / HTTP/1.1\r\nHost: t\r\n\r\nGET / HTTP/1.1\r\nHost: t\r\n\r\n");
            assertEquals(200, c.read().status());
            assertEquals(200, c.read().status());
        }
        StatsRow backend = awaitRow("be", "BACKEND", r -> r.number(StatField.HRSP_2XX, 0) == 2);
        assertEquals(2, backend.number(StatField.STOT, -1));
        awaitRow("be", "BACKEND", r -> r.number(StatField.SCUR, -1) == 0);
        assertEquals(2, row("fe", "FRONTEND").number(StatField.HRSP_2XX, -1));
    }

    @Test
    void denialsInterceptionsAndBadRequestsCountOnTheFrontend() throws Exception {
        try (RawClient c = new RawClient(lb)) {
            assertEquals(403, c.send("GET /forbidden HTTP/1.1\r\nHost: t\r\n\r\n").read().status());
            assertEquals(302, c.send("GET /old HTTP/1.1\r\nHost: t\r\n\r\n").read().status());
        }
        try (RawClient c = new RawClient(lb)) {
            assertEquals(400, c.send("GET / HTTP/1.1\r\nHost: t\r\nContent-Length: x\r\n\r\n").read().status());
        }
        StatsRow fe = awaitRow("fe", "FRONTEND", r -> r.number(StatField.EREQ, 0) == 1);
        assertEquals(1, fe.number(StatField.DREQ, -1));
        assertEquals(1, fe.number(StatField.INTERCEPTED, -1));
        assertEquals(2, fe.number(StatField.HRSP_4XX, -1));
        assertEquals(1, fe.number(StatField.HRSP_3XX, -1));
        assertEquals(0, row("be", "BACKEND").number(StatField.REQ_TOT, -1), "nothing reached the backend");
    }

    @Test
    void aRefusedConnectionIsAConnectionErrorOfTheBackendAndServer() throws Exception {
        try (RawClient c = new RawClient(lb)) {
            assertEquals(503, c.send("GET /refused HTTP/1.1\r\nHost: t\r\n\r\n").read().status());
        }
        StatsRow server = awaitRow("refused", "closed", r -> r.number(StatField.ECON, 0) == 1);
        assertEquals(1, server.number(StatField.CONNECT, -1));
        assertEquals(0, server.number(StatField.WRETR, -1), "retries 0: no retry");
        StatsRow backend = row("refused", "BACKEND");
        assertEquals(1, backend.number(StatField.ECON, -1));
        assertEquals(1, backend.number(StatField.HRSP_5XX, -1));
        assertEquals(1, row("fe", "FRONTEND").number(StatField.HRSP_5XX, -1));
    }

    @Test
    void aBackendWithoutUsableServerCountsItsRequestsAnd503s() throws Exception {
        try (RawClient c = new RawClient(lb)) {
            assertEquals(503, c.send("GET /empty HTTP/1.1\r\nHost: t\r\n\r\n").read().status());
        }
        StatsRow backend = awaitRow("empty", "BACKEND", r -> r.number(StatField.HRSP_5XX, 0) == 1);
        assertEquals("DOWN", backend.value(StatField.STATUS));
        assertEquals(1, backend.number(StatField.REQ_TOT, -1));
        assertEquals(1, backend.number(StatField.STOT, -1));
        assertEquals(1, backend.number(StatField.ECON, -1), "HAProxy counts a request without server as econ");
        assertEquals(0, backend.number(StatField.SCUR, -1));
        assertEquals(0, row("empty", "off").number(StatField.STOT, -1));
    }

    private StatsRow row(String proxy, String service) {
        return running.get().stats().rows().stream()
                .filter(r -> r.proxyName().equals(proxy) && r.serviceName().equals(service))
                .findFirst().orElseThrow();
    }

    /** Counters are added when the exchange ends, just after the client has its response. */
    private StatsRow awaitRow(String proxy, String service, Predicate<StatsRow> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        StatsRow r;
        while (!condition.test(r = row(proxy, service))) {
            if (System.nanoTime() > deadline) {
                fail("never reached: " + r);
            }
            Thread.sleep(10);
        }
        return r;
    }
}
