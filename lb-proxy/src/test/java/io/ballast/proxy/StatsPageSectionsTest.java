package io.ballast.proxy;

import io.ballast.core.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.SocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where a statistics page may live, as in HAProxy: a plain frontend (the common {@code frontend stats} with
 * {@code stats uri /}), a {@code listen} section, a backend named like its frontend; and the page's own
 * {@code stats http-request} rules.
 */
class StatsPageSectionsTest {

    private static final String DEFAULTS = """
            defaults
              mode http
              timeout connect 1s
              timeout client 5s
              timeout server 5s
            """;

    @RegisterExtension
    final RunningBallast running = new RunningBallast();

    private SocketAddress start(String proxies) throws Exception {
        return running.start(ConfigLoader.create().parse("t.cfg", DEFAULTS + proxies).config());
    }

    private static RawClient.Response get(SocketAddress lb, String target) throws Exception {
        try (RawClient c = new RawClient(lb)) {
            return c.send("GET " + target + " HTTP/1.1\r\nHost: t\r\n\r\n").read();
        }
    }

    @Test
    void aFrontendWithoutBackendServesItsPage() throws Exception {
        SocketAddress lb = start("""
                frontend stats
                  bind 127.0.0.1:%d
                  stats enable
                  stats uri /
                  stats refresh 10s
                """.formatted(TestConfigs.freePort()));
        RawClient.Response r = get(lb, "/");
        assertEquals(200, r.status());
        assertEquals("10", r.header("refresh"));
        assertTrue(r.body().contains("<a class=px href=\"#stats\">stats</a>"));
        assertEquals(1, running.get().stats().rows().get(0).number(io.ballast.proxy.stats.StatField.INTERCEPTED, 0));
    }

    @Test
    void aListenSectionAndASameNamedBackendServeTheirPages() throws Exception {
        int port = TestConfigs.freePort();
        SocketAddress lb = start("""
                listen admin
                  bind 127.0.0.1:%d
                  stats enable
                  stats uri /admin?stats
                  use_backend site if { path_beg /site }
                frontend site
                  bind 127.0.0.1:%d
                  default_backend site
                backend site
                  stats enable
                  stats uri /site/stats
                """.formatted(TestConfigs.freePort(), port));
        assertEquals(200, get(lb, "/admin?stats;csv").status());
        assertTrue(get(lb, "/site/stats;csv").body().startsWith("# pxname,"), "the backend's page, via use_backend");
        assertTrue(get(RawClient.loopback(port), "/site/stats;csv").body().startsWith("# pxname,"));
        assertEquals(503, get(RawClient.loopback(port), "/other").status());
    }

    @Test
    void statsHttpRequestRulesGuardThePage() throws Exception {
        SocketAddress lb = start("""
                frontend stats
                  bind 127.0.0.1:%d
                  stats enable
                  stats http-request deny if { url_end ;csv }
                  stats http-request auth realm Admins if { url_end ;json }
                """.formatted(TestConfigs.freePort()));
        assertEquals(200, get(lb, "/haproxy?stats").status());
        assertEquals(403, get(lb, "/haproxy?stats;csv").status());
        RawClient.Response auth = get(lb, "/haproxy?stats;json");
        assertEquals(401, auth.status());
        assertEquals("Basic realm=\"Admins\"", auth.header("www-authenticate"));
    }
}
