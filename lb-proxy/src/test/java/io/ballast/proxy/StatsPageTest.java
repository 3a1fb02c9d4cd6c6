package io.ballast.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.core.config.ConfigLoader;
import io.ballast.core.server.Server;
import io.ballast.core.server.ServerState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The statistics page and the Prometheus exporter through the engine: found after the proxy's request rules,
 * behind Basic authentication, in HTML, CSV and JSON, with the admin form changing a server's state, and the
 * exporter's text with its scope filter.
 */
class StatsPageTest {

    private static final String AUTH = "Authorization: Basic "
            + Base64.getEncoder().encodeToString("admin:secret".getBytes(StandardCharsets.UTF_8)) + "\r\n";

    @RegisterExtension
    final RunningBallast running = new RunningBallast();

    private TestBackend web01;
    private TestBackend web02;
    private SocketAddress lb;

    @BeforeEach
    void start() throws Exception {
        web01 = new TestBackend("web01");
        web02 = new TestBackend("web02");
        String cfg = """
                defaults
                  mode http
                  timeout connect 1s
                  timeout client 5s
                  timeout server 5s
                frontend fe
                  bind 127.0.0.1:%d
                  http-request deny if { path /stats/denied }
                  http-request use-service prometheus-exporter if { path /metrics }
                  default_backend be
                backend be
                  stats enable
                  stats uri /stats
                  stats refresh 10s
                  stats auth admin:secret
                  stats admin if { src 127.0.0.1 }
                  server web01 127.0.0.1:%d
                  server web02 127.0.0.1:%d
                """.formatted(TestConfigs.freePort(), web01.port(), web02.port());
        lb = running.start(ConfigLoader.create().parse("stats.cfg", cfg).config());
    }

    @AfterEach
    void stop() {
        web01.close();
        web02.close();
    }

    private RawClient.Response get(String target, String headers) throws Exception {
        try (RawClient c = new RawClient(lb)) {
            return c.send("GET " + target + " HTTP/1.1\r\nHost: t\r\n" + headers + "\r\n").read();
        }
    }

    @Test
    void withoutCredentialsThePageAsksForThem() throws Exception {
        RawClient.Response r = get("/stats", "");
        assertEquals(401, r.status());
        assertEquals("Basic realm=\"HAProxy Statistics\"", r.header("www-authenticate"));
        assertEquals(401, get("/stats", "Authorization: Basic " + Base64.getEncoder()
                .encodeToString("admin:wrong".getBytes(StandardCharsets.UTF_8)) + "\r\n").status());
    }

    @Test
    void theHtmlPageShowsEveryServerInItsProxysTable() throws Exception {
        RawClient.Response r = get("/stats", AUTH);
        assertEquals(200, r.status());
        assertEquals("text/html", r.header("content-type"));
        assertEquals("10", r.header("refresh"));
        assertTrue(r.body().contains("<a class=px href=\"#be\">be</a>"));
        assertTrue(r.body().contains("<a class=lfsb href=\"#be/web01\">web01</a>"));
        assertTrue(r.body().contains("<a class=lfsb href=\"#be/web02\">web02</a>"));
        assertTrue(r.body().contains("<th colspan=3>Queue</th><th colspan=3>Session rate</th>"));
        assertTrue(r.body().contains("name=\"s\" value=\"web02\""), "admin check boxes");
        assertTrue(r.body().contains("<option value=\"drain\">Set state to DRAIN</option>"));
        assertFalse(get("/stats;norefresh", AUTH).head().toLowerCase().contains("refresh:"));
    }

    @Test
    void csvAndJsonExports() throws Exception {
        RawClient.Response csv = get("/stats;csv", AUTH);
        assertEquals("text/plain", csv.header("content-type"));
        assertTrue(csv.body().startsWith("# pxname,svname,qcur,"));
        assertTrue(csv.body().contains("\nbe,web02,"));
        assertFalse(csv.body().contains("127.0.0.1:"), "addresses only with stats show-legends");
        RawClient.Response json = get("/stats;json", AUTH);
        assertEquals("application/json", json.header("content-type"));
        JsonNode rows = new ObjectMapper().readTree(json.body());
        assertEquals("fe", rows.get(0).get(0).get("value").get("value").asText());
    }

    @Test
    void theRequestRulesRunBeforeThePage() throws Exception {
        assertEquals(403, get("/stats/denied", AUTH).status());
    }

    @Test
    void theAdminFormDrainsAServerAndRedirectsBack() throws Exception {
        String form = "s=web02&action=drain&b=%23" + backendId();
        try (RawClient c = new RawClient(lb)) {
            // The body comes after the head, in a packet of its own.
            c.send("POST /stats HTTP/1.1\r\nHost: t\r\n" + AUTH + "Content-Type: application/x-www-form-urlencoded"
                    + "\r\nContent-Length: " + form.length() + "\r\n\r\n");
            Thread.sleep(50);
            RawClient.Response r = c.send(form).read();
            assertEquals(303, r.status());
            assertEquals("/stats;st=DONE", r.header("location"));
        }
        awaitState("web02", ServerState.DRAIN);
        assertTrue(get("/stats;st=DONE", AUTH).body().contains("Action processed successfully."));
        assertEquals("/stats;st=ERRP", post("s=web02&action=bogus&b=be").header("location"));
        assertEquals("/stats;st=PART", post("s=web01&s=nope&action=maint&b=be").header("location"));
        awaitState("web01", ServerState.MAINT);
        assertEquals("/stats;st=DONE", post("s=web01&s=web02&action=ready&b=be").header("location"));
        awaitState("web02", ServerState.UP);
        awaitState("web01", ServerState.UP);
    }

    @Test
    void prometheusExporter() throws Exception {
        RawClient.Response r = get("/metrics", "");
        assertEquals(200, r.status());
        assertEquals("text/plain; version=0.0.4", r.header("content-type"));
        assertTrue(r.body().contains("# TYPE haproxy_process_nbthread gauge\nhaproxy_process_nbthread "));
        assertTrue(r.body().contains("haproxy_server_status{proxy=\"be\",server=\"web01\",state=\"UP\"} 1\n"));
        String backends = get("/metrics?scope=backend", "").body();
        assertTrue(backends.contains("haproxy_backend_active_servers{proxy=\"be\"} 2\n"));
        assertFalse(backends.contains("haproxy_server_"));
        assertEquals(400, get("/metrics?scope=bogus", "").status());
    }

    private RawClient.Response post(String form) throws Exception {
        try (RawClient c = new RawClient(lb)) {
            return c.send("POST /stats HTTP/1.1\r\nHost: t\r\n" + AUTH + "Content-Length: " + form.length()
                    + "\r\n\r\n" + form).read();
        }
    }

    private String backendId() {
        return running.get().stats().rows().stream().filter(r -> r.serviceName().equals("BACKEND"))
                .findFirst().orElseThrow().text(io.ballast.proxy.stats.StatField.IID);
    }

    /** Waits for the change, which the health checks apply on the server's own event loop. */
    private void awaitState(String name, ServerState state) throws InterruptedException {
        Server server = running.get().backends().get(0).server(name);
        for (int i = 0; i < 100 && server.state() != state; i++) {
            Thread.sleep(20);
        }
        assertEquals(state, server.state(), name);
    }
}
