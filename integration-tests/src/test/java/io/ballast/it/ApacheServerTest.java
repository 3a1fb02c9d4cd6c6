package io.ballast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
