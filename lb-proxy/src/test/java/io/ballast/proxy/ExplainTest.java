package io.ballast.proxy;

import io.ballast.core.config.ConfigLoader;
import io.ballast.core.request.SimpleRequestView;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Ballast#explain}: the trace of one request through the compiled rules, without a listener. */
class ExplainTest {

    private static final String CONFIG = """
            defaults
              mode http
            frontend tcp_in
              mode tcp
              bind 127.0.0.1:1
              default_backend raw
            frontend www
              bind 127.0.0.1:1
              acl url_blog path_beg /blog
              acl is_admin path_beg /admin
              http-request deny if is_admin !{ src 10.0.0.0/8 }
              http-request set-header X-Env prod
              http-request set-path /v2%[path] if { hdr(host) -i api }
              http-request redirect location /new code 302 if { path /old }
              use_backend blog if url_blog
              default_backend web
            backend web
              server web01 127.0.0.1:8001
              server web02 127.0.0.1:8002
            backend blog
              http-request set-var(txn.lang) str(en)
              use-server b2 if { hdr(x-pin) b2 }
              server b1 127.0.0.1:8101
              server b2 127.0.0.1:8102
            backend raw
              mode tcp
              server r1 127.0.0.1:9000
            """;

    private static Explanation explain(String frontend, SimpleRequestView.Builder request) throws Exception {
        Ballast ballast = Ballast.builder(ConfigLoader.create().parse("explain.cfg", CONFIG).config()).build();
        return ballast.explain(frontend, request.build());
    }

    private static List<String> lines(Explanation e) {
        return e.toString().lines().toList();
    }

    /** The lines from {@code first} on, as many as {@code expected} has. */
    private static void assertBlock(Explanation e, String... expected) {
        List<String> lines = lines(e);
        int at = lines.indexOf(expected[0]);
        assertTrue(at >= 0, "no line '" + expected[0] + "' in:\n" + e);
        assertEquals(List.of(expected), lines.subList(at, Math.min(lines.size(), at + expected.length)), e.toString());
    }

    @Test
    void tracesEveryRuleAclAndTheBackendChosen() throws Exception {
        Explanation e = explain(null, SimpleRequestView.builder("GET", "/blog/x").header("Host", "a")
                .clientAddress(new InetSocketAddress("192.0.2.7", 40000)));
        assertEquals("www", e.frontend());
        assertEquals("blog", e.backend());
        assertEquals("b1", e.server());
        assertTrue(lines(e).get(0).equals("frontend: www at explain.cfg:7 (the first HTTP frontend)"), e.toString());
        assertBlock(e,
                "frontend www",
                "  explain.cfg:11  http-request deny if is_admin !{ src 10.0.0.0/8 }",
                "    if is_admin !{ src 10.0.0.0/8 }",
                "      is_admin -> false",
                "      => false",
                "    skipped: the condition is false",
                "  explain.cfg:12  http-request set-header X-Env prod",
                "    applied:",
                "      + X-Env: prod",
                "  explain.cfg:13  http-request set-path /v2%[path] if { hdr(host) -i api }");
        assertBlock(e,
                "  explain.cfg:15  use_backend blog if url_blog",
                "    if url_blog",
                "      url_blog -> true",
                "      => true",
                "    matched: backend blog",
                "backend blog (named by the use_backend above)",
                "  explain.cfg:21  http-request set-var(txn.lang) str(en)",
                "    applied:",
                "      set-var txn.lang = en",
                "  explain.cfg:22  use-server b2 if { hdr(x-pin) b2 }",
                "    if { hdr(x-pin) b2 }",
                "      { hdr(x-pin) b2 } -> false",
                "      => false",
                "    skipped: the condition is false",
                "  balance roundrobin: server b1 (the algorithm's first pick after start)",
                "",
                "result: forwarded to blog/b1",
                "  GET /blog/x HTTP/1.1",
                "  Host: a",
                "  X-Env: prod",
                "changed by the rules:",
                "  + X-Env: prod",
                "  set-var txn.lang = en");
    }

    @Test
    void laterRulesSeeTheEditsOfEarlierOnes() throws Exception {
        Explanation e = explain("www", SimpleRequestView.builder("GET", "/blog/x?a=1").header("Host", "API"));
        assertBlock(e,
                "  explain.cfg:13  http-request set-path /v2%[path] if { hdr(host) -i api }",
                "    if { hdr(host) -i api }",
                "      { hdr(host) -i api } -> true",
                "      => true",
                "    applied:",
                "      request line: GET /blog/x?a=1 HTTP/1.1 -> GET /v2/blog/x?a=1 HTTP/1.1");
        assertTrue(lines(e).contains("      url_blog -> false"), "use_backend sees the path set-path wrote:\n" + e);
        assertTrue(lines(e).contains("backend web (default_backend)"), e.toString());
        assertEquals("web", e.backend());
    }

    @Test
    void pinnedServerIsReportedInsteadOfTheBalancingPick() throws Exception {
        Explanation e = explain(null, SimpleRequestView.builder("GET", "/blog/").header("Host", "a")
                .header("X-Pin", "b2"));
        assertEquals("b2", e.server());
        assertBlock(e, "    matched: server b2", "", "result: forwarded to blog/b2");
    }

    @Test
    void terminalRulesEndTheTraceWithTheirAnswer() throws Exception {
        Explanation denied = explain(null, SimpleRequestView.builder("GET", "/admin/users").header("Host", "a"));
        assertNull(denied.backend());
        assertNull(denied.server());
        assertTrue(lines(denied).contains("      !{ src 10.0.0.0/8 } -> true (acl did not match)"), denied.toString());
        assertTrue(lines(denied).contains("result: answered with 403 by explain.cfg:11 "
                + "(http-request deny if is_admin !{ src 10.0.0.0/8 })"), denied.toString());

        Explanation redirected = explain(null, SimpleRequestView.builder("GET", "/old").header("Host", "a"));
        assertBlock(redirected,
                "    answers, and no later rule runs:",
                "      HTTP/1.1 302 Found");
        assertTrue(lines(redirected).contains("      location: /new"), redirected.toString());
        assertTrue(lines(redirected).stream().noneMatch(l -> l.contains("use_backend")), "no rule runs after:\n" + redirected);
    }

    @Test
    void requestsTheEngineRefusesAreRefusedBeforeAnyRule() throws Exception {
        Explanation e = explain(null, SimpleRequestView.builder("GET", "/"));
        assertTrue(e.toString().contains("result: answered with 400 before any rule runs: missing Host header"), e.toString());
        assertNull(e.backend());
    }

    @Test
    void unknownOrTcpFrontendsAreRefused() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> explain("ww", SimpleRequestView.builder("GET", "/")));
        assertTrue(unknown.getMessage().contains("no frontend is called 'ww'"), unknown.getMessage());
        IllegalArgumentException tcp = assertThrows(IllegalArgumentException.class,
                () -> explain("tcp_in", SimpleRequestView.builder("GET", "/")));
        assertTrue(tcp.getMessage().contains("mode tcp"), tcp.getMessage());
    }
}
