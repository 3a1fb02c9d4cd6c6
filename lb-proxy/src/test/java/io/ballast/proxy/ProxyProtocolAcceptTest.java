package io.ballast.proxy;

import io.ballast.core.config.ConfigLoader;
import io.ballast.proxy.stats.StatField;
import io.ballast.proxy.stats.StatsRow;
import io.ballast.proxy.tls.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bind ... accept-proxy} with real sockets: version 1 and 2 headers, split or followed by the request in the
 * same packet, {@code UNKNOWN}/{@code LOCAL}, refused headers (closed without an answer, nothing forwarded, logged as
 * HAProxy logs them), the {@code timeout client} wait, TCP mode, and a TLS listener behind the header.
 */
@Timeout(30)
class ProxyProtocolAcceptTest {

    @RegisterExtension
    final RunningBallast running = new RunningBallast();

    private TestBackend web;
    private SyslogReceiver syslog;

    @BeforeEach
    void start() throws IOException {
        web = new TestBackend("web01");
        syslog = new SyslogReceiver();
    }

    @AfterEach
    void stop() {
        web.close();
        syslog.close();
    }

    /** An HTTP frontend {@code accept-proxy} with {@code option forwardfor} and an httplog to {@link #syslog}. */
    private SocketAddress startHttp(String bindOptions, String frontendLines) throws Exception {
        String cfg = """
                global
                  log 127.0.0.1:%d local0
                defaults
                  log global
                  mode http
                  option httplog
                  timeout connect 1s
                  timeout client 2s
                  timeout server 2s
                frontend fe
                  bind 127.0.0.1:%d accept-proxy %s
                  option forwardfor
                  http-request set-header X-Seen "%%[src]:%%[src_port] %%[dst]:%%[dst_port]"
                %s
                  default_backend be
                backend be
                  server web01 127.0.0.1:%d
                """.formatted(syslog.port(), TestConfigs.freePort(), bindOptions, frontendLines, web.port());
        return running.start(ConfigLoader.create().parse("proxy.cfg", cfg).config());
    }

    private String nextLogLine() throws IOException {
        return syslog.next().strip();
    }

    private static final String REQUEST = "GET /headers HTTP/1.1\r\nHost: t\r\n\r\n";

    /** A version 2 header for a TCP over IPv4 connection, written byte by byte as the specification lays it out. */
    static byte[] v2Tcp4(String source, int sourcePort, String destination, int destinationPort) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(V2_SIGNATURE);
        b.write(0x21); // version 2, PROXY
        b.write(0x11); // TCP over IPv4
        b.write(new byte[] {0, 12});
        b.write(InetAddress.getByName(source).getAddress());
        b.write(InetAddress.getByName(destination).getAddress());
        b.write(new byte[] {(byte) (sourcePort >> 8), (byte) sourcePort, (byte) (destinationPort >> 8),
                (byte) destinationPort});
        return b.toByteArray();
    }

    static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    private static byte[] concat(byte[] a, String b) {
        byte[] tail = b.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = java.util.Arrays.copyOf(a, a.length + tail.length);
        System.arraycopy(tail, 0, out, a.length, tail.length);
        return out;
    }

    @Test
    void versionOneGivesTheClientsAddressesToFetchesForwardforAndTheLog() throws Exception {
        SocketAddress lb = startHttp("", "");
        try (RawClient c = new RawClient(lb)) {
            // The header and the request in one packet: the bytes after the header are the request.
            String body = c.send("PROXY TCP4 192.0.2.10 198.51.100.1 40000 8443\r\n" + REQUEST).read().body();
            assertTrue(body.contains("x-forwarded-for: 192.0.2.10\n"), body);
            assertTrue(body.contains("x-seen: 192.0.2.10:40000 198.51.100.1:8443\n"), body);
        }
        String line = nextLogLine();
        assertTrue(line.contains("]: 192.0.2.10:40000 ["), line);
        assertTrue(line.contains(" fe be/web01 ") && line.contains(" 200 "), line);
    }

    @Test
    void versionTwoOverIpv4AndIpv6() throws Exception {
        SocketAddress lb = startHttp("", "");
        try (RawClient c = new RawClient(lb)) {
            String body = c.send(concat(v2Tcp4("192.0.2.20", 1234, "198.51.100.2", 443), REQUEST)).read().body();
            assertTrue(body.contains("x-forwarded-for: 192.0.2.20\n"), body);
            assertTrue(body.contains("x-seen: 192.0.2.20:1234 198.51.100.2:443\n"), body);
            String again = c.send(REQUEST).read().body();
            assertTrue(again.contains("x-seen: 192.0.2.20:1234 "), "the whole connection is that client's: " + again);
        }
        ByteArrayOutputStream v6 = new ByteArrayOutputStream();
        v6.write(V2_SIGNATURE);
        v6.write(new byte[] {0x21, 0x21, 0, 36});
        v6.write(InetAddress.getByName("2001:db8::7").getAddress());
        v6.write(InetAddress.getByName("2001:db8::1").getAddress());
        v6.write(new byte[] {0x13, (byte) 0x88, 0x01, (byte) 0xbb}); // 5000, 443
        try (RawClient c = new RawClient(lb)) {
            String body = c.send(concat(v6.toByteArray(), REQUEST)).read().body();
            assertTrue(body.contains("x-forwarded-for: 2001:db8::7\n"), body);
            assertTrue(body.contains("x-seen: 2001:db8::7:5000 2001:db8::1:443\n"), body);
        }
    }

    @Test
    void unknownAndLocalKeepTheSocketsAddresses() throws Exception {
        SocketAddress lb = startHttp("", "");
        try (RawClient c = new RawClient(lb)) {
            String body = c.send("PROXY UNKNOWN\r\n" + REQUEST).read().body();
            assertTrue(body.contains("x-forwarded-for: 127.0.0.1\n"), body);
        }
        byte[] local = concat(V2_SIGNATURE, "");
        local = java.util.Arrays.copyOf(local, local.length + 4);
        local[12] = 0x20; // version 2, LOCAL; family, length 0
        try (RawClient c = new RawClient(lb)) {
            String body = c.send(concat(local, REQUEST)).read().body();
            assertTrue(body.contains("x-forwarded-for: 127.0.0.1\n"), body);
        }
    }

    @Test
    void headersSplitAcrossReadsAreWaitedFor() throws Exception {
        SocketAddress lb = startHttp("", "");
        try (RawClient c = new RawClient(lb)) {
            for (String part : new String[] {"PROX", "Y TCP4 192.0.2.30 198.51.100.3 ", "41000 80", "\r", "\nGET /hea",
                    "ders HTTP/1.1\r\nHost: t\r\n\r\n"}) {
                c.send(part);
                Thread.sleep(50);
            }
            assertTrue(c.read().body().contains("x-forwarded-for: 192.0.2.30\n"));
        }
        byte[] v2 = v2Tcp4("192.0.2.31", 1, "198.51.100.3", 2);
        try (RawClient c = new RawClient(lb)) {
            for (int[] cut : new int[][] {{0, 5}, {5, 14}, {14, 20}, {20, v2.length}}) {
                c.send(java.util.Arrays.copyOfRange(v2, cut[0], cut[1]));
                Thread.sleep(50);
            }
            assertTrue(c.send(REQUEST).read().body().contains("x-forwarded-for: 192.0.2.31\n"));
        }
    }

    @Test
    void whatIsNoHeaderIsClosedUnansweredNeverForwardedAndLogged() throws Exception {
        SocketAddress lb = startHttp("", "");
        assertClosedUnanswered(lb, REQUEST.getBytes(StandardCharsets.ISO_8859_1));
        String line = nextLogLine();
        assertTrue(line.matches("<134>.* haproxy\\[\\d+\\]: 127\\.0\\.0\\.1:\\d+ \\[\\d\\d/[A-Z][a-z]{2}/\\d{4}:[\\d:.]+\\] "
                + "fe/1: Received something which does not look like a PROXY protocol header"), line);
        assertClosedUnanswered(lb, "PROXY TCP4 192.0.2.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(nextLogLine().endsWith("fe/1: Received an invalid PROXY protocol header"));
        byte[] badV2 = v2Tcp4("192.0.2.1", 1, "198.51.100.1", 2);
        badV2[15] = 8; // an address block too short for IPv4 addresses and ports
        assertClosedUnanswered(lb, badV2);
        assertTrue(nextLogLine().endsWith("fe/1: Received an invalid PROXY protocol header"));
        assertEquals(0, web.requests.get(), "nothing reached the server");
        StatsRow fe = running.get().stats().rows().get(0);
        assertEquals(3L, fe.value(StatField.CONN_TOT), "as HAProxy: connections...");
        assertEquals(0L, fe.value(StatField.STOT), "...that never became sessions");
    }

    private static void assertClosedUnanswered(SocketAddress lb, byte[] sent) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(lb, 2000);
            s.setSoTimeout(5000);
            s.getOutputStream().write(sent);
            assertEquals(-1, s.getInputStream().read(), "closed without an answer");
        }
    }

    @Test
    void timeoutClientBoundsTheWaitAndTruncatedHeadersAreLoggedAsSuch() throws Exception {
        SocketAddress lb = startHttp("", "");
        long start = System.nanoTime();
        assertClosedUnanswered(lb, new byte[0]);
        long waited = (System.nanoTime() - start) / 1_000_000;
        assertTrue(waited >= 1900 && waited < 4000, "closed after timeout client (2s): " + waited + " ms");
        assertTrue(nextLogLine().endsWith("fe/1: Timeout while waiting for PROXY protocol header"));
        assertClosedUnanswered(lb, "PROXY TCP4 ".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(nextLogLine().endsWith("fe/1: Truncated PROXY protocol header received"));
    }

    @Test
    void dontlognullLeavesOutConnectionsThatSentNothing() throws Exception {
        SocketAddress lb = startHttp("name edge", "  option dontlognull");
        try (Socket s = new Socket()) {
            s.connect(lb, 2000);
        }
        assertClosedUnanswered(lb, "HELLO WORLD, NO HEADER\r\n".getBytes(StandardCharsets.ISO_8859_1));
        String line = nextLogLine();
        assertTrue(line.endsWith("fe/edge: Received something which does not look like a PROXY protocol header"),
                "the empty connection left no line before this one: " + line);
    }

    @Test
    void tcpConnectionRulesSeeTheSocketsAddressesAsInHaproxy() throws Exception {
        SocketAddress lb = startHttp("", "  tcp-request connection reject if { src 192.0.2.40 }\n"
                + "  tcp-request connection reject if !{ src 127.0.0.1 }");
        try (RawClient c = new RawClient(lb)) {
            String body = c.send("PROXY TCP4 192.0.2.40 198.51.100.1 1 2\r\n" + REQUEST).read().body();
            assertTrue(body.contains("x-forwarded-for: 192.0.2.40\n"), body);
        }
    }

    @Test
    void tcpModeRelaysTheBytesAfterTheHeader() throws Exception {
        try (ScriptedServer echo = new ScriptedServer(conn -> {
            byte[] got = conn.readBytes(5);
            conn.socket.getOutputStream().write(got);
        })) {
            String cfg = """
                    defaults
                      mode tcp
                      timeout connect 1s
                      timeout client 2s
                      timeout server 2s
                    listen tcp
                      bind 127.0.0.1:%d accept-proxy
                      server echo 127.0.0.1:%d
                    """.formatted(TestConfigs.freePort(), echo.port());
            SocketAddress lb = running.start(ConfigLoader.create().parse("tcp.cfg", cfg).config());
            try (Socket s = new Socket()) {
                s.connect(lb, 2000);
                s.setSoTimeout(5000);
                s.getOutputStream().write(concat(v2Tcp4("192.0.2.50", 9, "198.51.100.5", 10), "hello"));
                assertEquals("hello", new String(s.getInputStream().readNBytes(5), StandardCharsets.US_ASCII));
            }
        }
    }

    @Test
    void theHeaderComesBeforeTls(@TempDir Path dir) throws Exception {
        TestCertificates certs = new TestCertificates(dir);
        Path pem = certs.leaf("lb", "lb.example", "lb.example");
        SocketAddress lb = startHttp("ssl crt " + pem, "");
        InetSocketAddress at = (InetSocketAddress) lb;
        try (Socket plain = new Socket()) {
            plain.connect(at, 2000);
            plain.setSoTimeout(5000);
            plain.getOutputStream().write(v2Tcp4("192.0.2.60", 50000, "198.51.100.6", 443));
            try (SSLSocket tls = (SSLSocket) trusting(certs.ca()).getSocketFactory()
                    .createSocket(plain, "lb.example", at.getPort(), true)) {
                String body = new RawClient(tls).send(REQUEST).read().body();
                assertTrue(body.contains("x-forwarded-for: 192.0.2.60\n"), body);
                assertTrue(body.contains("x-seen: 192.0.2.60:50000 198.51.100.6:443\n"), body);
            }
        }
    }

    private static SSLContext trusting(Path ca) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(ca)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
