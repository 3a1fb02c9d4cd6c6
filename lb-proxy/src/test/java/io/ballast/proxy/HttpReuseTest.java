package io.ballast.proxy;

import io.ballast.core.config.ConfigLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.SocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * {@code http-reuse never|safe|aggressive|always}: which server connection each request travels on, read from
 * the source port the server sees.
 */
class HttpReuseTest {

    @RegisterExtension
    final RunningBallast running = new RunningBallast();

    private TestBackend web;

    @BeforeEach
    void backend() throws IOException {
        web = new TestBackend("web");
    }

    @AfterEach
    void stop() {
        web.close();
    }

    private SocketAddress start(String reuse) throws Exception {
        String cfg = """
                global
                  nbthread 1
                defaults
                  mode http
                  timeout connect 2s
                  timeout client 5s
                  timeout server 5s
                frontend fe
                  bind 127.0.0.1:%d
                  default_backend be
                backend be
                %s
                  server web 127.0.0.1:%d
                """.formatted(TestConfigs.freePort(), reuse, web.port());
        return running.start(ConfigLoader.create().parse("reuse.cfg", cfg).config());
    }

    private static String port(RawClient c) throws IOException {
        return c.send("GET /port HTTP/1.1\r\nHost: t\r\n\r\n").read().body();
    }

    @Test
    void safeGivesAFirstRequestItsOwnConnectionAndLaterOnesTheIdleOnes() throws Exception {
        SocketAddress lb = start("");
        try (RawClient a = new RawClient(lb); RawClient b = new RawClient(lb)) {
            String first = port(a);
            assertEquals(first, port(a), "a's second request reuses the idle connection");
            String second = port(b);
            assertNotEquals(first, second, "b's first request does not take a's idle connection");
            String again = port(b);
            assertEquals(true, again.equals(first) || again.equals(second), "later requests use idle connections");
        }
    }

    @Test
    void alwaysLetsAFirstRequestUseAnIdleConnection() throws Exception {
        SocketAddress lb = start("  http-reuse always");
        try (RawClient a = new RawClient(lb); RawClient b = new RawClient(lb)) {
            String first = port(a);
            assertEquals(first, port(b));
        }
    }

    @Test
    void aggressiveLetsAFirstRequestUseOnlyProvenConnections() throws Exception {
        SocketAddress lb = start("  http-reuse aggressive");
        try (RawClient a = new RawClient(lb); RawClient b = new RawClient(lb); RawClient c = new RawClient(lb)) {
            String first = port(a);
            assertNotEquals(first, port(b), "a connection used once is not proven yet");
            String proven = port(a);
            port(a);
            assertEquals(proven, port(c), "a connection that carried a second request is");
        }
    }

    @Test
    void neverKeepsEachServerConnectionToOneClient() throws Exception {
        SocketAddress lb = start("  http-reuse never");
        try (RawClient a = new RawClient(lb); RawClient b = new RawClient(lb)) {
            String ofA = port(a);
            String ofB = port(b);
            assertNotEquals(ofA, ofB);
            for (int i = 0; i < 3; i++) {
                assertEquals(ofA, port(a));
                assertEquals(ofB, port(b));
            }
        }
        assertEquals(2, web.connectionPorts.size());
    }
}
