package io.ballast.proxy;

import io.ballast.core.config.BallastConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Algorithms other than round robin, driven by real requests through the engine. */
class BalancingThroughTheEngineTest {

    @RegisterExtension
    final RunningBallast running = new RunningBallast();

    private TestBackend web01;
    private TestBackend web02;

    @BeforeEach
    void backends() throws IOException {
        web01 = new TestBackend("web01");
        web02 = new TestBackend("web02");
    }

    @AfterEach
    void stop() {
        web01.close();
        web02.close();
    }

    private SocketAddress start(String algorithm) throws Exception {
        BallastConfig config = TestConfigs.http(TestConfigs.server("web01", web01.port()), TestConfigs.server("web02", web02.port()));
        return running.start(TestConfigs.withBalance(config, algorithm));
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: t\r\n\r\n";
    }

    @Test
    void uriSendsTheSamePathToTheSameServer() throws Exception {
        SocketAddress lb = start("uri");
        Set<String> servers = new HashSet<>();
        for (String path : new String[] {"/a", "/b", "/c", "/d", "/e", "/f"}) {
            String first = null;
            for (int i = 0; i < 4; i++) {
                try (RawClient c = new RawClient(lb)) {
                    String body = c.send(get(path)).read().body();
                    if (first == null) {
                        first = body;
                    }
                    assertEquals(first, body, "every request for " + path + " goes to one server");
                }
            }
            servers.add(first);
        }
        assertEquals(Set.of("web01", "web02"), servers, "different paths spread over both servers");
    }

    @Test
    void leastconnAvoidsTheServerWithARequestInFlight() throws Exception {
        SocketAddress lb = start("leastconn");
        try (RawClient slow = new RawClient(lb)) {
            slow.send(get("/slow"));
            Thread.sleep(300); // the slow request is now in flight on one server
            String busy = web01.requests.get() == 1 ? "web01" : "web02";
            for (int i = 0; i < 4; i++) {
                try (RawClient c = new RawClient(lb)) {
                    String body = c.send(get("/")).read().body();
                    assertEquals(busy.equals("web01") ? "web02" : "web01", body);
                }
            }
            assertEquals(busy, slow.read().body());
        }
    }
}
