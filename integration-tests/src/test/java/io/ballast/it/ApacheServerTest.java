package io.ballast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Apache harness itself: it must work before any scenario can mean anything. */
class ApacheServerTest {

    @Test
    void servesItsNameAndApache404StopsAndRestartsOnTheSamePort() {
        try (ApacheServer web = ApacheServer.create("web01")) {
            web.start();
            int port = web.port();
            long firstPid = web.pid();

            RawHttp.Response index = RawHttp.getClose(port, "/");
            assertEquals(200, index.status());
            assertEquals(ApacheServer.indexPage("web01"), index.bodyText());
            assertEquals("web01", index.servedBy());
            assertTrue(index.header("Server").orElse("").startsWith("Apache"), index.toString());

            RawHttp.Response missing = RawHttp.getClose(port, "/no/such/page.html");
            assertEquals(404, missing.status());
            assertTrue(missing.bodyText().contains("<h1>Not Found</h1>"), missing.bodyText());

            try (RawHttp keepAlive = new RawHttp(port)) {
                for (int i = 0; i < 3; i++) {
                    assertEquals(200, keepAlive.get("/", false).status());
                    assertTrue(keepAlive.reusable(), "Apache keeps the connection alive");
                }
            }

            web.stop();
            assertFalse(Net.accepts(port), "port closed after stop");
            assertFalse(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false), "apache2 parent gone");

            web.start();
            assertEquals(port, web.port());
            assertNotEquals(firstPid, web.pid());
            assertEquals("web01", RawHttp.getClose(port, "/").servedBy());
        }
    }

    @Test
    void echoModeReportsTheRequestItReceived() {
        try (ApacheServer web = ApacheServer.createEcho("web02"); RawHttp c = connect(web)) {
            List<Map.Entry<String, String>> headers = List.of(Map.entry("Host", "www.example.com"),
                    Map.entry("X-Test", "one"), Map.entry("X-Test", "two"), Map.entry("Content-Type", "text/plain"));
            RawHttp.Response resp = c.exchange("POST", "/some/path?a=1&b=%20", headers, "hello");
            EchoCgi.Received got = EchoCgi.Received.parse(resp.bodyText())
                    .orElseThrow(() -> new AssertionError(resp.bodyText()));
            assertEquals(200, resp.status());
            assertEquals("web02", resp.header("X-Served-By").orElse(""));
            assertEquals("web02", got.server());
            assertEquals("POST /some/path?a=1&b=%20 HTTP/1.1", got.requestLine());
            assertEquals("one, two", got.headers().get("HTTP_X_TEST"));
            assertEquals("www.example.com", got.headers().get("HTTP_HOST"));
            assertEquals("text/plain", got.contentType());
            assertEquals("5", got.contentLength());

            RawHttp.Response missing = c.exchange("GET", EchoCgi.MISSING_PREFIX + "/x", headers.subList(0, 1), "");
            assertEquals(404, missing.status());
            assertEquals("yes", missing.header("X-Missing").orElse(""));
            assertEquals("GET /missing/x HTTP/1.1", EchoCgi.Received.parse(missing.bodyText()).orElseThrow().requestLine());
        }
    }

    private static RawHttp connect(ApacheServer web) {
        web.start();
        return new RawHttp(web.port());
    }
}
