package io.ballast.proxy;

import io.netty.handler.codec.http2.Http2Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clear-text HTTP/2 with prior knowledge through the engine to a real HTTP/1.1 server, frame by frame: requests and
 * bodies as the server sees them, concurrent streams, flow control holding a download back, malformed requests
 * refused, and the limits against abuse (rapid reset, CONTINUATION floods) ending the connection with GOAWAY.
 */
class Http2ThroughTheEngineTest {

    @RegisterExtension
    final RunningBallast running = new RunningBallast();
    private TestBackend web;
    private SocketAddress lb;

    @BeforeEach
    void start() throws Exception {
        web = new TestBackend("web01");
        lb = running.start(TestConfigs.http(TestConfigs.server("web01", web.port())));
    }

    @AfterEach
    void stop() {
        web.close();
    }

    @Test
    void aRequestReachesTheServerAsHttp11AndItsResponseComesBackAsFrames() throws Exception {
        try (RawHttp2Client h2 = new RawHttp2Client(lb)) {
            RawHttp2Client.Frame settings = h2.next(RawHttp2Client.SETTINGS);
            assertEquals(Http2Frontend.MAX_CONCURRENT_STREAMS, setting(settings, 0x3), "SETTINGS_MAX_CONCURRENT_STREAMS");
            Http2Headers headers = RawHttp2Client.request("GET", "/headers?x=1").add("cookie", "a=1")
                    .add("cookie", "b=2").add("x-test", "yes");
            h2.headers(1, headers, true);
            RawHttp2Client.Response response = h2.response(1);
            assertEquals("200", response.status());
            assertEquals("text/plain", response.headers().get("content-type").toString());
            assertNull(response.headers().get("connection"), "no connection-specific header in HTTP/2");
            String seen = response.body();
            assertTrue(seen.startsWith("web01\nGET /headers?x=1\n"), seen);
            assertTrue(seen.contains("host: test.example\n"), "the :authority is the Host: " + seen);
            assertTrue(seen.contains("cookie: a=1; b=2\n"), "cookie crumbs joined again: " + seen);
            assertTrue(seen.contains("x-test: yes\n"), seen);
        }
    }

    @Test
    void aBodyOfUnknownLengthIsSentChunkedAndOneWithALengthAsIs() throws Exception {
        try (RawHttp2Client h2 = new RawHttp2Client(lb)) {
            h2.headers(1, RawHttp2Client.request("POST", "/echo"), false);
            h2.data(1, "hello ".getBytes(StandardCharsets.US_ASCII), false);
            h2.data(1, "world".getBytes(StandardCharsets.US_ASCII), true);
            assertEquals("web01 POST /echo xff=null body=hello world", h2.response(1).body());
            h2.headers(3, RawHttp2Client.request("PUT", "/echo").add("content-length", "3"), false);
            h2.data(3, "abc".getBytes(StandardCharsets.US_ASCII), true);
            assertEquals("web01 PUT /echo xff=null body=abc", h2.response(3).body());
        }
    }

    @Test
    void anUploadFarBeyondTheWindowsGoesThroughWhileTheServerHoldsItBack() throws Exception {
        try (RawHttp2Client h2 = new RawHttp2Client(lb)) {
            h2.headers(1, RawHttp2Client.request("POST", "/count"), false);
            h2.upload(1, 64L << 20); // the server's socket fills up: reads from the client stop, then resume
            assertEquals(Long.toString(64L << 20), h2.response(1).body());
        }
    }

    @Test
    void streamsOfOneConnectionAreServedConcurrently() throws Exception {
        try (RawHttp2Client h2 = new RawHttp2Client(lb)) {
            h2.get(1, "/slow"); // 3 s at the server
            h2.get(3, "/echo");
            RawHttp2Client.Response quick = h2.response(3);
            assertEquals("200", quick.status(), "the quick stream is answered while the slow one waits");
            assertEquals("200", h2.response(1).status());
        }
    }

    @Test
    void aDownloadWaitsForTheClientsWindow() throws Exception {
        try (RawHttp2Client h2 = new RawHttp2Client(lb)) {
            h2.get(1, "/big?" + (4 << 20));
            long received = 0;
            for (RawHttp2Client.Frame f = h2.read(); f != null; f = h2.read()) {
                if (f.type() == RawHttp2Client.DATA) {
                    received += f.payload().length;
                }
                if (received >= 65535) {
                    break;
                }
            }
            assertEquals(65535, received, "exactly the initial window, then nothing until WINDOW_UPDATE");
            long more = 0;
            h2.windowUpdate(0, 1 << 30);
            h2.windowUpdate(1, 1 << 30);
            for (RawHttp2Client.Frame f = h2.read(); f != null; f = h2.read()) {
                if (f.type() == RawHttp2Client.DATA) {
                    more += f.payload().length;
                    if (f.endStream()) {
                        break;
                    }
                }
            }
            assertEquals((4 << 20) - 65535, more);
        }
    }

    @Test
    void aHeaderValueThatWouldSplitTheHttp11HeadIsRefusedAndNeverForwarded() throws Exception {
        try (RawHttp2Client h2 = new RawHttp2Client(lb)) {
            h2.headers(1, RawHttp2Client.request("GET", "/echo").add("x-evil", "a\r\nx-injected: 1"), true);
            assertEquals(0x1, h2.response(1).resetCode(), "RST_STREAM PROTOCOL_ERROR");
            h2.headers(3, new io.netty.handler.codec.http2.DefaultHttp2Headers(false).method("GET").scheme("http"), true);
            assertEquals(0x1, h2.response(3).resetCode(), "no :path");
            h2.get(5, "/echo");
            assertEquals("200", h2.response(5).status(), "the connection still serves");
        }
        assertEquals(1, web.requests.get());
    }

    @Test
    void aRapidResetFloodEndsTheConnectionWithEnhanceYourCalm() throws Exception {
        try (RawHttp2Client h2 = new RawHttp2Client(lb)) {
            int sent = 0;
            try {
                for (int id = 1; id < 20_000; id += 2) {
                    h2.get(id, "/slow");
                    h2.reset(id, 0x8); // CANCEL
                    sent++;
                }
            } catch (IOException closed) {
                // the server closed while requests were still going out
            }
            RawHttp2Client.Frame goAway = h2.next(RawHttp2Client.GOAWAY);
            assertNotNull(goAway, "GOAWAY after " + sent + " resets");
            assertEquals(RawHttp2Client.ENHANCE_YOUR_CALM, goAway.errorCode());
            assertNull(h2.next(RawHttp2Client.GOAWAY), "and the connection is closed");
        }
        assertTrue(web.requests.get() <= Http2Frontend.MAX_RESETS + 1,
                "cancelled requests stop reaching the server: " + web.requests.get());
        try (RawHttp2Client other = new RawHttp2Client(lb)) {
            other.get(1, "/echo");
            assertEquals("200", other.response(1).status(), "other clients are served");
        }
    }

    @Test
    void aContinuationFloodEndsTheConnection() throws Exception {
        try (RawHttp2Client h2 = new RawHttp2Client(lb)) {
            byte[] block = h2.encode(1, RawHttp2Client.request("GET", "/echo"));
            h2.frame(RawHttp2Client.HEADERS, RawHttp2Client.END_STREAM, 1, block); // no END_HEADERS
            try {
                for (int i = 0; i < 10_000; i++) {
                    h2.frame(RawHttp2Client.CONTINUATION, 0, 1, new byte[0]);
                }
            } catch (IOException closed) {
                // expected once the server has had enough
            }
            RawHttp2Client.Frame goAway = h2.next(RawHttp2Client.GOAWAY);
            assertNotNull(goAway);
            assertTrue(goAway.errorCode() != 0, "GOAWAY with an error: " + goAway.errorCode());
        }
        assertEquals(0, web.requests.get());
    }

    @Test
    void aClientThatShutsDownItsSideIsClosed() throws Exception {
        try (RawHttp2Client h2 = new RawHttp2Client(lb)) {
            h2.get(1, "/echo");
            assertEquals("200", h2.response(1).status());
            h2.shutdownOutput();
            assertTrue(h2.closedWithin(2000), "the connection ends instead of waiting half-open");
        }
    }

    @Test
    void rulesSeeVersion20AndTheServerGetsHttp11() throws Exception {
        running.get().close();
        String cfg = """
                defaults
                  mode http
                  timeout connect 1s
                  timeout client 5s
                  timeout server 5s
                frontend fe
                  bind 127.0.0.1:%d
                  http-request set-header X-Ver "%%[req.ver]"
                  http-request set-path /headers
                  default_backend be
                backend be
                  server web01 127.0.0.1:%d
                """.formatted(TestConfigs.freePort(), web.port());
        SocketAddress edited = running.start(io.ballast.core.config.ConfigLoader.create().parse("h2.cfg", cfg).config());
        try (RawHttp2Client h2 = new RawHttp2Client(edited)) {
            h2.get(1, "/anything");
            String seen = h2.response(1).body();
            assertTrue(seen.contains("x-ver: 2.0\n"), seen);
            assertTrue(seen.startsWith("web01\nGET /headers\n"), "an edited request line still goes as HTTP/1.1: " + seen);
        }
    }

    @Test
    void anHttp11ClientIsUnaffected() throws Exception {
        try (RawClient client = new RawClient(lb)) {
            RawClient.Response response = client.send("GET /echo HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertEquals(200, response.status());
            assertTrue(response.body().startsWith("web01 GET /echo"), response.body());
        }
    }

    /** A setting's value from a SETTINGS frame, or -1. */
    private static int setting(RawHttp2Client.Frame settings, int id) {
        Map<Integer, Integer> values = new HashMap<>();
        byte[] p = settings.payload();
        for (int i = 0; i + 6 <= p.length; i += 6) {
            values.put((p[i] & 0xff) << 8 | (p[i + 1] & 0xff),
                    (p[i + 2] & 0xff) << 24 | (p[i + 3] & 0xff) << 16 | (p[i + 4] & 0xff) << 8 | (p[i + 5] & 0xff));
        }
        return values.getOrDefault(id, -1);
    }
}
