package io.ballast.it;

import io.ballast.it.BallastProcess.Result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * TLS end to end: certificates made by {@code openssl} for the test, curl and Java's {@link HttpClient} over TLS 1.2
 * and 1.3 through Ballast to a real Apache, the certificate chosen by SNI, client certificates accepted and refused,
 * {@code redirect scheme https}, re-encryption to an Apache with mod_ssl, and the configuration error of a server
 * {@code ssl} without {@code ca-file} worded as HAProxy 2.6 words it.
 */
@ExtendWith(TestNames.class)
class TlsTest {

    private final Cleanup cleanup = new Cleanup();
    private Path dir;

    @BeforeEach
    void setUp() throws IOException {
        dir = Reaper.trackDir(Files.createTempDirectory("ballast-tls-"));
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                "-subj", "/O=Ballast IT/CN=Ballast IT CA");
        leaf("a", "a.example", "a.example");
        leaf("b", "b.example", "b.example", "*.b.example");
        leaf("backend", "backend.example", "backend.example");
        leaf("client", "alice");
        Files.createDirectories(dir.resolve("certs"));
        for (String n : List.of("a", "b")) {
            Files.copy(dir.resolve(n + ".pem"), dir.resolve("certs").resolve(n + ".pem"));
        }
    }

    @AfterEach
    void tearDown() {
        cleanup.close();
        ApacheServer.deleteTree(dir);
    }

    private static void assumeTools() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
    }

    private void openssl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Result r = run(cmd);
        assertEquals(0, r.exitCode(), String.join(" ", cmd) + ": " + r.output());
    }

    /** A certificate signed by the test CA, written as {@code <name>.crt}, {@code <name>.key} and both in {@code <name>.pem}. */
    private void leaf(String name, String cn, String... dnsNames) {
        List<String> args = new ArrayList<>(List.of("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                name + ".key", "-out", name + ".crt", "-days", "2", "-subj", "/O=Ballast IT/CN=" + cn, "-CA", "ca.pem",
                "-CAkey", "ca.key"));
        if (dnsNames.length > 0) {
            args.add("-addext");
            args.add("subjectAltName=" + String.join(",", List.of(dnsNames).stream().map(d -> "DNS:" + d).toList()));
        }
        openssl(args.toArray(String[]::new));
        try {
            Files.writeString(dir.resolve(name + ".pem"), Files.readString(dir.resolve(name + ".crt"))
                    + Files.readString(dir.resolve(name + ".key")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Result run(List<String> cmd) {
        return BallastProcess.runCommand(dir, Duration.ofSeconds(60), Map.of(), cmd);
    }

    private Result curl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "-v", "--max-time", "10"));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    private BallastProcess start(String config, int port) throws IOException {
        Path file = dir.resolve("haproxy.cfg");
        Files.writeString(file, config);
        return cleanup.track(BallastProcess.start(file, port));
    }

    private static String defaults() {
        return "defaults\n  mode http\n  timeout connect 5s\n  timeout client 10s\n  timeout server 10s\n";
    }

    private ApacheServer apache(String name) {
        ApacheServer web = cleanup.track(ApacheServer.create(name));
        web.start();
        return web;
    }

    @Test
    void curlOverTls12And13ThroughToApache() throws IOException {
        assumeTools();
        ApacheServer web = apache("web1");
        int port = Net.freePort();
        start(defaults() + "frontend fe\n  bind " + Net.LOOPBACK + ":" + port + " ssl crt " + dir.resolve("certs")
                + " alpn http/1.1\n  default_backend be\nbackend be\n  server web1 " + Net.LOOPBACK + ":" + web.port()
                + "\n", port);
        String url = "https://a.example:" + port + "/";
        String resolve = "a.example:" + port + ":" + Net.LOOPBACK;
        for (String[] version : new String[][] {{"--tlsv1.2", "--tls-max", "1.2", "TLSv1.2"}, {"--tlsv1.3", "TLSv1.3"}}) {
            List<String> args = new ArrayList<>(List.of(version).subList(0, version.length - 1));
            args.addAll(List.of("--cacert", dir.resolve("ca.pem").toString(), "--resolve", resolve, url));
            Result r = curl(args.toArray(String[]::new));
            assertEquals(0, r.exitCode(), r.output());
            assertTrue(r.output().contains(ApacheServer.indexPage("web1")), r.output());
            assertTrue(r.output().contains("SSL connection using " + version[version.length - 1]), r.output());
            assertTrue(r.output().contains("ALPN: server accepted http/1.1"), r.output());
        }
    }

    @Test
    void javaHttpClientOverTls12And13() throws Exception {
        assumeTools();
        leaf("local", "localhost", "localhost");
        ApacheServer web = apache("web1");
        int port = Net.freePort();
        start(defaults() + "frontend fe\n  bind " + Net.LOOPBACK + ":" + port + " ssl crt " + dir.resolve("local.pem")
                + "\n  http-response set-header X-TLS %[ssl_fc_protocol]\n  default_backend be\nbackend be\n"
                + "  server web1 " + Net.LOOPBACK + ":" + web.port() + "\n", port);
        SSLContext trust = trusting(dir.resolve("ca.pem"));
        for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
            SSLParameters params = new SSLParameters();
            params.setProtocols(new String[] {protocol});
            HttpClient client = HttpClient.newBuilder().sslContext(trust).sslParameters(params)
                    .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            // The JDK client checks the chain against the test CA and the name against the certificate.
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals(ApacheServer.indexPage("web1"), r.body());
            assertEquals(protocol, r.headers().firstValue("X-TLS").orElse(""));
        }
    }

    private static SSLContext trusting(Path ca) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(ca)) {
            ks.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    @Test
    void sniPicksBetweenTwoCertificates() throws IOException {
        assumeTools();
        ApacheServer web = apache("web1");
        int port = Net.freePort();
        start(defaults() + "frontend fe\n  bind " + Net.LOOPBACK + ":" + port + " ssl crt " + dir.resolve("a.pem")
                + " crt " + dir.resolve("b.pem") + "\n  default_backend be\nbackend be\n  server web1 " + Net.LOOPBACK
                + ":" + web.port() + "\n", port);
        for (String[] c : new String[][] {{"a.example", "a.example"}, {"b.example", "b.example"},
                {"www.b.example", "b.example"}, {"other.example", "a.example"}}) {
            Result r = curl("--cacert", dir.resolve("ca.pem").toString(), "-k", "--resolve",
                    c[0] + ":" + port + ":" + Net.LOOPBACK, "https://" + c[0] + ":" + port + "/");
            assertEquals(0, r.exitCode(), r.output());
            assertTrue(r.output().contains("subject: O=Ballast IT; CN=" + c[1]), c[0] + " -> " + c[1] + ":\n" + r.output());
        }
    }

    @Test
    void clientCertificatesAcceptedAndRefused() throws IOException {
        assumeTools();
        ApacheServer web = apache("web1");
        int port = Net.freePort();
        start(defaults() + "frontend fe\n  bind " + Net.LOOPBACK + ":" + port + " ssl crt " + dir.resolve("a.pem")
                + " ca-file " + dir.resolve("ca.pem") + " verify required\n"
                + "  http-response set-header X-Client %[ssl_c_used]:%[ssl_c_s_dn]\n"
                + "  default_backend be\nbackend be\n  server web1 " + Net.LOOPBACK + ":" + web.port() + "\n", port);
        String resolve = "a.example:" + port + ":" + Net.LOOPBACK;
        String url = "https://a.example:" + port + "/";
        Result accepted = curl("--cacert", dir.resolve("ca.pem").toString(), "--cert", dir.resolve("client.pem").toString(),
                "--resolve", resolve, "-i", url);
        assertEquals(0, accepted.exitCode(), accepted.output());
        assertTrue(accepted.output().toLowerCase(java.util.Locale.ROOT).contains("x-client: 1:/o=ballast it/cn=alice"),
                accepted.output()); // HAProxy writes header names in lower case
        assertTrue(accepted.output().contains(ApacheServer.indexPage("web1")), accepted.output());
        for (String version : List.of("--tls-max", "--tlsv1.3")) {
            List<String> args = new ArrayList<>(List.of("--cacert", dir.resolve("ca.pem").toString(), "--resolve",
                    resolve));
            if (version.equals("--tls-max")) {
                args.addAll(List.of("--tls-max", "1.2"));
            } else {
                args.add(version);
            }
            args.add(url);
            Result refused = curl(args.toArray(String[]::new));
            assertNotEquals(0, refused.exitCode(), refused.output());
            assertFalse(refused.output().contains(ApacheServer.indexPage("web1")), refused.output());
        }
    }

    @Test
    void redirectSchemeHttpsUnlessTls() throws IOException {
        assumeTools();
        ApacheServer web = apache("web1");
        int plain = Net.freePort();
        int tls = Net.freePort();
        start(defaults() + "frontend fe\n  bind " + Net.LOOPBACK + ":" + plain + "\n  bind " + Net.LOOPBACK + ":" + tls
                + " ssl crt " + dir.resolve("a.pem") + "\n  redirect scheme https code 301 if !{ ssl_fc }\n"
                + "  default_backend be\nbackend be\n  server web1 " + Net.LOOPBACK + ":" + web.port() + "\n", plain);
        Result redirected = curl("-i", "http://a.example:" + plain + "/page?x=1", "--resolve",
                "a.example:" + plain + ":" + Net.LOOPBACK);
        assertTrue(redirected.output().contains("HTTP/1.1 301"), redirected.output());
        assertTrue(redirected.output().toLowerCase(java.util.Locale.ROOT)
                .contains("location: https://a.example:" + plain + "/page?x=1"), redirected.output());
        Result served = curl("--cacert", dir.resolve("ca.pem").toString(), "--resolve",
                "a.example:" + tls + ":" + Net.LOOPBACK, "https://a.example:" + tls + "/");
        assertEquals(0, served.exitCode(), served.output());
        assertTrue(served.output().contains(ApacheServer.indexPage("web1")), served.output());
    }

    @Test
    void reencryptsToApacheWithModSsl() throws IOException {
        assumeTools();
        assumeTrue(Files.exists(ApacheServer.MODULES.resolve("mod_ssl.so")), "mod_ssl is not installed");
        ApacheServer secure = cleanup.track(ApacheServer.create("secure1"));
        secure.enableTls(dir.resolve("backend.crt"), dir.resolve("backend.key"));
        secure.start();
        int port = Net.freePort();
        start(defaults() + "frontend fe\n  bind " + Net.LOOPBACK + ":" + port + " ssl crt " + dir.resolve("a.pem")
                + "\n  use_backend wrongname if { path_beg /wrong }\n  default_backend be\n"
                + "backend be\n  server s1 " + Net.LOOPBACK + ":" + secure.port() + " ssl verify required ca-file "
                + dir.resolve("ca.pem") + " sni str(backend.example)\n"
                + "backend wrongname\n  retries 0\n  server s1 " + Net.LOOPBACK + ":" + secure.port()
                + " ssl verify required ca-file " + dir.resolve("ca.pem") + " sni str(other.example)\n", port);
        String resolve = "a.example:" + port + ":" + Net.LOOPBACK;
        Result ok = curl("--cacert", dir.resolve("ca.pem").toString(), "--resolve", resolve, "https://a.example:" + port + "/");
        assertEquals(0, ok.exitCode(), ok.output());
        assertTrue(ok.output().contains(ApacheServer.indexPage("secure1")), ok.output());
        // The server's certificate does not name the SNI sent: the connection is refused, as HAProxy refuses it.
        Result wrong = curl("--cacert", dir.resolve("ca.pem").toString(), "--resolve", resolve, "-i",
                "https://a.example:" + port + "/wrong");
        assertTrue(wrong.output().contains("HTTP/1.1 503"), wrong.output());
    }

    /** HAProxy 2.6 refuses {@code ssl} on a server without {@code ca-file}; Ballast with the same words. */
    @Test
    void serverSslWithoutCaFileIsRefusedAsHaproxyDoes() throws IOException {
        String config = "global\n" + defaults() + "frontend fe\n  bind " + Net.LOOPBACK + ":" + Net.freePort()
                + "\n  default_backend be\nbackend be\n  server s1 " + Net.LOOPBACK + ":8443 ssl\n";
        Path file = dir.resolve("nocafile.cfg");
        Files.writeString(file, config);
        String expected = "'server be/s1' : verify is enabled by default but no CA file specified. If you're running "
                + "on a LAN where you're certain to trust the server's certificate, please set an explicit 'verify "
                + "none' statement on the 'server' line, or use 'ssl-server-verify none' in the global section to "
                + "disable server-side verifications by default.";
        for (Engine engine : List.of(Engine.BALLAST, Engine.HAPROXY)) {
            engine.assumeAvailable();
            Result r = run(engine.command("-c", "-f", file.toString()));
            assertEquals(1, r.exitCode(), engine + ": " + r.output());
            assertTrue(r.output().contains("nocafile.cfg:11] : " + expected), engine + ":\n" + r.output());
        }
    }
}
