package io.ballast.proxy;

import io.ballast.core.config.ConfigException;
import io.ballast.core.config.ConfigLoader;
import io.ballast.core.config.LoadedConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code userlist}, {@code http_auth}, {@code http-request auth} and {@code http-request tarpit} through the engine
 * to a real server. The expected bytes and timings are HAProxy 2.6.12's for the same configurations.
 */
class AuthAndTarpitThroughTheEngineTest {

    /** SHA-512 crypt of {@code Hello world!} (the specification's vector). */
    private static final String SHA512 = "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4"
            + "OTLiBFdcbYEdFCoEOfaS35inz1";

    @RegisterExtension
    final RunningBallast running = new RunningBallast();

    private TestBackend web;

    @BeforeEach
    void backend() throws IOException {
        web = new TestBackend("web01");
    }

    @AfterEach
    void stop() {
        web.close();
    }

    private String config(String frontendLines, String backendLines) {
        return """
                userlist admins
                  group ops
                  user alice insecure-password wonderland groups ops
                  user bob password %s
                defaults
                  mode http
                  timeout connect 400ms
                  timeout client 5s
                  timeout server 5s
                frontend www
                  bind 127.0.0.1:%d
                %s
                  default_backend web
                backend web
                %s
                  server web01 127.0.0.1:%d
                """.formatted(SHA512, TestConfigs.freePort(), frontendLines, backendLines, web.port());
    }

    private SocketAddress start(String frontendLines, String backendLines) throws Exception {
        return running.start(ConfigLoader.create().parse("auth.cfg", config(frontendLines, backendLines)).config());
    }

    private static String get(String target, String... headers) {
        StringBuilder s = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: www.example.com\r\n");
        for (String h : headers) {
            s.append(h).append("\r\n");
        }
        return s.append("\r\n").toString();
    }

    private static String basic(String credentials) {
        return "Authorization: Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static RawClient.Response fetch(SocketAddress lb, String request) throws IOException {
        try (RawClient c = new RawClient(lb)) {
            return c.send(request).read();
        }
    }

    @Test
    void authAsksForCredentialsWithHaproxysPageAndKeepsTheConnection() throws Exception {
        SocketAddress lb = start("  http-request auth if !{ http_auth(admins) }", "");
        try (RawClient c = new RawClient(lb)) {
            RawClient.Response r = c.send(get("/a")).read();
            assertEquals("HTTP/1.1 401 Unauthorized\r\ncontent-length: 112\r\ncache-control: no-cache\r\n"
                    + "content-type: text/html\r\nwww-authenticate: Basic realm=\"www\"\r\n\r\n", r.head());
            assertEquals("<html><body><h1>401 Unauthorized</h1>\nYou need a valid user and password to access "
                    + "this content.\n</body></html>\n", r.body());
            assertEquals(200, c.send(get("/b", basic("alice:wonderland"))).read().status(), "same connection");
        }
        assertEquals(1, web.requests.get());
        assertEquals(200, fetch(lb, get("/", basic("bob:Hello world!"))).status(), "SHA-512 crypt");
        assertEquals(401, fetch(lb, get("/", basic("bob:Hello world"))).status());
        assertEquals(401, fetch(lb, get("/", basic("alice:wrong"))).status());
        assertEquals(2, web.requests.get());
    }

    @Test
    void authRealmAndGroups() throws Exception {
        SocketAddress lb = start("  http-request auth realm \"Ops only\" unless { http_auth_group(admins) ops }", "");
        RawClient.Response denied = fetch(lb, get("/", basic("bob:Hello world!")));
        assertEquals(401, denied.status());
        assertEquals("Basic realm=\"Ops only\"", denied.header("www-authenticate"));
        assertEquals(200, fetch(lb, get("/", basic("alice:wonderland"))).status());
    }

    @Test
    void tarpitHoldsTheRequestForTimeoutTarpitThenAnswers() throws Exception {
        SocketAddress lb = start("""
                  timeout tarpit 300ms
                  http-request tarpit if { path_beg /t }
                  http-request tarpit deny_status 403 if { path_beg /d }
                """, "");
        try (RawClient c = new RawClient(lb)) {
            long start = System.nanoTime();
            RawClient.Response r = c.send(get("/t")).read();
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            assertEquals(500, r.status());
            assertTrue(elapsed >= 290 && elapsed < 2000, "held " + elapsed + " ms");
            assertEquals(403, c.send(get("/d")).read().status(), "the connection stays open, as in HAProxy");
            assertEquals(200, c.send(get("/x")).read().status());
        }
        assertEquals(1, web.requests.get(), "a tarpitted request is never forwarded");
    }

    @Test
    void tarpitWaitsTimeoutConnectInABackendAndNothingInAPlainFrontend() throws Exception {
        SocketAddress lb = start("  http-request tarpit if { path_beg /f }", "  http-request tarpit");
        long start = System.nanoTime();
        assertEquals(500, fetch(lb, get("/f")).status());
        long frontend = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        assertEquals(500, fetch(lb, get("/b")).status());
        long backend = (System.nanoTime() - start) / 1_000_000;
        assertTrue(frontend < 200, "frontend without timeout tarpit: " + frontend + " ms");
        assertTrue(backend >= 390, "backend: timeout connect (400ms), held " + backend + " ms");
        assertEquals(0, web.requests.get());
    }

    @Test
    void unknownUserlistIsAnErrorWithFileAndLine() throws Exception {
        LoadedConfig loaded = ConfigLoader.create().parse("auth.cfg",
                config("  http-request auth if !{ http_auth(nobody) }", ""));
        ConfigException e = assertThrows(ConfigException.class, () -> Ballast.builder(loaded.config()).build());
        assertTrue(e.errors().get(0).toString().startsWith("parsing [auth.cfg:12] : 'http-request'"), e.getMessage());
        assertTrue(e.getMessage().contains("unable to find userlist 'nobody'"), e.getMessage());
    }
}
