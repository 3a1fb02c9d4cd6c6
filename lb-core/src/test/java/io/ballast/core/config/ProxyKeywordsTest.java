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

/** The effect of each proxy keyword on the model. */
class ProxyKeywordsTest {

    private static final String HEAD = cfg("defaults", "  mode http", "  timeout connect 5s", "  timeout client 30s",
            "  timeout server 30s");

    private static FrontendConfig frontend(String... lines) throws ConfigException {
        return load(HEAD + cfg("frontend fe", "  bind :8080") + cfg(lines) + cfg("  default_backend be", "backend be"))
                .config().frontends().get(0);
    }

    private static BackendConfig backend(String... lines) throws ConfigException {
        return load(minimal(lines)).config().backend("be").orElseThrow();
    }

    @Test
    void modeTcpAndHttp() throws Exception {
        assertEquals(ProxyMode.TCP, load(cfg("listen l", "  timeout client 1s", "  timeout connect 1s",
                "  timeout server 1s", "  bind :81")).config().frontends().get(0).mode(), "tcp is the default");
        assertEquals(ProxyMode.HTTP, frontend().mode());
    }

    @Test
    void timeouts() throws Exception {
        BackendConfig b = backend("  timeout http-request 1s", "  timeout http-keep-alive 2s", "  timeout queue 3s",
                "  timeout tunnel 1h", "  timeout check 4s", "  timeout connect 100");
        assertEquals(new Timeouts(100, 30000, 30000, 1000, 2000, 3000, 3_600_000, 4000, 0, 0, 0), b.timeouts());
    }

    @Test
    void halfCloseTimeoutsAreRead() throws Exception {
        LoadedConfig c = load(minimal("  timeout client-fin 1s", "  timeout server-fin 2s"));
        Timeouts t = c.config().backend("be").orElseThrow().timeouts();
        assertEquals(1000, t.clientFin());
        assertEquals(2000, t.serverFin());
    }

    @Test
    void connectionModeLastOneWins() throws Exception {
        assertEquals(HttpConnectionMode.KEEP_ALIVE, frontend().connectionMode());
        assertEquals(HttpConnectionMode.CLOSE, frontend("  option http-server-close", "  option httpclose").connectionMode());
        assertEquals(HttpConnectionMode.SERVER_CLOSE, frontend("  option httpclose", "  option http-server-close").connectionMode());
        assertEquals(HttpConnectionMode.KEEP_ALIVE, frontend("  option httpclose", "  no option httpclose").connectionMode());
    }

    @Test
    void forwardFor() throws Exception {
        assertEquals(new ForwardFor("X-Forwarded-For", null, false), frontend("  option forwardfor").forwardFor());
        assertEquals(new ForwardFor("X-Real-IP", "127.0.0.0/8", true),
                frontend("  option forwardfor except 127.0.0.0/8 header X-Real-IP if-none").forwardFor());
        assertNull(frontend("  option forwardfor", "  no option forwardfor").forwardFor());
    }

    @Test
    void forwardForInTcpModeIsIgnoredWithAWarning() throws Exception {
        LoadedConfig c = load(cfg("defaults", "  timeout connect 5s", "  timeout client 5s", "  timeout server 5s",
                "frontend g", "  bind :81", "  option forwardfor", "  default_backend b", "backend b"));
        assertNull(c.config().frontends().get(0).forwardFor());
        assertTrue(warnings(c.warnings()).contains("parsing [t.cfg:7] : 'option forwardfor' : 'option forwardfor' "
                + "ignored for frontend 'g' as it requires HTTP mode."), warnings(c.warnings()));
    }

    @Test
    void logging() throws Exception {
        FrontendConfig f = frontend("  option httplog", "  option dontlognull", "  log 127.0.0.1:514 len 1024 local2 info");
        assertTrue(f.httpLog());
        assertTrue(f.dontLogNull());
        assertEquals(List.of(new LogTarget("127.0.0.1:514", "local2", "info", new SourceLocation("t.cfg", 10))), f.logs());
        assertFalse(frontend("  option httplog", "  option tcplog").httpLog());
        assertEquals(LogFormats.TCPLOG, frontend("  option httplog", "  option tcplog").logFormat());
        assertEquals(LogFormats.HTTPLOG_CLF, frontend("  option httplog clf").logFormat());
        assertEquals("%ci %ST", frontend("  log-format \"%ci %ST\"").logFormat());
        assertEquals(List.of(), frontend("  log stdout local0", "  no log").logs());
        assertEquals(new LogTarget("stdout", "raw", 200, "local0", "info", "notice", new SourceLocation("t.cfg", 8)),
                frontend("  log stdout len 200 format raw local0 info notice").logs().get(0));
    }

    @Test
    void tcpSmartAcceptIsOnInHttpModeUnlessTurnedOffAndOffInTcpModeUnlessTurnedOn() throws Exception {
        assertTrue(frontend().smartAccept(), "HAProxy's default in mode http");
        assertFalse(frontend("  no option tcp-smart-accept").smartAccept());
        String tcp = cfg("defaults", "  mode tcp", "  timeout connect 5s", "  timeout client 30s", "  timeout server 30s");
        String listen = cfg("listen l", "  bind :81", "  server s 127.0.0.1:80");
        assertFalse(load(tcp + listen).config().frontends().get(0).smartAccept());
        assertTrue(load(tcp + cfg("listen l", "  option tcp-smart-accept", "  bind :81", "  server s 127.0.0.1:80"))
                .config().frontends().get(0).smartAccept());
        assertTrue(load(tcp.replace("  mode tcp", "  mode tcp\n  option tcp-smart-accept") + listen)
                .config().frontends().get(0).smartAccept(), "inherited from defaults");
        assertFalse(load(HEAD.replace("  mode http", "  mode http\n  no option tcp-smart-accept")
                + cfg("frontend fe", "  bind :8080", "  default_backend be", "backend be")).config().frontends().get(0)
                .smartAccept(), "turned off in defaults");
    }

    @Test
    void badLogFacilityIsAnError() {
        ConfigException e = fails(minimal("  log /dev/log local9"));
        assertTrue(errors(e).contains("[t.cfg:10] : 'log' : unknown log facility 'local9'"), errors(e));
    }

    @Test
    void maxconnAndRetries() throws Exception {
        assertEquals(500, frontend("  maxconn 500").maxconn());
        assertEquals(5, backend("  retries 5").retries());
    }

    @Test
    void balanceKnownAlgorithm() throws Exception {
        assertEquals(BalanceSpec.ROUND_ROBIN, backend("  balance roundrobin").balance());
    }

    @Test
    void balanceMissingAlgorithmFallsBackWithAWarning() throws Exception {
        LoadedConfig c = load(minimal("  balance rdp-cookie(mstshash)"));
        assertEquals(BalanceSpec.ROUND_ROBIN, c.config().backend("be").orElseThrow().balance());
        assertTrue(warnings(c.warnings()).contains("balance 'rdp-cookie' is not supported yet; using roundrobin"),
                warnings(c.warnings()));
    }

    @Test
    void balanceUnknownAlgorithmIsAnErrorListingTheAvailableOnes() {
        ConfigException e = fails(minimal("  balance roundrobbin"));
        // "available:" lists every provider on the class path (the tests add an example plug-in).
        assertTrue(errors(e).contains("[t.cfg:10] : 'balance' : unknown algorithm 'roundrobbin'; available: "), errors(e));
        assertTrue(errors(e).matches("(?s).*available: [a-z, -]*roundrobin.*"), errors(e));
        assertTrue(errors(e).contains("did you mean 'roundrobin'?"), errors(e));
    }

    @Test
    void errorfileWithMissingFile() {
        ConfigException e = fails(minimal("  errorfile 503 /nonexistent/503.http"));
        assertEquals("parsing [t.cfg:10] : 'errorfile' : error opening file '/nonexistent/503.http' for custom error "
                + "message <503>: No such file or directory", e.errors().get(0).toString());
    }

    @Test
    void errorfileWithUnhandledCode() {
        ConfigException e = fails(minimal("  errorfile 999 /dev/null"));
        assertTrue(errors(e).contains("'errorfile' : status code '999' not handled"), errors(e));
    }

    @Test
    void legacyTimeoutsMapToModernOnes() throws Exception {
        LoadedConfig c = load(cfg("defaults", "  contimeout 4s", "  clitimeout 5s", "  srvtimeout 6s", "backend be"));
        assertEquals(new Timeouts(4000, 5000, 6000, 0, 0, 0, 0, 0, 0, 0, 0), c.config().backends().get(0).timeouts());
        assertEquals(3, c.warnings().size(), warnings(c.warnings()));
    }

    @Test
    void notYetSupportedButHarmlessKeywordsWarn() throws Exception {
        LoadedConfig c = load(minimal("  max-keep-alive-queue 10", "  option spop-check"));
        String w = warnings(c.warnings());
        assertTrue(w.contains("[t.cfg:10] : 'max-keep-alive-queue' : 'max-keep-alive-queue' is not supported yet; "
                + "ignored"), w);
        assertTrue(w.contains("[t.cfg:11] : 'option spop-check' : 'option spop-check' is not supported yet"), w);
    }

    @Test
    void httpReuse() throws Exception {
        assertEquals(HttpReuse.SAFE, backend().httpReuse());
        assertEquals(HttpReuse.NEVER, backend("  http-reuse never").httpReuse());
        assertEquals(HttpReuse.ALWAYS, backend("  http-reuse always").httpReuse());
        ConfigException e = fails(minimal("  http-reuse sometimes"));
        assertTrue(errors(e).contains("expects 'never', 'safe', 'aggressive' or 'always', not 'sometimes'"), errors(e));
    }

    @Test
    void optionRedispatch() throws Exception {
        assertEquals(0, backend().redispatch());
        assertEquals(-1, backend("  option redispatch").redispatch());
        assertEquals(2, backend("  option redispatch 2").redispatch());
        assertEquals(0, backend("  option redispatch", "  no option redispatch").redispatch());
        ConfigException e = fails(minimal("  option redispatch 0"));
        assertTrue(errors(e).contains("expects a non-zero retry interval, not '0'"), errors(e));
    }

    @Test
    void ruleLinesAreKeptInOrderForTheEngine() throws Exception {
        FrontendConfig f = frontend("  acl api path_beg /api", "  http-request deny if !api",
                "  use_backend be if api");
        assertEquals(List.of("acl", "http-request", "use_backend"),
                f.rules().stream().map(RuleLine::keyword).toList());
        assertEquals(List.of("use_backend", "be", "if", "api"), f.rules().get(2).words());
        assertEquals(9, f.rules().get(1).location().line());
    }

    @Test
    void listenSectionsGiveUseServerToTheirBackendHalf() throws Exception {
        LoadedConfig c = load(HEAD + cfg("listen app", "  bind :80", "  acl pin hdr(x-pin) -m found",
                "  use-server s1 if pin", "  http-request deny if { path /x }", "  server s1 127.0.0.1:81"));
        assertEquals(List.of("acl", "http-request"),
                c.config().frontends().get(0).rules().stream().map(RuleLine::keyword).toList());
        assertEquals(List.of("acl", "use-server"),
                c.config().backends().get(0).rules().stream().map(RuleLine::keyword).toList());
    }

    @Test
    void anonymousDefaultsRefuseRules() {
        ConfigException e = fails(cfg("defaults", "  mode http", "  http-request deny") + cfg("frontend fe",
                "  bind :80"));
        assertTrue(errors(e).contains("'http-request' not allowed in anonymous 'defaults' section."), errors(e));
    }

    @Test
    void removedKeywordsAreErrorsWithHaproxysAdvice() {
        ConfigException e = fails(minimal("  redispatch", "  option forceclose"));
        assertTrue(errors(e).contains("Use 'option redispatch'"), errors(e));
        assertTrue(errors(e).contains("Use 'option httpclose'"), errors(e));
    }

    @Test
    void keywordInTheWrongKindOfProxyIsIgnoredWithAWarning() throws Exception {
        LoadedConfig c = load(minimal("  maxconn 10", "  bind :81", "  default_backend nowhere"));
        String w = warnings(c.warnings());
        assertTrue(w.contains("parsing [t.cfg:10] : 'maxconn' ignored because backend 'be' has no frontend capability."
                + " Maybe you want 'fullconn' instead ?"), w);
        assertTrue(w.contains("[t.cfg:11] : 'bind' ignored because backend 'be' has no frontend capability."), w);
        assertTrue(w.contains("[t.cfg:12] : 'default_backend' ignored because"), w);
        assertEquals(1, c.config().frontends().size(), "the backend's bind is ignored");
        String f = warnings(load(HEAD + cfg("frontend fe", "  bind :80", "  balance source", "  retries 3",
                "  default_backend be", "backend be")).warnings());
        assertTrue(f.contains("[t.cfg:8] : 'balance' ignored because frontend 'fe' has no backend capability."), f);
        assertTrue(f.contains("[t.cfg:9] : 'retries' ignored because"), f);
    }

    @Test
    void keywordsHaproxyRefusesInTheWrongSectionAreErrors() {
        ConfigException s = fails(HEAD + cfg("frontend fe", "  bind :80", "  server s 127.0.0.1:80", "backend be"));
        assertTrue(errors(s).contains("[t.cfg:8] : 'server' not allowed because frontend 'fe' has no backend capability."),
                errors(s));
        ConfigException d = fails(cfg("defaults", "  bind :80"));
        assertTrue(errors(d).contains("'bind' is not allowed in a 'defaults' section"), errors(d));
    }

    @Test
    void enabledIsAcceptedInDefaults() throws Exception {
        assertEquals(1, load(HEAD + cfg("  enabled", "frontend fe", "  bind :80", "  default_backend be", "backend be"))
                .config().frontends().size());
    }

    @Test
    void unsupportedSectionIsSkippedWithAWarning() throws Exception {
        LoadedConfig c = load(cfg("resolvers dns", "  nameserver ns1 127.0.0.1:53") + minimal());
        assertTrue(warnings(c.warnings()).contains("[t.cfg:1] : 'resolvers' : section 'resolvers' is not supported yet; "
                + "its content is ignored"));
    }
}
