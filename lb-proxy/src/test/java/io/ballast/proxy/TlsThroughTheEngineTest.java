package io.ballast.proxy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import io.ballast.core.config.ConfigException;
import io.ballast.core.config.ConfigLoader;
import io.ballast.proxy.tls.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS through the engine with real handshakes (the JDK's client against Ballast's listeners, Ballast against the JDK's
 * HTTPS server): certificate selection by SNI, {@code strict-sni}, client certificates, versions, session
 * resumption, the {@code ssl_*} fetches, and TLS to servers with verification and per-SNI connection pooling.
 */
class TlsThroughTheEngineTest {

    @TempDir
    static Path dir;
    private static TestCertificates certs;
    private static Path certDir;

    @RegisterExtension
    final RunningBallast running = new RunningBallast();

    @BeforeAll
    static void certificates() throws IOException {
        certs = new TestCertificates(dir);
        certDir = Files.createDirectories(dir.resolve("certs"));
        // Loaded in name order: 0-default.pem first, the default.
        for (String[] c : new String[][] {{"0-default", "default.example"}, {"a", "a.example", "a.example", "alt.example"},
                {"w", "w.example", "*.w.example"}}) {
            Path pem = certs.leaf(c[0], c[1], java.util.Arrays.copyOfRange(c, 2, c.length));
            Files.copy(pem, certDir.resolve(c[0] + ".pem"));
        }
        certs.leaf("client", "alice");
    }

    private InetSocketAddress start(String bindOptions, String frontendLines, String serverLine)
            throws IOException, ConfigException {
        return start(bindOptions, frontendLines, serverLine, "");
    }

    private InetSocketAddress start(String bindOptions, String frontendLines, String serverLine, String global)
            throws IOException, ConfigException {
        int port = TestConfigs.freePort();
        String text = "global\n" + global + "defaults\n  mode http\n  timeout connect 2s\n  timeout client 5s\n"
                + "  timeout server 5s\nfrontend fe\n  bind 127.0.0.1:" + port + " " + bindOptions + "\n"
                + frontendLines + "  default_backend be\nbackend be\n  " + serverLine + "\n";
        running.start(ConfigLoader.withEnvironment(java.util.Map.of()).parse("tls.cfg", text).config());
        return new InetSocketAddress("127.0.0.1", port);
    }

    /** A client context trusting the test CA, presenting {@code clientPem} when given. */
    private static SSLContext client(String protocol, Path clientP12) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certs.ca())) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (clientP12 != null) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(clientP12)) {
                ks.load(in, "pw".toCharArray());
            }
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, "pw".toCharArray());
        }
        SSLContext ctx = SSLContext.getInstance(protocol);
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    private static Path p12(String name) {
        Path out = dir.resolve(name + ".p12");
        if (!Files.exists(out)) {
            certs.openssl("pkcs12", "-export", "-in", name + ".crt", "-inkey", name + ".key", "-out", name + ".p12",
                    "-passout", "pass:pw");
        }
        return out;
    }

    private static SSLSocket connect(SSLContext ctx, InetSocketAddress at, String sni) throws IOException {
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(at.getAddress(), at.getPort());
        s.setSoTimeout(5000);
        if (sni != null) {
            SSLParameters p = s.getSSLParameters();
            p.setServerNames(List.of(new SNIHostName(sni)));
            s.setSSLParameters(p);
        }
        s.startHandshake();
        return s;
    }

    /** The CN of the certificate the listener serves for {@code sni}. */
    private static String servedName(InetSocketAddress at, String sni) throws Exception {
        try (SSLSocket s = connect(client("TLS", null), at, sni)) {
            X509Certificate cert = (X509Certificate) s.getSession().getPeerCertificates()[0];
            String dn = cert.getSubjectX500Principal().getName();
            return dn.substring(dn.indexOf("CN=") + 3).split(",")[0];
        }
    }

    /** Sends a GET on {@code s} and returns the response, read to its Content-Length. */
    private static String get(SSLSocket s, String path, String host) throws IOException {
        s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head);
            }
            head.write(b);
        }
        String h = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : h.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return h + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
    }

    @Test
    void sniPicksTheCertificateExactWildcardSanOrDefault() throws Exception {
        try (TestBackend backend = new TestBackend("b1")) {
            InetSocketAddress at = start("ssl crt " + certDir, "", "server s 127.0.0.1:" + backend.port());
            assertEquals("a.example", servedName(at, "a.example"));
            assertEquals("a.example", servedName(at, "alt.example"), "a SAN");
            assertEquals("a.example", servedName(at, "A.Example"), "names compare without case");
            assertEquals("w.example", servedName(at, "x.w.example"), "a wildcard SAN");
            assertEquals("default.example", servedName(at, "y.x.w.example"), "a wildcard covers one label");
            assertEquals("default.example", servedName(at, "unknown.example"), "the first loaded is the default");
            assertEquals("default.example", servedName(at, null), "no SNI");
        }
    }

    @Test
    void strictSniRefusesUnknownNames() throws Exception {
        try (TestBackend backend = new TestBackend("b1")) {
            InetSocketAddress at = start("ssl crt " + certDir + " strict-sni", "", "server s 127.0.0.1:" + backend.port());
            assertEquals("w.example", servedName(at, "x.w.example"));
            assertThrows(IOException.class, () -> servedName(at, "unknown.example"));
            assertThrows(IOException.class, () -> servedName(at, null));
        }
    }

    @Test
    void fetchesSeeTheConnection() throws Exception {
        try (TestBackend backend = new TestBackend("b1")) {
            InetSocketAddress at = start("ssl crt " + certDir + " alpn http/1.1",
                    "  http-request set-header X-SSL %[ssl_fc]/%[ssl_fc_sni]/%[ssl_fc_protocol]/%[ssl_c_used]\n"
                            + "  http-request set-header X-Cipher %[ssl_fc_cipher]\n",
                    "server s 127.0.0.1:" + backend.port());
            try (SSLSocket s = connect(client("TLSv1.2", null), at, "a.example")) {
                String r = get(s, "/headers", "a.example");
                assertTrue(r.contains("x-ssl: 1/a.example/TLSv1.2/0\n"), r);
                assertTrue(r.contains("x-cipher: ECDHE-RSA-AES"), r);
            }
            try (SSLSocket s = connect(client("TLSv1.3", null), at, null)) {
                String r = get(s, "/headers", "x");
                assertTrue(r.contains("x-ssl: 1//TLSv1.3/0\n"), r);
                assertTrue(r.contains("x-cipher: TLS_"), r);
            }
        }
    }

    @Test
    void clientCertificatesRequired() throws Exception {
        try (TestBackend backend = new TestBackend("b1")) {
            InetSocketAddress at = start("ssl crt " + certDir + " ca-file " + certs.ca() + " verify required",
                    "  http-request set-header X-DN %[ssl_c_s_dn]/%[ssl_c_i_dn]/%[ssl_c_verify]\n",
                    "server s 127.0.0.1:" + backend.port());
            try (SSLSocket s = connect(client("TLS", p12("client")), at, "a.example")) {
                String r = get(s, "/headers", "a.example");
                assertTrue(r.contains("x-dn: /O=Ballast Tests/CN=alice//O=Ballast Tests/CN=Ballast Test CA/0\n"), r);
            }
            // TLS 1.3 clients learn of the refusal when they read.
            assertThrows(IOException.class, () -> {
                try (SSLSocket s = connect(client("TLS", null), at, "a.example")) {
                    get(s, "/headers", "a.example");
                }
            });
        }
    }

    @Test
    void minimumVersion() throws Exception {
        try (TestBackend backend = new TestBackend("b1")) {
            InetSocketAddress at = start("ssl crt " + certDir + " ssl-min-ver TLSv1.3", "",
                    "server s 127.0.0.1:" + backend.port());
            assertThrows(SSLException.class, () -> connect(client("TLSv1.2", null), at, "a.example").close());
            connect(client("TLSv1.3", null), at, "a.example").close();
        }
    }

    @Test
    void sessionsResume() throws Exception {
        try (TestBackend backend = new TestBackend("b1")) {
            InetSocketAddress at = start("ssl crt " + certDir, "", "server s 127.0.0.1:" + backend.port(),
                    "  ssl-default-bind-options no-tls-tickets\n");
            SSLContext ctx = client("TLSv1.2", null);
            byte[] first;
            try (SSLSocket s = connect(ctx, at, "a.example")) {
                first = s.getSession().getId();
            }
            try (SSLSocket s = connect(ctx, at, "a.example")) {
                assertEquals(java.util.HexFormat.of().formatHex(first),
                        java.util.HexFormat.of().formatHex(s.getSession().getId()), "resumed from the session cache");
            }
        }
    }

    @Test
    void logLinesShowTheConnection() throws Exception {
        try (TestBackend backend = new TestBackend("b1");
             SyslogReceiver syslog = new SyslogReceiver()) {
            InetSocketAddress at = start("ssl crt " + certDir + " ca-file " + certs.ca() + " verify required",
                    "  log global\n  log-format \"%ft %sslv %[ssl_fc_sni] %[ssl_fc] %[ssl_c_used] %{+Q}[ssl_c_s_dn]\"\n",
                    "server s 127.0.0.1:" + backend.port(), "  log 127.0.0.1:" + syslog.port() + " local0\n");
            try (SSLSocket s = connect(client("TLSv1.3", p12("client")), at, "a.example")) {
                get(s, "/", "a.example");
            }
            assertTrue(syslog.next().strip().endsWith(" fe~ TLSv1.3 a.example 1 1 \"/O=Ballast Tests/CN=alice\""));
            // A certificate from another CA (the JDK's client then presents none): HAProxy's failed handshake line.
            certs.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "evil.key", "-out", "evil.crt",
                    "-days", "2", "-subj", "/CN=mallory");
            assertThrows(IOException.class, () -> {
                try (SSLSocket s = connect(client("TLSv1.2", p12("evil")), at, "a.example")) {
                    get(s, "/", "a.example");
                }
            });
            String failure = syslog.next().strip();
            assertTrue(failure.matches(".*127\\.0\\.0\\.1:\\d+ \\[[^]]+\\] fe/1: SSL handshake failure"), failure);
        }
    }

    /** The JDK's HTTPS server: answers with the SNI it received and the port the connection came from. */
    private static HttpsServer httpsBackend(String certName) throws Exception {
        Path p12 = p12(certName);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, "pw".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "pw".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx));
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String sni = "none";
            if (((HttpsExchange) exchange).getSSLSession() instanceof ExtendedSSLSession e
                    && !e.getRequestedServerNames().isEmpty()) {
                sni = ((SNIHostName) e.getRequestedServerNames().get(0)).getAsciiName();
            }
            byte[] body = (sni + " " + exchange.getRemoteAddress().getPort()).getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    @Test
    void serverTlsWithSniFromTheHostHeaderAndPoolsPerName() throws Exception {
        HttpsServer server = httpsBackend("w");
        try {
            InetSocketAddress at = start("ssl crt " + certDir, "  option http-keep-alive\n",
                    "http-reuse always\n  server s 127.0.0.1:" + server.getAddress().getPort()
                            + " ssl verify required ca-file " + certs.ca() + " sni req.hdr(host)");
            try (SSLSocket s = connect(client("TLS", null), at, "a.example")) {
                String[] one = body(get(s, "/", "one.w.example:443")).split(" ");
                String[] two = body(get(s, "/", "two.w.example")).split(" ");
                String[] again = body(get(s, "/", "one.w.example")).split(" ");
                assertEquals("one.w.example", one[0], "the Host header without its port");
                assertEquals("two.w.example", two[0]);
                assertNotEquals(one[1], two[1], "another name, another connection");
                assertEquals("one.w.example", again[0]);
                assertEquals(one[1], again[1], "the idle connection made for that name is reused");
                // The server's certificate does not carry the name sent: verification fails, as a refused connection.
                String refused = get(s, "/", "other.example");
                assertTrue(refused.startsWith("HTTP/1.1 503"), refused);
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void tcpModeTerminatesAndReencryptsWithTheClientsSni() throws Exception {
        HttpsServer server = httpsBackend("w");
        try {
            int port = TestConfigs.freePort();
            String text = "defaults\n  mode tcp\n  timeout connect 2s\n  timeout client 5s\n  timeout server 5s\n"
                    + "listen tcp\n  bind 127.0.0.1:" + port + " ssl crt " + certDir + "\n"
                    + "  server s 127.0.0.1:" + server.getAddress().getPort() + " ssl verify required ca-file "
                    + certs.ca() + " sni ssl_fc_sni\n";
            running.start(ConfigLoader.withEnvironment(java.util.Map.of()).parse("tcp.cfg", text).config());
            InetSocketAddress at = new InetSocketAddress("127.0.0.1", port);
            try (SSLSocket s = connect(client("TLS", null), at, "x.w.example")) {
                assertTrue(body(get(s, "/", "x.w.example")).startsWith("x.w.example "), "the client's SNI, passed on");
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void serverTlsWithoutVerification() throws Exception {
        HttpsServer server = httpsBackend("a");
        try {
            InetSocketAddress at = start("ssl crt " + certDir, "",
                    "server s 127.0.0.1:" + server.getAddress().getPort() + " ssl verify none");
            try (SSLSocket s = connect(client("TLS", null), at, "a.example")) {
                assertTrue(body(get(s, "/", "a.example")).startsWith("none "), "no SNI without 'sni'");
            }
        } finally {
            server.stop(0);
        }
    }
}
