package io.ballast.core.config;

import io.ballast.core.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.ballast.core.config.TestConfigs.cfg;
import static io.ballast.core.config.TestConfigs.errors;
import static io.ballast.core.config.TestConfigs.fails;
import static io.ballast.core.config.TestConfigs.load;
import static io.ballast.core.config.TestConfigs.minimal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Behaviours checked against haproxy 2.6.12 ({@code haproxy -c}) during the configuration review. */
class ReviewFixesTest {

    private static final String HEAD = cfg("defaults", "  mode http", "  timeout connect 5s", "  timeout client 30s",
            "  timeout server 30s");

    @Test
    void ambiguousDefaultsNameIsAnError() {
        ConfigException e = fails(cfg("defaults foo", "  mode http", "defaults foo", "  mode tcp",
                "frontend fe from foo", "  bind :80"));
        assertTrue(errors(e).contains("parsing [t.cfg:5] : ambiguous defaults section name 'foo' referenced by "
                + "frontend 'fe' exists at least at t.cfg:1 and t.cfg:3."), errors(e));
    }

    @Test
    void versionConditionsUseTheFullReferenceRelease() {
        assertEquals("2.6.12", Version.HAPROXY_COMPATIBLE);
        assertTrue(ConfigCondition.evaluate("version_atleast(2.6.1)", Map.of()));
        assertFalse(ConfigCondition.evaluate("version_before(2.6.5)", Map.of()));
        assertTrue(ConfigCondition.evaluate("version_before(2.6.13)", Map.of()));
    }

    @Test
    void unquotedAddressesStillExpandVariables() throws Exception {
        LoadedConfig c = load(HEAD + cfg("frontend fe", "  bind :${PORT}", "  bind :$PORT2", "  default_backend be",
                "backend be", "  server s ${HOST}:80"), Map.of("PORT", "8081", "PORT2", "8082", "HOST", "127.0.0.1"));
        assertEquals(2, c.config().frontends().get(0).binds().size());
        assertTrue(c.warnings().isEmpty(), c.warnings().toString());
    }

    @Test
    void sectionVariableIsTheSectionName() throws Exception {
        LoadedConfig c = load(cfg("global", "  .notice \"${.SECTION}\"", "defaults", "  .notice \"${.SECTION}\"",
                "defaults d2", "  .notice \"${.SECTION}\"", "backend be", "  .notice \"${.SECTION}\""));
        assertEquals(List.of("global", "defaults", "d2", "be"), c.warnings().stream()
                .filter(d -> d.severity() == Diagnostic.Severity.NOTICE).map(Diagnostic::message).toList());
    }

    @Test
    void errorfileMustBeAnHttpResponse(@TempDir Path dir) throws Exception {
        Path html = Files.writeString(dir.resolve("503.html"), "<html>down</html>\n");
        ConfigException e = fails(minimal("  errorfile 503 " + html));
        assertTrue(errors(e).contains("parsing [t.cfg:10] : 'errorfile' : '" + html
                + "': unable to parse headers (error offset: 0)"), errors(e));
        Path noEnd = Files.writeString(dir.resolve("a"), "HTTP/1.0 503 x\r\nContent-Type: text/html\r\n");
        assertTrue(errors(fails(minimal("  errorfile 503 " + noEnd))).contains("(error offset: -2)"));
        Path h2 = Files.writeString(dir.resolve("b"), "HTTP/2 503 x\r\n\r\n");
        assertTrue(errors(fails(minimal("  errorfile 503 " + h2))).contains("invalid http version (HTTP/2)"));
        Path lf = Files.writeString(dir.resolve("c"), "HTTP/1.1 503 x\nContent-Length: 0\n\n");
        assertEquals(1, load(minimal("  errorfile 503 " + lf)).config().backend("be").orElseThrow().errorFiles().size());
        assertNull(ErrorFile.problem("HTTP/1.0 503 Unavailable\r\nA: b\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("unable to parse headers (error offset: 10)",
                ErrorFile.problem("HTTP/1.1 5x3 x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void filesAreReadAsLatin1(@TempDir Path dir) throws Exception {
        byte[] head = (HEAD + "# caf").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = cfg(" comment", "frontend fe", "  bind :80", "  default_backend be", "backend be")
                .getBytes(StandardCharsets.US_ASCII);
        Path f = dir.resolve("latin.cfg");
        Files.write(f, head);
        Files.write(f, new byte[] {(byte) 0xE9}, java.nio.file.StandardOpenOption.APPEND);
        Files.write(f, tail, java.nio.file.StandardOpenOption.APPEND);
        assertEquals(1, ConfigLoader.withEnvironment(Map.of()).load(List.of(f)).config().frontends().size());
    }

    @Test
    void noticeIsANoticeNotAWarning() throws Exception {
        LoadedConfig c = load(cfg("global", "  .notice hello"));
        assertEquals(Diagnostic.Severity.NOTICE, c.warnings().get(0).severity());
        ConfigException e = fails(cfg("global", "  .notice hello", "  .alert bad"));
        assertEquals(1, e.errors().size());
        assertEquals(Diagnostic.Severity.NOTICE, e.warnings().get(0).severity());
    }

    @Test
    void zeroWarningIsRecorded() throws Exception {
        LoadedConfig c = load(cfg("global", "  zero-warning"));
        assertTrue(c.config().global().zeroWarning());
        assertTrue(c.warnings().isEmpty(), c.warnings().toString());
        assertFalse(GlobalConfig.DEFAULTS.zeroWarning());
    }

    @Test
    void routingAndExposureOptionsAreErrors() {
        for (String opt : List.of("redir http://x", "track be/s", "init-addr last,libc,none", "init-addr none")) {
            ConfigException e = fails(minimal("  server s 127.0.0.1:80 " + opt));
            assertTrue(errors(e).contains("is not supported yet: ignoring it would route traffic differently"), opt);
        }
        for (String opt : List.of("interface eth0", "mode 600", "user x", "group x", "uid 1", "gid 1",
                "accept-netscaler-cip 1", "v6only", "v4v6")) {
            ConfigException e = fails(HEAD + cfg("frontend fe", "  bind :80 " + opt, "  default_backend be", "backend be"));
            assertTrue(errors(e).contains("is not supported yet: ignoring it would change who can connect"), opt);
        }
    }

    @Test
    void balanceFallbackStaysAWarning() throws Exception {
        assertFalse(load(minimal("  balance hash req.cookie(id)")).warnings().isEmpty());
    }

    @Test
    void bareIpv6ServerAddressSaysToUseBrackets() {
        ConfigException e = fails(minimal("  server s ::1"));
        assertTrue(errors(e).contains("could not resolve address ':'; an IPv6 address must be enclosed in brackets "
                + "('[::1]'"), errors(e));
    }
}
