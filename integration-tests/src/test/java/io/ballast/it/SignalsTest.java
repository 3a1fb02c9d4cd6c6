package io.ballast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** HAProxy's signals: SIGTERM stops now with status 0; SIGUSR1 stops after the requests in flight. */
@ExtendWith(TestNames.class)
class SignalsTest {
    private Path dir;
    private BallastProcess ballast;
    private ApacheServer web01;
    private ApacheServer web02;
    private HeldBackend held;

    @BeforeEach
    void setUp() throws IOException {
        dir = Reaper.trackDir(Files.createTempDirectory("ballast-signals-"));
    }

    @AfterEach
    void tearDown() {
        try {
            if (ballast != null) {
                ballast.close();
            }
        } finally {
            for (AutoCloseable c : new AutoCloseable[] {held, web02, web01}) {
                try {
                    if (c != null) {
                        c.close();
                    }
                } catch (Exception ignored) {
                    // best effort
                }
            }
            ApacheServer.deleteTree(dir);
        }
    }

    @Test
    void sigtermExitsWithStatusZeroAndReleasesThePort() {
        web01 = ApacheServer.create("web01");
        web02 = ApacheServer.create("web02");
        web01.start();
        web02.start();
        SeedConfig cfg = SeedConfig.forServers(web01, web02);
        ballast = BallastProcess.start(cfg.writeTo(dir), cfg.frontendPort());
        assertEquals(200, RawHttp.getClose(cfg.frontendPort(), "/").status());
        ballast.stopAndAssertCleanExit();
        assertFalse(Net.accepts(cfg.frontendPort()), "frontend port released");
    }

    @Test
    void sigusr1FinishesTheRequestInFlightThenExitsZero() throws Exception {
        held = new HeldBackend();
        String addr = Net.LOOPBACK + ":" + held.port();
        SeedConfig cfg = SeedConfig.forServers(addr, addr);
        ballast = BallastProcess.start(cfg.writeTo(dir), cfg.frontendPort());
        int port = cfg.frontendPort();

        CompletableFuture<RawHttp.Response> inFlight = CompletableFuture.supplyAsync(() -> RawHttp.getClose(port, "/slow"));
        assertTrue(held.received.await(10, TimeUnit.SECONDS), "request reached the backend");

        ballast.signal("USR1");
        Net.awaitClosed(port, Duration.ofSeconds(5)); // soft stop: listeners go first
        assertTrue(ballast.isAlive(), "must wait for the request in flight; output:\n" + ballast.output());
        assertFalse(inFlight.isDone(), "the held request cannot have finished yet");

        held.release.countDown();
        RawHttp.Response r = inFlight.get(10, TimeUnit.SECONDS);
        assertEquals(200, r.status(), r.toString());
        assertEquals(HeldBackend.BODY, r.bodyText());
        assertEquals(0, ballast.awaitExit(Duration.ofSeconds(10)), "exit status after SIGUSR1; output:\n" + ballast.output());
    }

    /**
     * A backend that holds every request until released, to have a request in flight on demand.
     * (A real Apache is not the point here; a request Ballast is waiting on is.)
     */
    static final class HeldBackend implements AutoCloseable {
        static final String BODY = "held and released\n";
        final CountDownLatch received = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final ServerSocket server;
        private final Thread acceptor;

        HeldBackend() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getByName(Net.LOOPBACK));
            acceptor = new Thread(this::acceptLoop, "held-backend");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread t = new Thread(() -> serve(s), "held-backend-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket s) {
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                s.setSoTimeout(30_000);
                int matched = 0;
                byte[] end = {'\r', '\n', '\r', '\n'};
                for (int c; matched < 4 && (c = in.read()) >= 0; ) {
                    matched = c == end[matched] ? matched + 1 : (c == '\r' ? 1 : 0);
                }
                if (matched < 4) {
                    return; // a health check or an aborted connection
                }
                received.countDown();
                if (!release.await(30, TimeUnit.SECONDS)) {
                    return;
                }
                byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            } catch (IOException | InterruptedException e) {
                // connection gone
            }
        }

        @Override
        public void close() throws IOException {
            release.countDown();
            server.close();
        }
    }
}
