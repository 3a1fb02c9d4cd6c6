package io.ballast.proxy;

import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 1 GiB upload and a 1 GiB download through the engine to a real HTTP server, with the proxy's pooled direct
 * memory sampled all along: it must stay flat (a few buffers), whatever the size of the body.
 */
class GibibyteSoakTest {

    private static final long GIB = 1L << 30;
    private static final long FLAT = 16L * 1024 * 1024;

    @RegisterExtension
    final RunningBallast running = new RunningBallast();

    private TestBackend web;

    @BeforeEach
    void backend() throws Exception {
        web = new TestBackend("web01");
    }

    @AfterEach
    void stop() {
        web.close();
    }

    /** Samples the peak of pooled direct memory in use until closed. */
    private static final class DirectMemoryPeak implements AutoCloseable {
        private final AtomicLong peak = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread sampler = new Thread(() -> {
            while (running.get()) {
                peak.accumulateAndGet(PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        DirectMemoryPeak() {
            sampler.setDaemon(true);
            sampler.start();
        }

        long peak() {
            return peak.get();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            sampler.join();
        }
    }

    @Test
    void oneGibibyteUploadKeepsDirectMemoryFlat() throws Exception {
        SocketAddress lb = running.start(TestConfigs.http(TestConfigs.server("web01", web.port())));
        try (DirectMemoryPeak memory = new DirectMemoryPeak(); RawClient c = new RawClient(lb)) {
            c.send("POST /count HTTP/1.1\r\nHost: t\r\nContent-Length: " + GIB + "\r\n\r\n");
            byte[] block = new byte[1 << 20];
            for (long sent = 0; sent < GIB; sent += block.length) {
                c.send(block);
            }
            assertEquals(Long.toString(GIB), c.read().body());
            assertTrue(memory.peak() < FLAT, "peak direct memory during a 1 GiB upload: " + memory.peak());
        }
    }

    @Test
    void oneGibibyteDownloadKeepsDirectMemoryFlat() throws Exception {
        SocketAddress lb = running.start(TestConfigs.http(TestConfigs.server("web01", web.port())));
        try (DirectMemoryPeak memory = new DirectMemoryPeak(); Socket s = new Socket()) {
            s.connect(lb, 2000);
            s.setSoTimeout(30000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /big?" + GIB + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            byte[] buf = new byte[1 << 16];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
            }
            // head + chunk framing + body
            assertTrue(total > GIB && total < GIB + GIB / 100, "received " + total);
            assertTrue(memory.peak() < FLAT, "peak direct memory during a 1 GiB download: " + memory.peak());
        }
    }
}
