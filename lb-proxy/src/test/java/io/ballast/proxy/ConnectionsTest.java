package io.ballast.proxy;

import io.ballast.core.config.BallastConfig;
import io.ballast.core.config.HttpConnectionMode;
import io.ballast.core.config.ProxyMode;
import io.ballast.core.config.Timeouts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connection-level behaviour: maxconn, TCP mode, upgrades to a tunnel, soft stop. */
class ConnectionsTest {

    private static final Timeouts TIMEOUTS = new Timeouts(2000, 5000, 5000, 0, 0, 0, 0, 0, 0, 0, 0);

    @RegisterExtension
    final RunningBallast running = new RunningBallast();
    private TestBackend web;

    @AfterEach
    void stop() {
        if (web != null) {
            web.close();
        }
    }

    private SocketAddress start(BallastConfig config) throws Exception {
        return running.start(config);
    }

    private static String get() {
        return "GET / HTTP/1.1\r\nHost: t\r\n\r\n";
    }

    @Test
    void frontendMaxconnHoldsFurtherConnectionsUntilOneCloses() throws Exception {
        web = new TestBackend("web01");
        SocketAddress lb = start(TestConfigs.withFrontendMaxconn(TestConfigs.http(TestConfigs.server("web01", web.port())), 1));
        RawClient first = new RawClient(lb);
        assertEquals("web01", first.send(get()).read().body());
        try (Socket second = new Socket()) {
            second.connect(lb, 2000); // completes in the kernel backlog
            second.setSoTimeout(700);
            second.getOutputStream().write(get().getBytes(StandardCharsets.US_ASCII));
            assertThrows(SocketTimeoutException.class, () -> second.getInputStream().read(),
                    "the second connection must wait while the first is open");
            first.close();
            second.setSoTimeout(5000);
            assertEquals('H', second.getInputStream().read(), "served once the first connection closed");
        }
    }

    /** accept() failing (out of file descriptors, say) on the listener of {@code lb}, as its event loop sees it. */
    private io.netty.channel.Channel acceptFails() throws Exception {
        io.netty.channel.Channel listener = running.get().engine().listenerChannels().get(0);
        listener.eventLoop().submit(() -> listener.pipeline()
                .fireExceptionCaught(new IOException("accept(..) failed: Too many open files"))).sync();
        return listener;
    }

    @Test
    void aFailedAcceptPausesTheListenerBriefly() throws Exception {
        web = new TestBackend("web01");
        SocketAddress lb = start(TestConfigs.http(TestConfigs.server("web01", web.port())));
        io.netty.channel.Channel listener = acceptFails();
        assertFalse(listener.config().isAutoRead(), "paused rather than spin on the error");
        try (RawClient client = new RawClient(lb)) { // waits in the backlog, then is served
            assertEquals("web01", client.send(get()).read().body());
        }
        assertTrue(listener.config().isAutoRead());
    }

    @Test
    void aListenerPausedByAFailedAcceptStaysPausedWhenAnotherFillsTheFrontendsMaxconn() throws Exception {
        web = new TestBackend("web01");
        int a = TestConfigs.freePort();
        int b = TestConfigs.freePort();
        String cfg = String.join("\n", "defaults", "  mode http", "  timeout connect 2s", "  timeout client 5s",
                "  timeout server 5s", "frontend fe", "  maxconn 1", "  bind 127.0.0.1:" + a, "  bind 127.0.0.1:" + b,
                "  default_backend be", "backend be", "  server web01 127.0.0.1:" + web.port(), "");
        running.start(io.ballast.core.config.ConfigLoader.create().parse("t.cfg", cfg).config());
        io.netty.channel.Channel first = running.get().engine().listenerChannels().get(0);
        assertEquals(a, ((java.net.InetSocketAddress) first.localAddress()).getPort());
        acceptFails();
        try (RawClient viaB = new RawClient(new java.net.InetSocketAddress("127.0.0.1", b))) {
            assertEquals("web01", viaB.send(get()).read().body());
            Thread.sleep(1200); // past the pause after the error (and past Netty's own 1 s one)
            assertFalse(first.config().isAutoRead(), "the frontend is at its maxconn");
        }
        try (RawClient viaA = new RawClient(new java.net.InetSocketAddress("127.0.0.1", a))) {
            assertEquals("web01", viaA.send(get()).read().body(), "accepts again once a connection closed");
        }
    }

    @Test
    void tcpModeRelaysBytesBothWays() throws Exception {
        try (ServerSocket echo = new ServerSocket(0)) {
            CompletableFuture.runAsync(() -> echoOnce(echo));
            SocketAddress lb = start(TestConfigs.proxy(ProxyMode.TCP, TIMEOUTS, HttpConnectionMode.KEEP_ALIVE, null,
                    TestConfigs.server("echo", echo.getLocalPort())));
            try (Socket s = new Socket()) {
                s.connect(lb, 2000);
                s.setSoTimeout(5000);
                s.getOutputStream().write("not http at all\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals("not http at all\n", new String(s.getInputStream().readNBytes(16), StandardCharsets.US_ASCII));
            }
        }
    }

    @Test
    void upgradeBecomesATunnelAfter101() throws Exception {
        try (ServerSocket upgrading = new ServerSocket(0)) {
            CompletableFuture.runAsync(() -> upgradeThenEcho(upgrading));
            SocketAddress lb = start(TestConfigs.http(TestConfigs.server("ws", upgrading.getLocalPort())));
            try (RawClient c = new RawClient(lb)) {
                RawClient.Response r = c.send("GET /chat HTTP/1.1\r\nHost: t\r\nConnection: Upgrade\r\n"
                        + "Upgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").readHeadOnly();
                assertEquals(101, r.status());
                assertEquals("upgrade", r.header("Connection").toLowerCase());
                c.send("ping");
                assertEquals("ping", c.read4());
            }
        }
    }

    @Test
    void webSocketUpgradeWithoutKeyIs400AndNotForwarded() throws Exception {
        web = new TestBackend("web01");
        try (RawClient c = new RawClient(start(TestConfigs.http(TestConfigs.server("web01", web.port()))))) {
            RawClient.Response r = c.send("GET /chat HTTP/1.1\r\nHost: t\r\nConnection: Upgrade\r\n"
                    + "Upgrade: websocket\r\n\r\n").read();
            assertEquals(400, r.status());
        }
        assertEquals(0, web.requests.get());
    }

    @Test
    void softStopFinishesTheRequestInFlightAndRefusesNewConnections() throws Exception {
        web = new TestBackend("web01");
        SocketAddress lb = start(TestConfigs.http(TestConfigs.server("web01", web.port())));
        try (RawClient busy = new RawClient(lb); RawClient idle = new RawClient(lb)) {
            assertEquals("web01", idle.send(get()).read().body());
            busy.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");
            Thread.sleep(200);
            CompletableFuture<Void> stopped = running.get().softStop();
            assertTrue(idle.closedByPeer(), "idle keep-alive connections close at once");
            assertThrows(IOException.class, () -> new RawClient(lb), "listeners are closed");
            RawClient.Response r = busy.read();
            assertEquals(200, r.status());
            assertEquals("close", r.header("Connection"));
            stopped.get(5, TimeUnit.SECONDS);
            assertFalse(stopped.isCompletedExceptionally());
        }
    }

    private static void echoOnce(ServerSocket server) {
        try (Socket s = server.accept()) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] buf = new byte[256];
            int n = in.read(buf);
            out.write(buf, 0, n);
            out.flush();
            s.shutdownOutput();
            in.read();
        } catch (IOException ignored) {
            // the test fails on its own side
        }
    }

    private static void upgradeThenEcho(ServerSocket server) {
        try (Socket s = server.accept()) {
            InputStream in = s.getInputStream();
            byte[] head = new byte[4096];
            int n = 0;
            while (n < 4 || !new String(head, 0, n, StandardCharsets.US_ASCII).contains("\r\n\r\n")) {
                n += in.read(head, n, head.length - n);
            }
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(in.readNBytes(4));
            out.flush();
            in.read();
        } catch (IOException ignored) {
            // the test fails on its own side
        }
    }
}
