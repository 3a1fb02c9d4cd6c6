package io.ballast.core.config;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.ballast.core.config.TestConfigs.cfg;
import static io.ballast.core.config.TestConfigs.errors;
import static io.ballast.core.config.TestConfigs.fails;
import static io.ballast.core.config.TestConfigs.load;
import static io.ballast.core.config.TestConfigs.minimal;
import static io.ballast.core.config.TestConfigs.warnings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code option httpchk}, {@code http-check}, {@code tcp-check} and the server check options. */
class HealthCheckConfigTest {

    private static BackendConfig backend(String... lines) throws ConfigException {
        return load(minimal(lines)).config().backend("be").orElseThrow();
    }

    private static CheckRule.HttpSend onlySend(HealthCheckConfig h) {
        return (CheckRule.HttpSend) h.rules().get(0);
    }

    @Test
    void noOptionMeansAConnectCheck() throws Exception {
        assertEquals(HealthCheckConfig.CONNECT, backend().healthCheck());
    }

    @Test
    void optionHttpchkDefaultsToOptionsSlashHttp10() throws Exception {
        HealthCheckConfig h = backend("  option httpchk").healthCheck();
        assertEquals(HealthCheckConfig.CheckType.HTTP, h.type());
        assertEquals(new CheckRule.HttpSend("OPTIONS", "/", "HTTP/1.0", List.of(), "", null), onlySend(h));
        assertEquals(1, h.rules().size());
    }

    @Test
    void oldFormsOfOptionHttpchk() throws Exception {
        assertEquals(new CheckRule.HttpSend("OPTIONS", "/health", "HTTP/1.0", List.of(), "", null),
                onlySend(backend("  option httpchk /health").healthCheck()));
        assertEquals(new CheckRule.HttpSend("GET", "/h", "HTTP/1.0", List.of(), "", null),
                onlySend(backend("  option httpchk GET /h").healthCheck()));
        LoadedConfig c = load(minimal("  option httpchk HEAD /ok HTTP/1.1\\r\\nHost:\\ www"));
        assertEquals(new CheckRule.HttpSend("HEAD", "/ok", "HTTP/1.1", List.of(new CheckRule.Header("Host", "www")),
                "", null), onlySend(c.config().backend("be").orElseThrow().healthCheck()));
        assertTrue(warnings(c.warnings()).contains("'option httpchk' : hiding headers or body at the end of the "
                + "version string is deprecated. Please, consider to use 'http-check send' directive instead."));
        assertTrue(errors(fails(minimal("  option httpchk GET / HTTP/1.1 extra")))
                .contains("'option httpchk' : cannot handle unexpected argument 'extra'."));
    }

    @Test
    void httpCheckSendMergesWithTheOptionAndExpectFollows() throws Exception {
        HealthCheckConfig h = backend("  option httpchk GET /x", "  http-check send ver HTTP/1.1 hdr Host app.local "
                + "body hello", "  http-check expect ! rstatus ^5", "  http-check disable-on-404").healthCheck();
        assertEquals(new CheckRule.HttpSend("GET", "/x", "HTTP/1.1", List.of(new CheckRule.Header("Host",
                "app.local")), "hello", null), onlySend(h));
        CheckRule.Expect e = (CheckRule.Expect) h.rules().get(1);
        assertEquals(CheckRule.ExpectType.RSTATUS, e.type());
        assertTrue(e.negate());
        assertTrue(e.regex().matcher("503").find());
        assertTrue(h.disableOn404());
    }

    @Test
    void statusListsAndRanges() throws Exception {
        CheckRule.Expect e = (CheckRule.Expect) backend("  option httpchk", "  http-check expect status 200-299,404")
                .healthCheck().rules().get(1);
        assertEquals(List.of(new CheckRule.StatusRange(200, 299), new CheckRule.StatusRange(404, 404)), e.statuses());
    }

    @Test
    void tcpCheckRulesInOrder() throws Exception {
        HealthCheckConfig h = backend("  option tcp-check", "  tcp-check comment ping", "  tcp-check connect port 6379",
                "  tcp-check send PING\\r\\n", "  tcp-check send-binary 0a0B", "  tcp-check expect string +PONG "
                        + "comment pong", "  tcp-check expect ! rstring ^-ERR", "  tcp-check expect binary 2b").healthCheck();
        assertEquals(HealthCheckConfig.CheckType.TCP, h.type());
        assertEquals(7, h.rules().size());
        assertEquals(new CheckRule.Comment("ping"), h.rules().get(0));
        assertEquals(new CheckRule.Connect(6379, null), h.rules().get(1));
        assertArrayEquals("PING\r\n".getBytes(StandardCharsets.US_ASCII), ((CheckRule.Send) h.rules().get(2)).data());
        assertArrayEquals(new byte[] {10, 11}, ((CheckRule.Send) h.rules().get(3)).data());
        assertEquals("pong", h.rules().get(4).comment());
        assertTrue(((CheckRule.Expect) h.rules().get(5)).negate());
    }

    @Test
    void rulesOfADefaultsSectionAreReplacedByTheProxysOwn() throws Exception {
        String text = cfg("defaults base", "  mode http", "  timeout connect 1s", "  timeout client 1s",
                "  timeout server 1s", "  option httpchk", "  http-check expect status 200", "backend a",
                "  server s 127.0.0.1:80 check", "backend b", "  http-check expect status 204",
                "  server s 127.0.0.1:80 check");
        BallastConfig c = load(text).config();
        assertEquals(List.of(new CheckRule.StatusRange(200, 200)),
                ((CheckRule.Expect) c.backend("a").orElseThrow().healthCheck().rules().get(1)).statuses());
        assertEquals(List.of(new CheckRule.StatusRange(204, 204)),
                ((CheckRule.Expect) c.backend("b").orElseThrow().healthCheck().rules().get(1)).statuses());
    }

    @Test
    void protocolChecksAndTheirArguments() throws Exception {
        assertEquals(HealthCheckConfig.CheckType.REDIS, backend("  option redis-check").healthCheck().type());
        HealthCheckConfig mysql = backend("  option mysql-check user haproxy pre-41").healthCheck();
        assertEquals(HealthCheckConfig.CheckType.MYSQL, mysql.type());
        assertEquals(new HealthCheckConfig.ProtocolArgs("haproxy", true, "HELO localhost"), mysql.protocol());
        assertEquals(HealthCheckConfig.ProtocolArgs.NONE, backend("  option mysql-check").healthCheck().protocol());
        assertEquals("pg", backend("  option pgsql-check user pg").healthCheck().protocol().user());
        assertEquals("EHLO example.com", backend("  option smtpchk EHLO example.com").healthCheck().protocol()
                .smtpCommand());
        assertEquals("HELO localhost", backend("  option smtpchk FOO bar").healthCheck().protocol().smtpCommand());
        assertEquals(HealthCheckConfig.CheckType.LDAP, backend("  option ldap-check").healthCheck().type());
        assertEquals(HealthCheckConfig.CheckType.SSL_HELLO, backend("  option ssl-hello-chk").healthCheck().type());
        assertEquals(HealthCheckConfig.CheckType.CONNECT,
                backend("  option ldap-check", "  no option ldap-check").healthCheck().type());
        assertTrue(warnings(load(minimal("  option pgsql-check user x")).warnings()).isEmpty());
    }

    @Test
    void protocolCheckErrorsInHaproxysWords() {
        String mysqlErrors = errors(fails(minimal("  option mysql-check login x")));
        assertTrue(mysqlErrors.contains("parsing [t.cfg:10] : "
                + "'option mysql-check' only supports optional values: 'user' (got 'login')."), mysqlErrors);
        assertTrue(errors(fails(minimal("  option mysql-check user"))).contains("parsing [t.cfg:10] : "
                + "'option mysql-check user' expects <username> as argument."));
        assertTrue(errors(fails(minimal("  option mysql-check user x post-42"))).contains("parsing [t.cfg:10] : "
                + "keyword 'user' only supports 'post-41' and 'pre-41' (got 'post-42')."));
        assertTrue(errors(fails(minimal("  option pgsql-check"))).contains("parsing [t.cfg:10] : "
                + "'option pgsql-check' expects 'user <username>' as argument."));
        assertTrue(errors(fails(minimal("  option pgsql-check login x"))).contains("parsing [t.cfg:10] : "
                + "'option pgsql-check' only supports optional values: 'user'."));
        assertTrue(errors(fails(minimal("  option ldap-check x"))).contains("cannot handle unexpected argument 'x'."));
    }

    @Test
    void malformedRulesAreErrorsInHaproxysWords() {
        assertTrue(errors(fails(minimal("  option httpchk", "  http-check frob"))).contains("parsing [t.cfg:11] : "
                + "'http-check' only supports 'disable-on-404', 'send-state', 'comment', 'connect', 'send', 'expect', "
                + "'set-var-fmt(*)', 'set-var(*)', 'unset-var(*)'. but got 'frob'"));
        assertTrue(errors(fails(minimal("  option httpchk", "  http-check expect status")))
                .contains("'http-check expect' : 'status' expects a <pattern> as argument."));
        assertTrue(errors(fails(minimal("  option httpchk", "  http-check expect foo bar"))).contains(
                "'http-check expect' : 'only supports min-recv, [!]string', '[!]rstring', '[!]string-lf', '[!]status', "
                        + "'[!]rstatus', [!]hdr, [!]fhdr or comment but got 'foo' as argument."));
        assertTrue(errors(fails(minimal("  option httpchk", "  http-check send foo bar"))).contains(
                "'http-check send' : expects 'comment', 'meth', 'uri', 'uri-lf', 'ver', 'hdr', 'body' or 'body-lf' "
                        + "but got 'foo' as argument."));
        assertTrue(errors(fails(minimal("  option tcp-check", "  tcp-check send-binary zz"))).contains(
                "'tcp-check send-binary' : 'zz' invalid binary string (an hex digit is expected (found 'z'))."));
        assertTrue(errors(fails(minimal("  option tcp-check", "  tcp-check expect rstring ("))).contains(
                "'tcp-check expect' : regex '(' is invalid"));
        assertTrue(errors(fails(minimal("  http-check disable-on-404 foo"))).contains(
                "'http-check' : cannot handle unexpected argument 'foo'."));
        assertTrue(errors(fails(minimal("  option httpchk", "  http-check send-state"))).contains(
                "'http-check send-state' is not supported yet"));
    }

    @Test
    void serverCheckOptions() throws Exception {
        ServerConfig s = load(minimal("  server s 127.0.0.1:80 check")).config().backend("be").orElseThrow()
                .servers().get(0);
        assertEquals(ServerCheckSettings.DEFAULTS, s.checks());
        BallastConfig c = load(cfg("defaults", "  mode http", "  timeout connect 1s", "  timeout client 1s",
                "  timeout server 1s", "backend be", "  default-server observe layer7 error-limit 5 on-error mark-down",
                "  server s1 127.0.0.1:80 check addr 127.0.0.2 agent-check agent-port 9999 agent-inter 3s "
                        + "agent-send ping agent-addr 127.0.0.3 on-marked-down shutdown-sessions "
                        + "on-marked-up shutdown-backup-sessions")).config();
        assertEquals(new ServerCheckSettings("127.0.0.2", true, 9999, 3000, "127.0.0.3", "ping",
                ServerCheckSettings.Observe.LAYER7, 5, ServerCheckSettings.OnError.MARK_DOWN, true, true),
                c.backend("be").orElseThrow().servers().get(0).checks());
    }

    @Test
    void malformedServerCheckOptionsAreErrorsInHaproxysWords() {
        String e = errors(fails(minimal("  server s2 127.0.0.1:81 observe foo on-error bar error-limit 0 "
                + "on-marked-down x agent-inter 0", "  server s3 127.0.0.1:82 agent-check")));
        assertTrue(e.contains("'observe' expects one of 'none', 'layer4', 'layer7' but got 'foo'."), e);
        assertTrue(e.contains("'on-error' expects one of 'fastinter', 'fail-check', 'sudden-death' or 'mark-down' "
                + "but got 'bar'."), e);
        assertTrue(e.contains("error-limit has to be > 0."), e);
        assertTrue(e.contains("'on-marked-down' expects 'shutdown-sessions' but got 'x'."), e);
        assertTrue(e.contains("invalid value 0 for argument 'agent-inter' of server s2."), e);
        assertTrue(e.contains("server s3 does not have agent port. Agent check has been disabled."), e);
    }

    @Test
    void spreadChecks() throws Exception {
        GlobalConfig g = load(cfg("global", "  spread-checks 5", "  max-spread-checks 2s") + minimal()).config()
                .global();
        assertEquals(5, g.spreadChecks());
        assertEquals(2000, g.maxSpreadChecks());
        assertTrue(errors(fails(cfg("global", "  spread-checks 60") + minimal()))
                .contains("'spread-checks' needs a positive value in range 0..50."));
        assertFalse(warnings(load(cfg("global", "  spread-checks 5") + minimal()).warnings()).contains("spread"));
        assertNull(load(minimal()).config().backend("be").orElseThrow().healthCheck().location());
    }
}
