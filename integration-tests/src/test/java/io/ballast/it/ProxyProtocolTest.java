package io.ballast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ballast.it.BallastProcess.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The PROXY protocol between the real HAProxy 2.6 and Ballast, both ways, towards a real Apache that reports the
 * {@code X-Forwarded-For} it received. The client connects from {@code 127.0.0.2}, so that its address differs from
 * the proxies' own ({@code 127.0.0.1}): only a header passed on and read can bring it to Apache.
 * <ul>
 *     <li>HAProxy {@code send-proxy-v2} (and {@code send-proxy}) to Ballast {@code accept-proxy}, whose
 *     {@code option forwardfor} and access log then name the client; HAProxy's checks send theirs too;</li>
 *     <li>Ballast {@code send-proxy-v2} (and {@code send-proxy}) to HAProxy {@code accept-proxy}, whose
 *     {@code option forwardfor} names the client Ballast saw; Ballast's health checks pass through HAProxy's
 *     {@code accept-proxy} (they send their header);</li>
 *     <li>HAProxy {@code send-proxy-v2 ssl} to Ballast {@code accept-proxy ssl}: the header, then TLS.</li>
 * </ul>
 */
@ExtendWith(TestNames.class)
class ProxyProtocolTest {

    private static final String CLIENT = "127.0.0.2";

    private final Cleanup cleanup = new Cleanup();
    private Path dir;
    private ApacheServer apache;

    @BeforeEach
    void setUp() throws IOException {
        Engine.HAPROXY.assumeAvailable();
        dir = Reaper.trackDir(Files.createTempDirectory("ballast-proxy-protocol-"));
        apache = cleanup.track(ApacheServer.createEcho("web01"));
        apache.start();
    }

    @AfterEach
    void tearDown() {
        cleanup.close();
        ApacheServer.deleteTree(dir);
    }

    private BallastProcess start(Engine engine, String name, String config, int port) throws IOException {
        Path file = dir.resolve(name + ".cfg");
        Files.writeString(file, config);
        return cleanup.track(BallastProcess.start(engine, file, port));
    }

    private static final String DEFAULTS = "defaults\n  mode http\n  timeout connect 2s\n  timeout client 10s\n"
            + "  timeout server 10s\n";

    /** One request from {@link #CLIENT} to {@code port}; the response as text (Apache's echo closes after it). */
    private static String requestFromClient(int port) {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(CLIENT), 0));
            s.connect(new InetSocketAddress(Net.LOOPBACK, port), 5000);
            s.setSoTimeout(10000);
            s.getOutputStream().write("GET /who HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertForwardedFor(String response) {
        assertTrue(response.startsWith("HTTP/1.1 200"), response);
        assertTrue(response.contains("\nHTTP_X_FORWARDED_FOR=" + CLIENT + "\n"), response);
    }

    @Test
    void haproxySendsVersionTwoAndOneToBallastsAcceptProxy() throws IOException {
        for (String sendProxy : List.of("send-proxy-v2", "send-proxy")) {
            int ballastPort = Net.freePort();
            BallastProcess ballast = start(Engine.underTest(), "ballast-" + sendProxy, "global\n"
                    + "  log stdout format raw local0\n" + DEFAULTS + "  log global\n  option httplog\n"
                    + "frontend fe\n  bind 127.0.0.1:" + ballastPort + " accept-proxy\n  option forwardfor\n"
                    + "  default_backend be\nbackend be\n  server web01 127.0.0.1:" + apache.port() + "\n", ballastPort);
            int haproxyPort = Net.freePort();
            start(Engine.HAPROXY, "haproxy-" + sendProxy, DEFAULTS + "frontend fe\n  bind 127.0.0.1:" + haproxyPort
                    + "\n  default_backend be\nbackend be\n  server lb 127.0.0.1:" + ballastPort + " " + sendProxy
                    + " check inter 200\n", haproxyPort);
            assertForwardedFor(requestFromClient(haproxyPort));
            Net.await(() -> ballast.output().contains(CLIENT + ":"), Duration.ofSeconds(5),
                    () -> "Ballast's access log line for " + CLIENT + ":\n" + ballast.output());
            assertTrue(ballast.output().lines().anyMatch(l -> l.startsWith(CLIENT + ":") && l.contains(" fe be/web01 ")
                    && l.contains(" 200 ")), ballast.output());
        }
    }

    @Test
    void ballastSendsVersionTwoAndOneToHaproxysAcceptProxy() throws IOException {
        for (String sendProxy : List.of("send-proxy-v2", "send-proxy")) {
            int haproxyPort = Net.freePort();
            start(Engine.HAPROXY, "haproxy-" + sendProxy, DEFAULTS + "frontend fe\n  bind 127.0.0.1:" + haproxyPort
                    + " accept-proxy\n  option forwardfor\n  default_backend be\n"
                    + "backend be\n  server web01 127.0.0.1:" + apache.port() + "\n", haproxyPort);
            int ballastPort = Net.freePort();
            int statsPort = Net.freePort();
            start(Engine.underTest(), "ballast-" + sendProxy, "global\n  stats socket ipv4@127.0.0.1:" + statsPort
                    + " level admin\n" + DEFAULTS + "frontend fe\n  bind 127.0.0.1:" + ballastPort
                    + "\n  default_backend be\nbackend be\n  option httpchk GET /health\n  server lb 127.0.0.1:"
                    + haproxyPort + " " + sendProxy + " check inter 200\n", ballastPort);
            // The checks go through HAProxy's accept-proxy to Apache: they pass only if they send their header.
            Net.await(() -> statField(statsPort, "check_status").equals("L7OK"), Duration.ofSeconds(10),
                    () -> "be/lb checked L7OK; show stat says " + statField(statsPort, "check_status"));
            assertEquals("UP", statField(statsPort, "status"));
            assertForwardedFor(requestFromClient(ballastPort));
        }
    }

    /** The {@code field} of be/lb in {@code show stat}, through the runtime API on {@code port}. */
    private static String statField(int port, String field) {
        try (Socket s = new Socket(Net.LOOPBACK, port)) {
            s.getOutputStream().write("show stat\n".getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput();
            List<String> lines = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .toList();
            int column = List.of(lines.get(0).substring(2).split(",")).indexOf(field);
            return lines.stream().filter(l -> l.startsWith("be,lb,")).map(l -> l.split(",", -1)[column]).findFirst()
                    .orElse("?");
        } catch (IOException | RuntimeException e) {
            return e.toString();
        }
    }

    @Test
    void theHeaderThenTlsIntoBallastsSslListener() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        Result made = BallastProcess.runCommand(dir, Duration.ofSeconds(60), Map.of(), List.of("openssl", "req",
                "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "lb.key", "-out", "lb.crt", "-days", "2",
                "-subj", "/CN=lb.example"));
        assertEquals(0, made.exitCode(), made.output());
        Path pem = dir.resolve("lb.pem");
        Files.writeString(pem, Files.readString(dir.resolve("lb.crt")) + Files.readString(dir.resolve("lb.key")));
        int ballastPort = Net.freePort();
        start(Engine.underTest(), "ballast-tls", DEFAULTS + "frontend fe\n  bind 127.0.0.1:" + ballastPort
                + " accept-proxy ssl crt " + pem + "\n  option forwardfor\n  default_backend be\n"
                + "backend be\n  server web01 127.0.0.1:" + apache.port() + "\n", ballastPort);
        int haproxyPort = Net.freePort();
        start(Engine.HAPROXY, "haproxy-tls", DEFAULTS + "frontend fe\n  bind 127.0.0.1:" + haproxyPort
                + "\n  default_backend be\nbackend be\n  server lb 127.0.0.1:" + ballastPort
                + " send-proxy-v2 ssl verify none\n", haproxyPort);
        assertForwardedFor(requestFromClient(haproxyPort));
    }
}
