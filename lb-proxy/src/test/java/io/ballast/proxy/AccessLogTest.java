package io.ballast.proxy;

import io.ballast.core.config.ConfigLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.SocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code option httplog} through the engine to a real syslog socket: one datagram per exchange, in HAProxy's
 * format (priority, program name, then the httplog fields), for a 200, a 404, a 504 and a 503 without server.
 */
class AccessLogTest {

    @RegisterExtension
    final RunningBallast running = new RunningBallast();

    private TestBackend web;
    private SyslogReceiver syslog;

    @BeforeEach
    void start() throws IOException {
        web = new TestBackend("web01");
        syslog = new SyslogReceiver();
    }

    @AfterEach
    void stop() {
        web.close();
        syslog.close();
    }

    private SocketAddress startBallast() throws Exception {
        return startBallast("");
    }

    private SocketAddress startBallast(String frontendLines) throws Exception {
        return startBallast("", frontendLines);
    }

    private SocketAddress startBallast(String globalLines, String frontendLines) throws Exception {
        String cfg = """
                global
                %s
                  log 127.0.0.1:%d local0
                defaults
                  log global
                  mode http
                  option httplog
                  timeout connect 1s
                  timeout client 5s
                  timeout server 500ms
                frontend fe
                  bind 127.0.0.1:%d
                  use_backend empty if { path_beg /empty }
                %s
                  default_backend be
                backend be
                  server web01 127.0.0.1:%d
                backend empty
                  server off 127.0.0.1:%d disabled
                """.formatted(globalLines, syslog.port(), TestConfigs.freePort(), frontendLines, web.port(),
                web.port());
        return running.start(ConfigLoader.create().parse("log.cfg", cfg).config());
    }

    private String nextLine() throws IOException {
        return syslog.next();
    }

    private static final String HEADER = "<134>[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d haproxy\\[\\d+\\]: ";
    private static final String CLIENT_DATE = "127\\.0\\.0\\.1:\\d+ \\[\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\] ";

    @Test
    void oneHttplogLinePerExchange() throws Exception {
        SocketAddress lb = startBallast();
        try (RawClient c = new RawClient(lb)) {
            assertEquals(200, c.send("GET /?x=1 HTTP/1.1\r\nHost: t\r\n\r\n").read().status());
            String ok = nextLine();
            assertTrue(ok.matches(HEADER + CLIENT_DATE + "fe be/web01 \\d+/\\d+/\\d+/\\d+/\\d+ 200 \\d+ - - ---- "
                    + "1/1/0/0/0 0/0 \"GET /\\?x=1 HTTP/1\\.1\"\n?"), ok);

            assertEquals(404, c.send("GET /missing HTTP/1.1\r\nHost: t\r\n\r\n").read().status());
            String missing = nextLine();
            assertTrue(missing.contains(" fe be/web01 ") && missing.contains(" 404 ")
                    && missing.contains("\"GET /missing HTTP/1.1\""), missing);

            assertEquals(503, c.send("GET /empty HTTP/1.1\r\nHost: t\r\n\r\n").read().status());
            String noServer = nextLine();
            assertTrue(noServer.matches(HEADER + CLIENT_DATE + "fe empty/<NOSRV> \\d+/-1/-1/-1/\\d+ 503 \\d+ - - SC-- "
                    + ".*\"GET /empty HTTP/1\\.1\"\n?"), noServer);
        }
        try (RawClient c = new RawClient(lb)) {
            assertEquals(504, c.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n").read().status());
            String timeout = nextLine();
            assertTrue(timeout.matches(HEADER + CLIENT_DATE + "fe be/web01 \\d+/\\d+/\\d+/-1/\\d+ 504 \\d+ - - sH-- "
                    + ".*\"GET /slow HTTP/1\\.1\"\n?"), timeout);
        }
    }

    @Test
    void capturedHeadersAppearInBracesAsHaproxyPrintsThem() throws Exception {
        SocketAddress lb = startBallast("""
                  capture request header Host len 20
                  capture request header User-Agent len 5
                  http-request capture path len 4
                  capture response header Content-Type len 30
                """);
        try (RawClient c = new RawClient(lb)) {
            assertEquals(200, c.send("GET /headers HTTP/1.1\r\nHost: t\r\nUser-Agent: curl/8.0\r\n\r\n").read()
                    .status());
        }
        String line = nextLine();
        assertTrue(line.contains(" {t|curl/|/hea} {text/plain} \"GET /headers HTTP/1.1\""), line);
    }

    @Test
    void logTagNamesTheProgramInSyslogHeaders() throws Exception {
        SocketAddress lb = startBallast("  log-tag edge-lb", "");
        try (RawClient c = new RawClient(lb)) {
            assertEquals(200, c.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n").read().status());
        }
        String line = nextLine();
        assertTrue(line.matches("<134>[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d edge-lb\\[\\d+\\]: .*\n?"), line);
    }

    @Test
    void aProxysLogTagOverridesTheGlobalOne() throws Exception {
        SocketAddress lb = startBallast("  log-tag edge-lb", "  log-tag shop-front");
        try (RawClient c = new RawClient(lb)) {
            assertEquals(200, c.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n").read().status());
        }
        String line = nextLine();
        assertTrue(line.matches("<134>[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d shop-front\\[\\d+\\]: .*\n?"), line);
    }
}
