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

/**
 * The Micrometer binding reads the live counters: requests through the engine show in the registry's meters, also
 * after a reload replaced the proxies and servers they were bound to.
 */
class BallastMetricsTest {

    @RegisterExtension
    final RunningBallast running = new RunningBallast();

    private TestBackend web;
    private SocketAddress lb;
    private int port;

    @BeforeEach
    void start() throws Exception {
        web = new TestBackend("web01");
        port = TestConfigs.freePort();
        lb = running.start(config(""));
    }

    /** The test's configuration, with {@code serverOptions} on its server line. */
    private io.ballast.core.config.BallastConfig config(String serverOptions) throws Exception {
        return ConfigLoader.create().parse("metrics.cfg", text(serverOptions)).config();
    }

    private String text(String serverOptions) {
        return """
                defaults
                  mode http
                  timeout connect 1s
                  timeout client 5s
                  timeout server 5s
                frontend fe
                  bind 127.0.0.1:%d
                  default_backend be
                backend be
                  server web01 127.0.0.1:%d %s
                """.formatted(port, web.port(), serverOptions);
    }

    private void requests(int n) throws Exception {
        try (RawClient c = new RawClient(lb)) {
            for (int i = 0; i < n; i++) {
                assertEquals(200, c.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n").read().status());
            }
        }
    }

    @AfterEach
    void stop() {
        web.close();
    }

    @Test
    void metersFollowTheTraffic() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new BallastMetrics(running.get()).bindTo(registry);
        requests(2);
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

    @Test
    void metersReadTheConfigurationRunningNowAfterAReload() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new BallastMetrics(running.get()).bindTo(registry);
        running.get().reload(config("weight 7"));
        requests(3);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (registry.get("ballast.server.responses").tags("server", "web01", "code", "2xx").functionCounter()
                .count() < 3) {
            if (System.nanoTime() > deadline) {
                fail("the reloaded server's 2xx responses never showed: "
                        + registry.get("ballast.server.responses").tags("server", "web01", "code", "2xx")
                        .functionCounter().count());
            }
            Thread.sleep(10);
        }
        assertEquals(3, registry.get("ballast.frontend.requests").tag("proxy", "fe").functionCounter().count());
        assertEquals(3, registry.get("ballast.backend.requests").tag("proxy", "be").functionCounter().count());
        assertEquals(7, registry.get("ballast.server.weight").tag("server", "web01").gauge().value());

        running.get().reload(ConfigLoader.create().parse("metrics.cfg",
                text("weight 7").replace("server web01", "server web02")).config());
        assertTrue(Double.isNaN(registry.get("ballast.server.weight").tag("server", "web01").gauge().value()),
                "a server the configuration no longer has");
        new BallastMetrics(running.get()).bindTo(registry);
        assertEquals(7, registry.get("ballast.server.weight").tag("server", "web02").gauge().value(),
                "binding again adds the new server's meters");
    }
}
