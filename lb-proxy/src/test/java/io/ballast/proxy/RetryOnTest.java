package io.ballast.proxy;

import io.ballast.core.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.ServerSocket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code retry-on}: a request that reached a server is sent again when the server fails it in a way the list
 * names, only if the whole request was kept (within {@code tune.bufsize}), whatever its method, as HAProxy does.
 */
class RetryOnTest {

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    @RegisterExtension
    final RunningBallast running = new RunningBallast();

    private final List<String> bodies = new CopyOnWriteArrayList<>();

    private SocketAddress start(String backendLines, int... ports) throws Exception {
        StringBuilder servers = new StringBuilder();
        for (int i = 0; i < ports.length; i++) {
            servers.append("  server s").append(i).append(" 127.0.0.1:").append(ports[i]).append('\n');
        }
        String cfg = """
                defaults
                  mode http
                  timeout connect 1s
                  timeout client 5s
                  timeout server 5s
                listen web
                  bind 127.0.0.1:%d
                  balance first
                %s
                %s""".formatted(TestConfigs.freePort(), backendLines, servers);
        return running.start(ConfigLoader.create().parse("retry.cfg", cfg).config());
    }

    private static RawClient.Response send(SocketAddress lb, String request) throws Exception {
        try (RawClient c = new RawClient(lb)) {
            return c.send(request).read();
        }
    }

    private static String get() {
        return "GET / HTTP/1.1\r\nHost: t\r\n\r\n";
    }

    /** Answers every request on the connection with {@link #OK}, recording request bodies of {@code length}. */
    private ScriptedServer.Script answering(int length) {
        return c -> {
            while (c.readHead() != null) {
                bodies.add(new String(c.readBytes(length), StandardCharsets.ISO_8859_1));
                c.write(OK);
            }
        };
    }

    private static long count(ScriptedServer server, String prefix) {
        return server.heads.stream().filter(h -> h.startsWith(prefix)).count();
    }

    @Test
    void emptyResponseIsRetriedWhenListed() throws Exception {
        try (ScriptedServer server = new ScriptedServer(c -> c.readHead(), answering(0))) {
            SocketAddress lb = start("  retry-on empty-response", server.port());
            assertEquals(200, send(lb, get()).status());
            assertEquals(2, count(server, "GET /"));
        }
    }

    @Test
    void disableL7RetryKeepsARequestFromBeingSentAgain() throws Exception {
        try (ScriptedServer server = new ScriptedServer(c -> {
            while (c.readHead() != null) {
                c.readBytes(5);
                c.write("HTTP/1.1 503 Busy\r\nContent-Length: 4\r\n\r\nbusy");
            }
        })) {
            SocketAddress lb = start("""
                      retry-on 503
                      http-request disable-l7-retry if METH_POST
                    """, server.port());
            String post = "POST /order HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello";
            assertEquals(503, send(lb, post).status());
            assertEquals(1, count(server, "POST /order"), "the rule kept the POST from being sent again");
            String put = "PUT /order HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello";
            assertEquals(503, send(lb, put).status());
            assertEquals(4, count(server, "PUT /order"), "without the rule, the 3 retries went");
        }
    }

    @Test
    void disableL7RetryStillRetriesFailedConnections() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (ScriptedServer server = new ScriptedServer(answering(0))) {
            SocketAddress lb = start("""
                      retry-on all-retryable-errors
                      option redispatch 1
                      http-request disable-l7-retry
                    """, closed, server.port());
            assertEquals(200, send(lb, get()).status());
            assertEquals(1, count(server, "GET /"));
        }
    }

    @Test
    void byDefaultARequestThatReachedTheServerIsNotSentAgain() throws Exception {
        try (ScriptedServer server = new ScriptedServer(c -> c.readHead(), answering(0))) {
            SocketAddress lb = start("", server.port());
            assertEquals(502, send(lb, get()).status());
            assertEquals(1, count(server, "GET /"));
        }
    }

    @Test
    void aListedStatusIsRetriedWithTheBodyAndAnyMethod() throws Exception {
        try (ScriptedServer server = new ScriptedServer(c -> {
            c.readHead();
            c.readBytes(5);
            c.write("HTTP/1.1 503 Busy\r\nContent-Length: 4\r\n\r\nbusy");
        }, answering(5))) {
            SocketAddress lb = start("  retry-on 503", server.port());
            RawClient.Response r = send(lb, "POST /order HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello");
            assertEquals(200, r.status());
            assertEquals(List.of("hello"), bodies);
            assertEquals(2, count(server, "POST /order"));
        }
    }

    @Test
    void whenRetriesRunOutTheServersOwnResponseIsForwarded() throws Exception {
        try (ScriptedServer server = new ScriptedServer(c -> {
            while (c.readHead() != null) {
                c.write("HTTP/1.1 503 Busy\r\nContent-Length: 4\r\n\r\nbusy");
            }
        })) {
            SocketAddress lb = start("  retries 2\n  retry-on 503", server.port());
            RawClient.Response r = send(lb, get());
            assertEquals(503, r.status());
            assertEquals("busy", r.body());
            assertEquals(3, count(server, "GET /"));
        }
    }

    @Test
    void responseTimeoutIsRetriedWhenListed() throws Exception {
        try (ScriptedServer server = new ScriptedServer(c -> {
            c.readHead();
            c.readToEnd(); // never answers
        }, answering(0))) {
            SocketAddress lb = start("  timeout server 300ms\n  retry-on response-timeout", server.port());
            assertEquals(200, send(lb, get()).status());
            assertEquals(2, count(server, "GET /"));
        }
    }

    @Test
    void junkResponseIsRetriedWhenListed() throws Exception {
        try (ScriptedServer server = new ScriptedServer(c -> {
            c.readHead();
            c.write("NOT HTTP AT ALL\r\n\r\n");
            c.readToEnd();
        }, answering(0))) {
            SocketAddress lb = start("  retry-on junk-response", server.port());
            assertEquals(200, send(lb, get()).status());
            assertEquals(2, count(server, "GET /"));
        }
    }

    @Test
    void aRequestLargerThanTheBufferIsNeverRetried() throws Exception {
        int size = 20_000;
        try (ScriptedServer server = new ScriptedServer(c -> {
            c.readHead();
            c.readBytes(size);
        }, answering(size))) {
            SocketAddress lb = start("  retry-on all-retryable-errors", server.port());
            String body = "x".repeat(size);
            assertEquals(502, send(lb, "PUT /big HTTP/1.1\r\nHost: t\r\nContent-Length: " + size + "\r\n\r\n"
                    + body).status());
            assertEquals(1, count(server, "PUT /big"));
        }
    }

    @Test
    void retryOnNoneDoesNotRetryConnectionFailures() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (ScriptedServer live = new ScriptedServer(answering(0))) {
            SocketAddress lb = start("  retry-on none\n  option redispatch 1", closedPort, live.port());
            assertEquals(503, send(lb, get()).status());
            assertEquals(0, count(live, "GET /"));
        }
    }

    @Test
    void optionRedispatchSendsAnL7RetryToAnotherServer() throws Exception {
        try (ScriptedServer failing = new ScriptedServer(c -> {
            while (c.readHead() != null) {
                c.write("HTTP/1.1 500 Oops\r\nContent-Length: 0\r\n\r\n");
            }
        }); ScriptedServer healthy = new ScriptedServer(answering(0))) {
            SocketAddress lb = start("  retry-on 500\n  option redispatch 1", failing.port(), healthy.port());
            assertEquals(200, send(lb, get()).status());
            assertEquals(1, count(failing, "GET /"));
            assertEquals(1, count(healthy, "GET /"));
        }
    }
}
