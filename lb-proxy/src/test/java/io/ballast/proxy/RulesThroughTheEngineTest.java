package io.ballast.proxy;

import io.ballast.core.config.ConfigException;
import io.ballast.core.config.ConfigLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ACLs, {@code http-request}/{@code http-response} rules and switching, through the engine to real servers. */
class RulesThroughTheEngineTest {

    @RegisterExtension
    final RunningBallast running = new RunningBallast();

    private TestBackend web01;
    private TestBackend web02;
    private TestBackend blog;

    @BeforeEach
    void backends() throws IOException {
        web01 = new TestBackend("web01");
        web02 = new TestBackend("web02");
        blog = new TestBackend("blog");
    }

    @AfterEach
    void stop() {
        web01.close();
        web02.close();
        blog.close();
    }

    /** Starts a configuration whose frontend section holds {@code frontendLines}. */
    private SocketAddress start(String frontendLines, String backendLines) throws Exception {
        return running.start(ConfigLoader.create().parse("rules.cfg", config(frontendLines, backendLines)).config());
    }

    private String config(String frontendLines, String backendLines) {
        return """
                defaults
                  mode http
                  timeout connect 2s
                  timeout client 5s
                  timeout server 5s
                frontend www
                  bind 127.0.0.1:%d
                %s
                  default_backend web
                backend web
                  balance roundrobin
                %s
                  server web01 127.0.0.1:%d
                  server web02 127.0.0.1:%d
                backend blog
                  server blog1 127.0.0.1:%d
                """.formatted(TestConfigs.freePort(), frontendLines, backendLines, web01.port(), web02.port(), blog.port());
    }

    private static String get(String target, String... headers) {
        StringBuilder s = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: www.example.com\r\n");
        for (String h : headers) {
            s.append(h).append("\r\n");
        }
        return s.append("\r\n").toString();
    }

    private static RawClient.Response fetch(SocketAddress lb, String request) throws IOException {
        try (RawClient c = new RawClient(lb)) {
            return c.send(request).read();
        }
    }

    @Test
    void seedAclSendsTheBlogToItsBackend() throws Exception {
        SocketAddress lb = start("""
                  acl url_blog path_beg /blog
                  use_backend blog if url_blog
                """, "");
        assertEquals("blog", fetch(lb, get("/blog/2026/post")).body());
        assertEquals("blog", fetch(lb, get("/blog")).body());
        String other = fetch(lb, get("/")).body();
        assertTrue(other.equals("web01") || other.equals("web02"), other);
        assertEquals("blog", fetch(lb, get("/blogs")).body(), "path_beg is a plain prefix match");
        assertTrue(fetch(lb, get("/en/blog")).body().startsWith("web0"));
    }

    @Test
    void denyAnswersWithoutForwardingAndKeepsTheConnection() throws Exception {
        SocketAddress lb = start("""
                  http-request deny if { path_beg /admin }
                  http-request deny deny_status 429 if { hdr(x-flood) -m found }
                """, "");
        try (RawClient c = new RawClient(lb)) {
            RawClient.Response denied = c.send(get("/admin/x")).read();
            assertEquals(403, denied.status());
            assertTrue(denied.body().contains("Request forbidden by administrative rules."), denied.body());
            RawClient.Response limited = c.send(get("/", "X-Flood: 1")).read();
            assertEquals(429, limited.status());
            assertEquals(200, c.send(get("/")).read().status(), "the connection stays usable after a deny");
        }
        assertEquals(1, web01.requests.get() + web02.requests.get(), "denied requests never reach a server");
    }

    @Test
    void redirectsWriteTheLocationHaproxyWrites() throws Exception {
        SocketAddress lb = start("""
                  http-request redirect scheme https code 301 if { path_beg /secure }
                  http-request redirect location /new/%[path,field(3,/)] if { path_beg /old/ }
                  redirect prefix /p drop-query append-slash code 307 if { path_beg /pre }
                """, "");
        RawClient.Response scheme = fetch(lb, get("/secure/a?b=1"));
        assertEquals(301, scheme.status());
        assertEquals("https://www.example.com/secure/a?b=1", scheme.header("location"));
        assertNull(scheme.header("cache-control"), "HAProxy sends no cache-control with a 301");
        RawClient.Response location = fetch(lb, get("/old/page"));
        assertEquals(302, location.status());
        assertEquals("/new/page", location.header("location"));
        assertEquals("no-cache", location.header("cache-control"));
        RawClient.Response prefix = fetch(lb, get("/pre/x?q=1"));
        assertEquals(307, prefix.status());
        assertEquals("/p/pre/x/", prefix.header("location"));
        assertEquals(0, web01.requests.get() + web02.requests.get());
    }

    @Test
    void headerAndPathRewritesReachTheServer() throws Exception {
        SocketAddress lb = start("""
                  http-request set-header X-Client %[src]
                  http-request add-header X-Tag a
                  http-request add-header X-Tag b
                  http-request del-header X-Secret
                  http-request replace-header User-Agent (.*)/([0-9]+) \\2-\\1
                  http-request set-path /headers if { path /rewrite-me }
                  http-request set-query debug=1 if { path /headers }
                """, "");
        String seen = fetch(lb, get("/rewrite-me", "X-Secret: s", "User-Agent: curl/8")).body();
        assertTrue(seen.contains("GET /headers?debug=1\n"), seen);
        assertTrue(seen.contains("x-client: 127.0.0.1\n"), seen);
        assertTrue(seen.contains("x-tag: a\n") && seen.contains("x-tag: b\n"), seen);
        assertTrue(seen.contains("user-agent: 8-curl\n"), seen);
        assertFalse(seen.contains("x-secret"), seen);
    }

    @Test
    void returnAnswersFromTheProxy() throws Exception {
        SocketAddress lb = start("""
                  http-request return status 200 content-type text/plain lf-string "pong %[path]" hdr X-By ballast if { path_beg /ping }
                """, "");
        RawClient.Response r = fetch(lb, get("/ping/1"));
        assertEquals(200, r.status());
        assertEquals("pong /ping/1", r.body());
        assertEquals("text/plain", r.header("content-type"));
        assertEquals("ballast", r.header("x-by"));
    }

    @Test
    void responseRulesEditWhatTheClientGets() throws Exception {
        SocketAddress lb = start("""
                  http-response set-header X-Served-By %[res.hdr(content-type)]
                  http-response del-header X-Backend
                  http-response set-status 410 reason "Long Gone" if { status 404 }
                """, "");
        RawClient.Response r = fetch(lb, get("/missing"));
        assertEquals(410, r.status());
        assertTrue(r.head().startsWith("HTTP/1.1 410 Long Gone\r\n"), r.head());
        assertEquals("text/plain", r.header("x-served-by"));
        assertNull(r.header("x-backend"));
        assertTrue(r.body().startsWith("no such page on web0"), r.body());
    }

    @Test
    void responseDenyAnswers502() throws Exception {
        SocketAddress lb = start("", "  http-response deny if { status 404 }");
        assertEquals(502, fetch(lb, get("/missing")).status());
        assertEquals(200, fetch(lb, get("/")).status());
    }

    @Test
    void useServerPinsAndDynamicUseBackendReadsAMap(@TempDir Path dir) throws Exception {
        Path map = dir.resolve("hosts.map");
        Files.writeString(map, "# host to backend\nblog.example.com blog\n");
        SocketAddress lb = start("  use_backend %[req.hdr(host),lower,map(" + map + ",web)]",
                "  use-server web02 if { hdr(x-pin) -m str two }");
        for (int i = 0; i < 4; i++) {
            assertEquals("web02", fetch(lb, get("/", "X-Pin: two")).body());
        }
        String blogRequest = "GET / HTTP/1.1\r\nHost: BLOG.example.com\r\n\r\n";
        assertEquals("blog", fetch(lb, blogRequest).body());
    }

    @Test
    void tcpRequestConnectionRejectClosesAtOnce() throws Exception {
        SocketAddress lb = start("  tcp-request connection reject if { src 127.0.0.0/8 }", "");
        try (RawClient c = new RawClient(lb)) {
            c.send(get("/"));
            assertTrue(c.closedByPeer());
        }
        assertEquals(0, web01.requests.get() + web02.requests.get());
    }

    @Test
    void setVarFmtStoresTheFormatsTextEvenWhenEmpty() throws Exception {
        SocketAddress lb = start("""
                  http-request set-var-fmt(txn.from) %[src]:x%[path]
                  http-request set-var-fmt(req.empty) %[req.hdr(x-none)]
                  http-request set-header X-From %[var(txn.from)]
                  http-request set-header X-Empty-Set yes if { var(req.empty) -m found }
                  http-response set-var-fmt(res.st) st=%[status]
                  http-response set-header X-St %[var(res.st)]-%[var(txn.from)]
                """, "");
        RawClient.Response r = fetch(lb, get("/headers"));
        assertTrue(r.body().contains("x-from: 127.0.0.1:x/headers\n"), r.body());
        assertTrue(r.body().contains("x-empty-set: yes\n"), r.body());
        assertEquals("st=200-127.0.0.1:x/headers", r.header("x-st"));
    }

    @Test
    void actionsWithSettingsAreCheckedWhenTheConfigurationLoads() throws Exception {
        assertRuleError("  http-request set-timeout server 1s", "",
                "'set-timeout': proxy 'www' has no backend capability");
        assertRuleError("", "  http-request set-timeout client 1s",
                "'set-timeout' supports 'server' and 'tunnel', not 'client'");
        assertRuleError("", "  http-request set-timeout server 5x", "unexpected character 'x' in 'set-timeout server'");
        assertRuleError("  http-request set-log-level loud", "", "'set-log-level' expects one of [emerg, alert, crit, "
                + "err, warning, notice, info, debug] or 'silent', not 'loud'");
        assertRuleError("  http-request set-var-fmt(txn.x) a b", "", "unexpected argument 'b'");
        assertRuleError("  http-response disable-l7-retry", "", "'http-response' expects one of");
        assertRuleError("  http-request normalize-uri path-merge-slashes", "",
                "action 'normalize-uri' is not supported yet");
        assertRuleError("  capture cookie", "", "expects a cookie name");
    }

    private void assertRuleError(String frontendLines, String backendLines, String expected) throws Exception {
        var loaded = ConfigLoader.create().parse("rules.cfg", config(frontendLines, backendLines));
        ConfigException e = assertThrows(ConfigException.class, () -> Ballast.builder(loaded.config()).build());
        assertEquals(1, e.errors().size(), e.getMessage());
        assertTrue(e.errors().get(0).toString().contains(expected), e.getMessage());
    }

    @Test
    void ruleErrorsNameFileLineAndWord() throws Exception {
        String text = config("""
                  acl url_blog path_beg /blog
                  http-request dney if url_blog
                  use_backend nowhere if url_blog
                  http-request deny if unknown_acl
                """, "");
        var loaded = ConfigLoader.create().parse("rules.cfg", text);
        ConfigException e = assertThrows(ConfigException.class, () -> Ballast.builder(loaded.config()).build());
        assertEquals(3, e.errors().size(), e.getMessage());
        assertTrue(e.errors().get(0).toString().startsWith("parsing [rules.cfg:9] : 'http-request'"), e.getMessage());
        assertTrue(e.errors().get(0).toString().contains("'dney'; did you mean 'deny'?"), e.getMessage());
        assertTrue(e.errors().get(1).toString().contains("unable to find required use_backend: 'nowhere'"),
                e.getMessage());
        assertTrue(e.errors().get(2).toString().contains("unknown_acl"), e.getMessage());
    }
}
