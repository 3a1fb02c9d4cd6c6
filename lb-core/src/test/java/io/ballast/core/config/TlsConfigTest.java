package io.ballast.core.config;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.ballast.core.config.TestConfigs.cfg;
import static io.ballast.core.config.TestConfigs.errors;
import static io.ballast.core.config.TestConfigs.fails;
import static io.ballast.core.config.TestConfigs.load;
import static io.ballast.core.config.TestConfigs.warnings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS options of {@code bind} and {@code server} lines, {@code crt-list} files and the global {@code ssl-*} statements:
 * what they give, and every error with its {@code file:line}. The PEM files here only carry the markers the
 * configuration reader looks for; the engine's tests use real certificates.
 */
class TlsConfigTest {

    private static final String CERT = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    private static final String KEY = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n";

    @TempDir
    Path dir;
    private Path site;

    @BeforeEach
    void files() throws IOException {
        site = write("site.pem", CERT + KEY);
        write("ca.pem", CERT);
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    /** A configuration whose frontend's bind line (line 7) ends with {@code bindOptions}. */
    private String withBind(String bindOptions, String... backendLines) {
        return cfg("defaults", "  mode http", "  timeout connect 5s", "  timeout client 30s", "  timeout server 30s",
                "frontend fe", "  bind :8443 " + bindOptions, "  default_backend be", "backend be")
                + cfg(backendLines.length == 0 ? new String[] {"  server s1 127.0.0.1:80"} : backendLines);
    }

    private BindTlsConfig bindTls(String text) throws ConfigException {
        return load(text).config().frontends().get(0).binds().get(0).tls();
    }

    private ServerTlsConfig serverTls(String text) throws ConfigException {
        return load(text).config().backend("be").orElseThrow().servers().get(0).tls();
    }

    private static String only(ConfigException e) {
        assertEquals(1, e.errors().size(), errors(e));
        return e.errors().get(0).toString();
    }

    // ---- bind

    @Test
    void plainBindHasNoTls() throws Exception {
        assertNull(bindTls(withBind("")));
        assertNull(bindTls(withBind("crt " + site)), "HAProxy accepts 'crt' without 'ssl', for nothing");
    }

    @Test
    void sslCrtDefaults() throws Exception {
        BindTlsConfig tls = bindTls(withBind("ssl crt " + site));
        assertEquals(1, tls.certificates().size());
        TlsCertificate c = tls.certificates().get(0);
        assertEquals(site, c.file());
        assertNull(c.keyFile());
        assertEquals(List.of(TlsVersion.TLSV1_2, TlsVersion.TLSV1_3), c.settings().versions());
        assertEquals(TlsVerify.NONE, c.settings().verify());
        assertEquals(List.of(), c.settings().alpn());
        assertFalse(tls.strictSni());
        assertFalse(c.settings().ticketsDisabled());
    }

    @Test
    void bindOptions() throws Exception {
        BindTlsConfig tls = bindTls(withBind("ssl crt " + site + " alpn http/1.1,http/1.0 ssl-min-ver TLSv1.3 "
                + "ciphers ECDHE-RSA-AES128-GCM-SHA256 ciphersuites TLS_AES_128_GCM_SHA256 curves X25519:P-256 "
                + "no-tls-tickets strict-sni ca-file " + dir.resolve("ca.pem") + " verify optional"));
        TlsSettings s = tls.settings();
        assertEquals(List.of(TlsVersion.TLSV1_3), s.versions());
        assertEquals(List.of("http/1.1", "http/1.0"), s.alpn());
        assertEquals("ECDHE-RSA-AES128-GCM-SHA256", s.ciphers());
        assertEquals("TLS_AES_128_GCM_SHA256", s.cipherSuites());
        assertEquals("X25519:P-256", s.curves());
        assertTrue(s.ticketsDisabled());
        assertTrue(tls.strictSni());
        assertEquals(TlsVerify.OPTIONAL, s.verify());
        assertEquals(dir.resolve("ca.pem"), s.caFile());
    }

    @Test
    void noTlsFlagsAndForce() throws Exception {
        assertEquals(List.of(TlsVersion.TLSV1_3), bindTls(withBind("ssl crt " + site + " no-tlsv12")).settings().versions());
        assertEquals(List.of(TlsVersion.TLSV1_1), bindTls(withBind("ssl crt " + site + " force-tlsv11")).settings().versions());
        assertEquals(List.of(TlsVersion.TLSV1_0, TlsVersion.TLSV1_2, TlsVersion.TLSV1_3),
                bindTls(withBind("ssl crt " + site + " ssl-min-ver TLSv1.0 ssl-max-ver TLSv1.3")).settings().versions()
                        .stream().filter(v -> v != TlsVersion.TLSV1_1).toList());
    }

    @Test
    void noTlsFlagsAreIgnoredBesideMinVerWithHaproxysWarning() throws Exception {
        LoadedConfig c = load(cfg("global", "  ssl-default-bind-options ssl-min-ver TLSv1.2 no-tls-tickets")
                + withBind("ssl crt " + site + " no-tlsv12"));
        TlsSettings s = c.config().frontends().get(0).binds().get(0).tls().settings();
        assertEquals(List.of(TlsVersion.TLSV1_2, TlsVersion.TLSV1_3), s.versions());
        assertTrue(s.ticketsDisabled(), "from ssl-default-bind-options");
        assertTrue(warnings(c.warnings()).contains("[t.cfg:9] : 'bind :8443' : no-sslv3/no-tlsv1x are ignored for "
                + "bind ':8443'. Use only 'ssl-min-ver' and 'ssl-max-ver' to fix."), warnings(c.warnings()));
    }

    @Test
    void globalDefaultsApplyUnlessTheBindSays() throws Exception {
        String global = cfg("global", "  ssl-default-bind-ciphers ECDHE-RSA-AES256-GCM-SHA384",
                "  ssl-default-bind-ciphersuites TLS_AES_256_GCM_SHA384", "  ssl-default-bind-curves P-384");
        TlsSettings inherited = bindTls(global + withBind("ssl crt " + site)).settings();
        assertEquals("ECDHE-RSA-AES256-GCM-SHA384", inherited.ciphers());
        assertEquals("TLS_AES_256_GCM_SHA384", inherited.cipherSuites());
        assertEquals("P-384", inherited.curves());
        TlsSettings own = bindTls(global + withBind("ssl crt " + site + " ciphers AES128-SHA")).settings();
        assertEquals("AES128-SHA", own.ciphers());
    }

    @Test
    void crtAndCaBase() throws Exception {
        BindTlsConfig tls = bindTls(cfg("global", "  crt-base " + dir, "  ca-base " + dir)
                + withBind("ssl crt site.pem ca-file ca.pem verify required"));
        assertEquals(site, tls.certificates().get(0).file());
        assertEquals(dir.resolve("ca.pem"), tls.settings().caFile());
    }

    @Test
    void certificateDirectoryInNameOrderWithKeyFiles() throws Exception {
        Path certs = dir.resolve("certs");
        write("certs/b.pem", CERT + KEY);
        write("certs/a.pem", CERT);
        write("certs/a.pem.key", KEY);
        write("certs/b.pem.ocsp", "x");
        write("certs/c.issuer", "x");
        BindTlsConfig tls = bindTls(withBind("ssl crt " + certs));
        assertEquals(List.of(certs.resolve("a.pem"), certs.resolve("b.pem")),
                tls.certificates().stream().map(TlsCertificate::file).toList());
        assertEquals(certs.resolve("a.pem.key"), tls.certificates().get(0).keyFile());
        assertNull(tls.certificates().get(1).keyFile());
    }

    @Test
    void crtListLinesWithOptionsAndFilters() throws Exception {
        write("other.pem", CERT + KEY);
        Path list = write("list.txt", "# certificates\n\n" + site + " [alpn http/1.1 verify required ca-file "
                + dir.resolve("ca.pem") + "] www.example.com *.example.org !secure.example.org\n"
                + dir.resolve("other.pem") + "\n");
        BindTlsConfig tls = bindTls(withBind("ssl crt-list " + list + " ssl-min-ver TLSv1.3"));
        assertEquals(2, tls.certificates().size());
        TlsCertificate first = tls.certificates().get(0);
        assertEquals(List.of("www.example.com", "*.example.org", "!secure.example.org"), first.sniFilters());
        assertEquals(List.of("http/1.1"), first.settings().alpn());
        assertEquals(TlsVerify.REQUIRED, first.settings().verify());
        assertEquals(List.of(TlsVersion.TLSV1_3), first.settings().versions(), "the bind's options under the line's");
        assertEquals("crt-list '" + list + "' line 3", first.origin());
        TlsCertificate second = tls.certificates().get(1);
        assertEquals(List.of(), second.sniFilters());
        assertEquals(TlsVerify.NONE, second.settings().verify());
    }

    @Test
    void missingCertificate() {
        assertEquals("parsing [t.cfg:7] : 'bind :8443' : unable to stat SSL certificate from file '/nope.pem' : "
                + "No such file or directory.", only(fails(withBind("ssl crt /nope.pem"))));
    }

    @Test
    void pemWithoutKey() throws Exception {
        Path bare = write("bare.pem", CERT);
        assertEquals("parsing [t.cfg:7] : 'bind :8443' : No Private Key found in '" + bare + ".key'.",
                only(fails(withBind("ssl crt " + bare))));
    }

    @Test
    void pemWithoutCertificate() throws Exception {
        Path key = write("key.pem", KEY);
        assertTrue(only(fails(withBind("ssl crt " + key))).contains("unable to load SSL certificate from PEM file"));
    }

    @Test
    void encryptedKeysAreRefused() throws Exception {
        Path enc = write("enc.pem", CERT + "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMII\n-----END ENCRYPTED PRIVATE KEY-----\n");
        assertTrue(only(fails(withBind("ssl crt " + enc))).contains("encrypted private keys are not supported"));
    }

    @Test
    void unknownVerify() {
        assertEquals("parsing [t.cfg:7] : 'bind :8443' : 'verify' : unknown verify method 'maybe', only 'none', "
                + "'optional', and 'required' are supported", only(fails(withBind("ssl crt " + site + " verify maybe"))));
    }

    @Test
    void verifyWithoutCaFile() {
        assertEquals("parsing [t.cfg:7] : 'bind :8443' : verify is enabled but no CA file specified for bind ':8443' "
                + "(use 'ca-file').", only(fails(withBind("ssl crt " + site + " verify required"))));
    }

    @Test
    void missingCaFile() {
        assertEquals("parsing [t.cfg:7] : 'bind :8443' : 'ca-file' : Couldn't open the ca-file '/nope-ca.pem' "
                + "(No such file or directory).", only(fails(withBind("ssl crt " + site + " ca-file /nope-ca.pem"))));
    }

    @Test
    void sslWithoutCertificate() {
        assertEquals("parsing [t.cfg:7] : 'bind :8443' : no SSL certificate specified for bind ':8443' (use 'crt').",
                only(fails(withBind("ssl"))));
    }

    @Test
    void unknownVersionAndNoVersionLeft() {
        assertEquals("parsing [t.cfg:7] : 'bind :8443' : 'TLSv1.4' : unknown ssl/tls version (known: SSLv3, "
                + "TLSv1.0, TLSv1.1, TLSv1.2, TLSv1.3)", only(fails(withBind("ssl crt " + site + " ssl-min-ver TLSv1.4"))));
        assertEquals("parsing [t.cfg:7] : 'bind :8443' : all SSL/TLS versions are disabled for bind ':8443'.",
                only(fails(withBind("ssl crt " + site + " no-tlsv12 no-tlsv13"))));
        assertEquals("parsing [t.cfg:7] : 'bind :8443' : all SSL/TLS versions are disabled for bind ':8443'.",
                only(fails(withBind("ssl crt " + site + " ssl-min-ver TLSv1.3 ssl-max-ver TLSv1.2"))));
    }

    @Test
    void h2IsOfferedOnBindsInEveryMode() throws Exception {
        assertEquals(List.of("h2", "http/1.1"), load(withBind("ssl crt " + site + " alpn h2,http/1.1")).config()
                .frontends().get(0).binds().get(0).tls().settings().alpn());
        String tcp = cfg("defaults", "  mode tcp", "  timeout connect 5s", "  timeout client 30s", "  timeout server 30s",
                "listen l", "  bind :8443 ssl crt " + site + " alpn h2", "  server s 127.0.0.1:80");
        assertEquals(List.of("h2"), load(tcp).config().frontends().get(0).binds().get(0).tls().settings().alpn(),
                "in TCP mode the decrypted bytes are relayed, whatever the protocol");
    }

    @Test
    void crtListErrorsNameTheListLine() throws Exception {
        Path list = write("bad.list", site + "\n" + site + " [alpn http/1.1 ecdhe prime256v1 crl-file x] a.example\n");
        assertEquals("parsing [t.cfg:7] : 'bind :8443' : crt-list '" + list + "' line 2: option 'crl-file' is not "
                + "supported: certificate revocation lists are not supported yet", only(fails(withBind("ssl crt-list " + list))));
        Path list2 = write("bad2.list", site + " [foo bar] a.example\n");
        assertTrue(only(fails(withBind("ssl crt-list " + list2))).startsWith("parsing [t.cfg:7] : 'bind :8443' : "
                + "crt-list '" + list2 + "' line 1: option 'foo' is not supported in a crt-list (supported: "));
        Path list3 = write("bad3.list", "/nope.pem\n");
        assertEquals("parsing [t.cfg:7] : 'bind :8443' : crt-list '" + list3 + "' line 1: unable to stat SSL "
                + "certificate from file '/nope.pem' : No such file or directory.", only(fails(withBind("ssl crt-list " + list3))));
        assertEquals("parsing [t.cfg:7] : 'bind :8443' : 'crt-list' : cannot open file '/nope.list' : No such file "
                + "or directory", only(fails(withBind("ssl crt " + site + " crt-list /nope.list"))));
    }

    @Test
    void refusedBindOptions() {
        assertTrue(only(fails(withBind("ssl crt " + site + " crl-file /x"))).contains("option 'crl-file' is not supported"));
    }

    // ---- server

    @Test
    void serverTls() throws Exception {
        ServerTlsConfig tls = serverTls(withBind("", "  server s1 127.0.0.1:443 ssl verify required ca-file "
                + dir.resolve("ca.pem") + " sni req.hdr(host) alpn http/1.1 crt " + site + " ssl-max-ver TLSv1.2 "
                + "ciphers ECDHE-RSA-AES128-GCM-SHA256 no-ssl-reuse"));
        assertEquals(TlsVerify.REQUIRED, tls.settings().verify());
        assertEquals(new ServerSni(ServerSni.Kind.REQUEST_HEADER, "host", "req.hdr(host)"), tls.sni());
        assertEquals(List.of("http/1.1"), tls.settings().alpn());
        assertEquals(site, tls.clientCertificate());
        assertEquals(List.of(TlsVersion.TLSV1_2), tls.settings().versions());
        assertEquals("ECDHE-RSA-AES128-GCM-SHA256", tls.settings().ciphers());
        assertFalse(tls.sessionReuse());
    }

    @Test
    void serverSniForms() {
        assertEquals(new ServerSni(ServerSni.Kind.CONSTANT, "api.example.com", "str(api.example.com)"),
                ServerTlsOptions.sni("str(api.example.com)"));
        assertEquals(ServerSni.Kind.REQUEST_HEADER, ServerTlsOptions.sni("hdr(Host)").kind());
        assertEquals(ServerSni.Kind.FRONTEND_SNI, ServerTlsOptions.sni("ssl_fc_sni").kind());
        assertFalse(ServerTlsOptions.sni("str(a)").variable());
        assertTrue(ServerTlsOptions.sni("req.hdr(host)").variable());
    }

    @Test
    void unsupportedSniExpression() {
        assertEquals("parsing [t.cfg:10] : 'server' : server be/s1: error detected while parsing sni expression "
                + "'req.hdr(host),lower' : not supported yet; use str(<name>), req.hdr(<name>) or ssl_fc_sni",
                only(fails(withBind("", "  server s1 127.0.0.1:443 ssl verify none sni req.hdr(host),lower"))));
    }

    @Test
    void serverSslWithoutCaFileIsHaproxysError() {
        assertEquals("parsing [t.cfg:10] : 'server be/s1' : verify is enabled by default but no CA file specified. "
                + "If you're running on a LAN where you're certain to trust the server's certificate, please set an "
                + "explicit 'verify none' statement on the 'server' line, or use 'ssl-server-verify none' in the "
                + "global section to disable server-side verifications by default.",
                only(fails(withBind("", "  server s1 127.0.0.1:443 ssl"))));
        assertEquals("parsing [t.cfg:12] : 'server be/s1' : verify is enabled but no CA file specified.",
                only(fails(cfg("global", "  ssl-server-verify none")
                        + withBind("", "  server s1 127.0.0.1:443 ssl verify required"))));
    }

    @Test
    void sslServerVerifyNoneAndDefaultServer() throws Exception {
        ServerTlsConfig tls = serverTls(cfg("global", "  ssl-server-verify none") + withBind("", "  server s1 127.0.0.1:443 ssl"));
        assertEquals(TlsVerify.NONE, tls.settings().verify());
        var servers = load(withBind("", "  default-server ssl verify none", "  server s1 127.0.0.1:443",
                "  server s2 127.0.0.1:80 no-ssl")).config().backend("be").orElseThrow().servers();
        assertEquals(TlsVerify.NONE, servers.get(0).tls().settings().verify());
        assertNull(servers.get(1).tls());
    }

    @Test
    void serverVerifyOptionalIsUnknown() {
        assertEquals("parsing [t.cfg:10] : 'server' : server be/s1: 'verify' : unknown verify method 'optional', "
                + "only 'none' and 'required' are supported.",
                only(fails(withBind("", "  server s1 127.0.0.1:443 ssl verify optional"))));
    }

    @Test
    void serverClientCertificateWithoutKey() throws Exception {
        Path bare = write("client.pem", CERT);
        assertEquals("parsing [t.cfg:10] : 'server' : server be/s1: No Private Key found in '" + bare + ".key'.",
                only(fails(withBind("", "  server s1 127.0.0.1:443 ssl verify none crt " + bare))));
    }

    @Test
    void serverH2AndTlsHealthChecks() throws Exception {
        assertTrue(load(withBind("", "  server s1 127.0.0.1:443 ssl verify none alpn h2")).config().backends().get(0)
                .servers().get(0).http2(), "alpn h2 alone: HTTP/2 to the server");
        assertEquals("parsing [t.cfg:10] : 'server be/s1' : " + ServerProtocolValidation.MIXED_ALPN,
                only(fails(withBind("", "  server s1 127.0.0.1:443 ssl verify none alpn h2,http/1.1"))));
        assertTrue(only(fails(withBind("", "  option httpchk", "  server s1 127.0.0.1:443 ssl verify none check")))
                .startsWith("parsing [t.cfg:11] : 'server be/s1' : health checks over TLS are not supported yet"));
    }

    @Test
    void serversAddedAtRunTimeCannotUseTlsYet() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> DynamicServerLine.parse("be", "s9", List.of("127.0.0.1:443", "ssl", "verify", "none")));
        assertEquals("'ssl' is not supported yet on servers added at run time.", e.getMessage());
        assertNull(DynamicServerLine.parse("be", "s9", List.of("127.0.0.1:80")).tls());
    }

    // ---- global

    @Test
    void globalErrors() {
        assertEquals("parsing [t.cfg:2] : 'ssl-default-bind-options' : unknown option 'foo' on global statement "
                + "'ssl-default-bind-options'.", only(fails(cfg("global", "  ssl-default-bind-options foo"))));
        assertEquals("parsing [t.cfg:2] : 'ssl-default-bind-ciphers' : global statement 'ssl-default-bind-ciphers' "
                + "expects a cipher suite as an argument.", only(fails(cfg("global", "  ssl-default-bind-ciphers"))));
        assertEquals("parsing [t.cfg:2] : 'ssl-server-verify' : 'ssl-server-verify' expects 'none' or 'required' "
                + "as argument.", only(fails(cfg("global", "  ssl-server-verify maybe"))));
    }

    @Test
    void serverDefaults() throws Exception {
        ServerTlsConfig tls = serverTls(cfg("global", "  ssl-default-server-options ssl-min-ver TLSv1.3 no-tls-tickets",
                "  ssl-default-server-ciphers AES128-SHA") + withBind("", "  server s1 127.0.0.1:443 ssl verify none"));
        assertEquals(List.of(TlsVersion.TLSV1_3), tls.settings().versions());
        assertTrue(tls.settings().ticketsDisabled());
        assertEquals("AES128-SHA", tls.settings().ciphers());
    }
}
