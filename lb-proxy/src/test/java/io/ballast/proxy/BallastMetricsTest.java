package io.ballast.proxy;

import io.ballast.core.config.ConfigLoader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.SocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The Micrometer binding reads the live counters: requests through the engine show in the registry's meters. */
class BallastMetricsTest {

    @RegisterExtension
    final RunningBallast running = new RunningBallast();

    private TestBackend web;
    private SocketAddress lb;

    @BeforeEach
    void start() throws Exception {
        web = new TestBackend("web01");
        String cfg = """
                defaults
                  mode http
                  timeout connect 1s
                  timeout client 5s
                  timeout server 5s
                frontend fe
                  bind 127.0.0.1:%d
                  default_backend be
                backend be
                  server web01 127.0.0.1:%d
                """.formatted(TestConfigs.freePort(), web.port());
        lb = running.start(ConfigLoader.create().parse("metrics.cfg", cfg).config());
    }

    @AfterEach
    void stop() {
        web.close();
    }

    @Test
    void metersFollowTheTraffic() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new BallastMetrics(running.get()).bindTo(registry);
        try (RawClient c = new RawClient(lb)) {
            for (int i = 0; i < 2; i++) {
                assertEquals(200, c.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n").read().status());
            }
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (registry.get("ballast.server.responses").tags("server", "web01", "code", "2xx").functionCounter()
                .count() < 2) {
            if (System.nanoTime() > deadline) {
                fail("the server's 2xx responses never reached 2");
            }
            Thread.sleep(10);
        }
        assertEquals(2, registry.get("ballast.frontend.requests").tag("proxy", "fe").functionCounter().count());
        assertEquals(2, registry.get("ballast.backend.requests").tag("proxy", "be").functionCounter().count());
        assertTrue(registry.get("ballast.server.bytes.out").tag("server", "web01").functionCounter().count() > 0);
        assertEquals(1, registry.get("ballast.server.status").tags("server", "web01", "state", "UP").gauge().value());
        assertEquals(0, registry.get("ballast.server.status").tags("server", "web01", "state", "DOWN").gauge()
                .value());
        assertEquals(1, registry.get("ballast.backend.active.servers").tag("proxy", "be").gauge().value());
    }
}
