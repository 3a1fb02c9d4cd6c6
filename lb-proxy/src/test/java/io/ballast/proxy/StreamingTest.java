package io.ballast.proxy;

import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Large bodies stream through in both directions, with back-pressure, without being buffered whole. */
class StreamingTest {

    private static final long SIZE = 64L * 1024 * 1024;

    private TestBackend web;
    @RegisterExtension
    final RunningBallast running = new RunningBallast();

    @AfterEach
    void stop() {
        if (web != null) {
            web.close();
        }
    }

    private SocketAddress start() throws Exception {
        web = new TestBackend("web01");
        return running.start(TestConfigs.http(TestConfigs.server("web01", web.port())));
    }

    @Test
    void largeUploadStreamsToTheServer() throws Exception {
        SocketAddress lb = start();
        try (RawClient c = new RawClient(lb)) {
            c.send("POST /count HTTP/1.1\r\nHost: t\r\nContent-Length: " + SIZE + "\r\n\r\n");
            byte[] block = new byte[1 << 20];
            for (long sent = 0; sent < SIZE; sent += block.length) {
                c.send(block);
            }
            assertEquals(Long.toString(SIZE), c.read().body());
        }
    }

    @Test
    void uploadToAStallingServerIsNotBufferedWhole() throws Exception {
        SocketAddress lb = start();
        try (RawClient c = new RawClient(lb)) {
            java.util.concurrent.CompletableFuture<Void> sending = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    c.send("POST /count?pause HTTP/1.1\r\nHost: t\r\nContent-Length: " + SIZE + "\r\n\r\n");
                    byte[] block = new byte[1 << 20];
                    for (long sent = 0; sent < SIZE; sent += block.length) {
                        c.send(block);
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Thread.sleep(1000); // the server does not read for 1.5 s
            long used = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
            assertTrue(used < 16L * 1024 * 1024, "direct memory in use while the server stalls: " + used);
            sending.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(Long.toString(SIZE), c.read().body());
        }
    }

    @Test
    void largeDownloadReachesASlowClientIntact() throws Exception {
        SocketAddress lb = start();
        try (Socket s = new Socket()) {
            s.connect(lb, 2000);
            s.setSoTimeout(20000);
            s.setReceiveBufferSize(64 * 1024);
            OutputStream out = s.getOutputStream();
            out.write(("GET /big?" + SIZE + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            long total = 0;
            boolean paused = false;
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (!paused && total > 4 * 1024 * 1024) {
                    // Stop reading: the proxy must stop reading from the (fast, local) server meanwhile
                    // instead of buffering the rest of the 64 MiB.
                    paused = true;
                    Thread.sleep(1500);
                    long used = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
                    assertTrue(used < 16L * 1024 * 1024, "direct memory in use while the client stalls: " + used);
                }
            }
            // head + chunk framing + body
            assertTrue(total > SIZE && total < SIZE + SIZE / 100, "received " + total);
        }
    }
}
