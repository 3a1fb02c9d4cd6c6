package io.ballast.proxy;

import io.ballast.core.config.ConfigLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Server {@code maxconn}: requests beyond it wait in the backend's queue, up to {@code timeout queue}. */
class QueueTest {

    @RegisterExtension
    final RunningBallast running = new RunningBallast();

    private TestBackend web;
    private final ExecutorService clients = Executors.newCachedThreadPool();

    @BeforeEach
    void backend() throws IOException {
        web = new TestBackend("web");
    }

    @AfterEach
    void stop() {
        clients.shutdownNow();
        web.close();
    }

    private SocketAddress start(String queueTimeout) throws Exception {
        return start(queueTimeout, "");
    }

    private SocketAddress start(String queueTimeout, String moreServers) throws Exception {
        String cfg = """
                defaults
                  mode http
                  timeout connect 2s
                  timeout client 10s
                  timeout server 10s
                %s
                frontend fe
                  bind 127.0.0.1:%d
                  default_backend be
                backend be
                  server web 127.0.0.1:%d maxconn 2
                %s
                """.formatted(queueTimeout, TestConfigs.freePort(), web.port(), moreServers);
        return running.start(ConfigLoader.create().parse("queue.cfg", cfg).config());
    }

    private Future<Integer> request(SocketAddress lb, String path) {
        return clients.submit(() -> {
            try (RawClient c = new RawClient(lb)) {
                return c.send("GET " + path + " HTTP/1.1\r\nHost: t\r\n\r\n").read().status();
            }
        });
    }

    @Test
    void requestsBeyondMaxconnWaitTheirTurnAndAllSucceed() throws Exception {
        // Three rounds of 1.5 s: longer than 'timeout connect', which 'timeout queue' defaults to.
        SocketAddress lb = start("  timeout queue 10s");
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answers.add(request(lb, "/count?pause"));
        }
        for (Future<Integer> a : answers) {
            assertEquals(200, a.get());
        }
        assertEquals(6, web.requests.get());
        assertEquals(2, web.mostConcurrent.get(), "never more than maxconn requests on the server at once");
    }

    @Test
    void aRequestThatWaitsLongerThanTimeoutQueueGets503() throws Exception {
        SocketAddress lb = start("  timeout queue 300ms");
        Future<Integer> first = request(lb, "/count?pause");
        Future<Integer> second = request(lb, "/count?pause");
        Thread.sleep(200);
        long start = System.nanoTime();
        Future<Integer> third = request(lb, "/");
        assertEquals(503, third.get());
        long waitedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(waitedMs >= 250 && waitedMs < 1400, "waited " + waitedMs + " ms");
        assertEquals(200, first.get());
        assertEquals(200, second.get());
        assertEquals(200, request(lb, "/").get(), "the queue is empty again and the server has room");
    }

    /** CPU time used by the engine's event loop threads so far, in nanoseconds. */
    private static long eventLoopCpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith("ballast-loop")) {
                total += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
            }
        }
        return total;
    }

    @Test
    void aWaitingRequestDoesNotSpinWhileABackupServerIsIdle() throws Exception {
        // The backup has room, but the balancer never picks it while the active server is up: the queued request
        // must wait quietly for the active server, not retry in a loop (review finding).
        SocketAddress lb = start("  timeout queue 10s", "  server spare 127.0.0.1:" + web.port() + " backup");
        Future<Integer> first = request(lb, "/count?pause");
        Future<Integer> second = request(lb, "/count?pause");
        Thread.sleep(200);
        Future<Integer> queued = request(lb, "/count?pause");
        Thread.sleep(100);
        long before = eventLoopCpuNanos();
        Thread.sleep(800);
        long spent = (eventLoopCpuNanos() - before) / 1_000_000;
        assertTrue(spent < 200, "event loops used " + spent + " ms of CPU in 800 ms while one request waited");
        assertEquals(200, first.get());
        assertEquals(200, second.get());
        assertEquals(200, queued.get());
    }
}
