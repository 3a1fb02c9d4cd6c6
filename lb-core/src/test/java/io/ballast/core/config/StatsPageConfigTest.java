package io.ballast.core.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ballast.core.config.TestConfigs.cfg;
import static io.ballast.core.config.TestConfigs.errors;
import static io.ballast.core.config.TestConfigs.fails;
import static io.ballast.core.config.TestConfigs.load;
import static io.ballast.core.config.TestConfigs.minimal;
import static io.ballast.core.config.TestConfigs.warnings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code stats} keywords of proxies (the statistics page), with HAProxy 2.6's defaults and messages. */
class StatsPageConfigTest {

    private static StatsSettings backendStats(String... lines) throws Exception {
        return load(minimal(lines)).config().backend("be").orElseThrow().stats();
    }

    @Test
    void enableAloneGivesHaproxysDefaults() throws Exception {
        StatsSettings s = backendStats("  stats enable");
        assertEquals("/haproxy?stats", s.uri());
        assertEquals("HAProxy Statistics", s.realm());
        assertFalse(s.requiresAuth());
        assertEquals(0, s.refreshSeconds());
        assertTrue(s.inScope("anything", "be"));
    }

    @Test
    void withoutStatsLinesThereIsNoPage() throws Exception {
        assertNull(backendStats());
    }

    @Test
    void everyKeywordIsRead() throws Exception {
        StatsSettings s = backendStats("  stats uri /admin/stats", "  stats realm My\\ Realm",
                "  stats auth admin:secret", "  stats auth ops:pw", "  stats refresh 10s", "  stats admin if TRUE",
                "  stats hide-version", "  stats show-legends", "  stats scope .", "  stats scope fe",
                "  stats show-node lb1", "  stats show-desc the main one");
        assertEquals("/admin/stats", s.uri());
        assertEquals("My Realm", s.realm());
        assertEquals(List.of("admin:secret", "ops:pw"), s.users());
        assertEquals(10, s.refreshSeconds());
        assertEquals(List.of("stats", "admin", "if", "TRUE"), s.adminRules().get(0).words());
        assertTrue(s.hideVersion());
        assertTrue(s.showLegends());
        assertTrue(s.inScope("be", "be"));
        assertTrue(s.inScope("fe", "be"));
        assertFalse(s.inScope("other", "be"));
        assertEquals("lb1", s.node());
        assertEquals("the main one", s.description());
    }

    @Test
    void refreshIsInSecondsByDefault() throws Exception {
        assertEquals(30, backendStats("  stats refresh 30").refreshSeconds());
        assertEquals(120, backendStats("  stats refresh 2m").refreshSeconds());
    }

    @Test
    void aProxysOwnStatsLineStartsAfreshFromTheDefaults() throws Exception {
        String text = cfg("defaults", "  mode http", "  timeout connect 5s", "  timeout client 5s",
                "  timeout server 5s", "  stats enable", "  stats auth a:b", "  stats uri /s",
                "frontend fe", "  bind :8080", "  default_backend be", "backend be", "  stats refresh 5",
                "backend other");
        BallastConfig c = load(text).config();
        StatsSettings own = c.backend("be").orElseThrow().stats();
        assertEquals(StatsSettings.DEFAULT_URI, own.uri(), "HAProxy detaches from the defaults' settings");
        assertFalse(own.requiresAuth());
        assertEquals(5, own.refreshSeconds());
        StatsSettings inherited = c.backend("other").orElseThrow().stats();
        assertEquals("/s", inherited.uri());
        assertEquals(List.of("a:b"), inherited.users());
        assertEquals("/s", c.frontends().get(0).stats().uri(), "frontends have the page too");
    }

    @Test
    void listenSectionsShareTheirSettings() throws Exception {
        BallastConfig c = load(cfg("listen stats", "  mode http", "  bind :8404", "  timeout client 5s",
                "  timeout connect 5s", "  timeout server 5s", "  stats enable", "  stats uri /")).config();
        assertEquals("/", c.frontends().get(0).stats().uri());
        assertEquals("/", c.backend("stats").orElseThrow().stats().uri());
    }

    @Test
    void tcpProxiesIgnoreTheirStatsWithHaproxysWarning() throws Exception {
        LoadedConfig c = load(cfg("listen db", "  mode tcp", "  bind :3306", "  timeout client 5s",
                "  timeout connect 5s", "  timeout server 5s", "  stats enable", "  server s 127.0.0.1:1"));
        assertNull(c.config().backend("db").orElseThrow().stats());
        assertTrue(warnings(c.warnings()).contains("'stats' statement ignored for proxy 'db' as it requires HTTP mode."));
    }

    @Test
    void haproxysErrors() {
        assertTrue(errors(fails(minimal("  stats"))).contains("missing keyword in 'stats', expects 'admin', 'uri'"));
        assertTrue(errors(fails(minimal("  stats bogus"))).contains("unknown stats parameter 'bogus'"));
        assertTrue(errors(fails(minimal("  stats uri"))).contains("'uri' needs an URI prefix."));
        assertTrue(errors(fails(minimal("  stats realm"))).contains("'realm' needs an realm name."));
        assertTrue(errors(fails(minimal("  stats auth"))).contains("'auth' needs a user:password account."));
        assertTrue(errors(fails(minimal("  stats scope"))).contains("'scope' needs a proxy name."));
        assertTrue(errors(fails(minimal("  stats refresh 10x")))
                .contains("unexpected character 'x' in argument to stats refresh interval."));
        assertTrue(errors(fails(minimal("  stats admin foo")))
                .contains("'stats admin' requires either 'if' or 'unless' followed by a condition."));
        assertTrue(errors(fails(minimal("  stats show-node bad!name"))).contains("invalid node name"));
        assertTrue(errors(fails(minimal("  stats auth a:b", "  stats http-request deny")))
                .contains("stats 'auth' and 'http-request' can't be used at the same time."));
    }

    @Test
    void adminRulesAreRefusedInDefaults() {
        ConfigException e = fails(cfg("defaults", "  mode http", "  stats admin if TRUE") + minimal());
        assertTrue(errors(e).contains("'stats admin' not allowed in 'defaults' section."));
    }
}
