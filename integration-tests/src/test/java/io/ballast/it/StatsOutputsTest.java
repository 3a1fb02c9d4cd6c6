package io.ballast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The statistics outputs of the walkthrough's configuration with two Apache servers: the Prometheus exporter read
 * with the text format's rules, and the stats page as a browser (headless Chromium) shows and uses it, draining web02
 * through the page's own admin form.
 */
@ExtendWith(TestNames.class)
class StatsOutputsTest {

    private static final String AUTH = "Basic " + Base64.getEncoder()
            .encodeToString("admin:secret".getBytes(StandardCharsets.UTF_8));

    private final Cleanup cleanup = new Cleanup();
    private Path dir;
    private ApacheServer web01;
    private ApacheServer web02;
    private int port;

    @BeforeEach
    void start() throws IOException {
        ApacheServer.assumeInstalled();
        dir = Reaper.trackDir(Files.createTempDirectory("ballast-stats-"));
        web01 = cleanup.track(ApacheServer.create("web01"));
        web02 = cleanup.track(ApacheServer.create("web02"));
        web01.start();
        web02.start();
        SeedConfig cfg = SeedConfig.forServers(web01, web02)
                .replace("\tdefault_backend haproxy_in\n",
                        "\thttp-request use-service prometheus-exporter if { path /metrics }\n"
                                + "\tdefault_backend haproxy_in\n")
                .withBackendLine("stats admin if LOCALHOST")
                .withBackendLine("stats auth admin:secret")
                .withBackendLine("stats refresh 30s")
                .withBackendLine("stats enable");
        port = cfg.frontendPort();
        cleanup.track(BallastProcess.start(cfg.writeTo(dir), port));
    }

    @AfterEach
    void stop() {
        try {
            cleanup.close();
        } finally {
            ApacheServer.deleteTree(dir);
        }
    }

    @Test
    void prometheusExporterFollowsTheTextFormatAndCountsTheTraffic() {
        for (int i = 0; i < 10; i++) {
            assertEquals(200, RawHttp.getClose(port, "/").status());
        }
        RawHttp.Response r = RawHttp.getClose(port, "/metrics");
        assertEquals(200, r.status());
        assertEquals("text/plain; version=0.0.4", r.header("Content-Type").orElse(""));
        Map<String, PrometheusTextParser.Family> metrics = PrometheusTextParser.parse(r.bodyText());
        for (PrometheusTextParser.Family f : metrics.values()) {
            assertTrue(f.name().matches("haproxy_(process|frontend|backend|server)_[a-z0-9_]+"), f.name());
            assertTrue(f.type().equals("gauge") || f.type().equals("counter"), f.name() + " " + f.type());
            assertFalse(f.help() == null || f.help().isEmpty(), f.name() + " has a help text");
        }
        Map<String, String> backend = Map.of("proxy", "haproxy_in");
        assertEquals(10, metrics.get("haproxy_backend_http_responses_total").value(
                Map.of("proxy", "haproxy_in", "code", "2xx")));
        assertEquals(2, metrics.get("haproxy_backend_active_servers").value(backend));
        assertEquals(1, metrics.get("haproxy_backend_status").value(Map.of("proxy", "haproxy_in", "state", "UP")));
        for (String server : List.of("web01", "web02")) {
            Map<String, String> labels = Map.of("proxy", "haproxy_in", "server", server);
            assertEquals(5, metrics.get("haproxy_server_sessions_total").value(labels), server);
            assertEquals(1, metrics.get("haproxy_server_status").value(
                    Map.of("proxy", "haproxy_in", "server", server, "state", "UP")), server);
        }
        assertTrue(metrics.get("haproxy_frontend_http_requests_total").value(backend) >= 10);
        assertTrue(metrics.get("haproxy_process_uptime_seconds").value(Map.of()) >= 0);

        Map<String, PrometheusTextParser.Family> servers =
                PrometheusTextParser.parse(RawHttp.getClose(port, "/metrics?scope=server").bodyText());
        assertTrue(servers.keySet().stream().allMatch(n -> n.startsWith("haproxy_server_")), servers.keySet()::toString);
        assertEquals(400, RawHttp.getClose(port, "/metrics?scope=nope").status());
    }

    @Test
    void thePageNeedsItsCredentials() {
        RawHttp.Response r = RawHttp.getClose(port, "/haproxy?stats");
        assertEquals(401, r.status());
        assertEquals("Basic realm=\"HAProxy Statistics\"", r.header("WWW-Authenticate").orElse(""));
        try (RawHttp c = new RawHttp(port)) {
            RawHttp.Response csv = c.send("GET", "/haproxy?stats;csv", Map.of("Authorization", AUTH));
            assertEquals(200, csv.status());
            assertTrue(csv.bodyText().startsWith("# pxname,svname,"), csv.bodyText());
            assertTrue(csv.bodyText().contains("\nhaproxy_in,web01,"), csv.bodyText());
        }
    }

    /**
     * In a real browser: the page lists both servers; checking web02, choosing "Set state to DRAIN" and applying
     * posts the page's form, which drains web02 and comes back to the page with the result and web02 coloured as
     * draining. The page as shown is saved in {@code target/it-logs/stats-page.png}.
     */
    @Test
    void aBrowserDrainsWeb02ThroughThePagesForm() throws IOException {
        Path binary = Chromium.binary();
        assumeTrue(binary != null, "no chromium installed (apt-get install chromium)");
        String page = "http://127.0.0.1:" + port + "/haproxy?stats";
        for (int i = 0; i < 20; i++) {
            assertEquals(200, RawHttp.getClose(port, "/").status());
        }
        try (Chromium browser = Chromium.start(binary, dir); Cdp cdp = browser.openPage()) {
            cdp.call("Page.enable");
            cdp.call("Network.enable");
            cdp.call("Emulation.setDeviceMetricsOverride", "width", 1400, "height", 900, "deviceScaleFactor", 1,
                    "mobile", false);

            logIn(cdp, page);
            assertTrue(text(cdp, "document.title").startsWith("Statistics Report for"));
            for (String server : List.of("web01", "web02")) {
                // Up; HAProxy colours a server "going down" until its first checks bring its health to the top.
                assertTrue(List.of("active_up", "active_going_down").contains(rowClass(cdp, server)),
                        server + " is shown, up: " + rowClass(cdp, server));
            }

            cdp.clearEvents();
            cdp.evaluate("document.querySelector('input[name=s][value=web02]').click();"
                    + "document.querySelector('select[name=action]').value = 'drain';"
                    + "document.querySelector('input[type=submit][value=Apply]').click(); true");
            cdp.awaitEvent("Page.loadEventFired");
            assertTrue(text(cdp, "location.href").endsWith("/haproxy?stats;st=DONE"), text(cdp, "location.href"));
            assertTrue(text(cdp, "document.body.innerText").contains("Action processed successfully."));
            assertEquals("active_draining", rowClass(cdp, "web02"));
            assertTrue(rowClass(cdp, "web01").startsWith("active_"), rowClass(cdp, "web01"));
            assertTrue(text(cdp, "document.querySelector('input[name=s][value=web02]').closest('tr').innerText")
                    .contains("DRAIN"));

            int height = cdp.evaluate("document.body.scrollHeight").asInt() + 16;
            JsonNode shot = cdp.call("Page.captureScreenshot", "format", "png", "clip",
                    Map.of("x", 0, "y", 0, "width", 1400, "height", height, "scale", 1));
            Files.createDirectories(BallastProcess.LOG_DIR);
            Files.write(BallastProcess.LOG_DIR.resolve("stats-page.png"),
                    Base64.getDecoder().decode(shot.get("data").asText()));
        }
        try (RawHttp c = new RawHttp(port)) {
            String csv = c.send("GET", "/haproxy?stats;csv", Map.of("Authorization", AUTH)).bodyText();
            assertTrue(csv.lines().anyMatch(l -> l.startsWith("haproxy_in,web02,") && l.contains(",DRAIN,")), csv);
        }
    }

    /**
     * Opens the page as a user would: the browser meets the 401 challenge (Basic, HAProxy's realm) and answers it
     * with the user name and password, which it then sends with every later request to the page.
     */
    private static void logIn(Cdp cdp, String url) {
        cdp.call("Fetch.enable", "handleAuthRequests", true);
        cdp.clearEvents();
        CompletableFuture<JsonNode> navigation = cdp.send("Page.navigate", "url", url);
        boolean challenged = false;
        while (true) {
            JsonNode event = cdp.awaitEvent(Set.of("Fetch.requestPaused", "Fetch.authRequired",
                    "Page.loadEventFired"));
            JsonNode params = event.path("params");
            switch (event.path("method").asText()) {
                case "Fetch.requestPaused" -> cdp.call("Fetch.continueRequest", "requestId",
                        params.path("requestId").asText());
                case "Fetch.authRequired" -> {
                    assertEquals("basic", params.path("authChallenge").path("scheme").asText().toLowerCase());
                    assertEquals("HAProxy Statistics", params.path("authChallenge").path("realm").asText());
                    challenged = true;
                    cdp.call("Fetch.continueWithAuth", "requestId", params.path("requestId").asText(),
                            "authChallengeResponse", Map.of("response", "ProvideCredentials",
                                    "username", "admin", "password", "secret"));
                }
                default -> {
                    assertTrue(challenged, "the page asked for credentials");
                    assertFalse(navigation.join().has("error"), navigation.join()::toString);
                    cdp.call("Fetch.disable");
                    return;
                }
            }
        }
    }

    private static String text(Cdp cdp, String expression) {
        return cdp.evaluate(expression).asText();
    }

    /** The class of the table row of {@code server}, which says its state's colour. */
    private static String rowClass(Cdp cdp, String server) {
        return text(cdp, "document.querySelector('a[name=\"haproxy_in/" + server + "\"]').closest('tr').className");
    }
}
