package io.ballast.proxy;

import io.ballast.core.config.ConfigLoader;
import io.ballast.proxy.stats.StatField;
import io.ballast.proxy.stats.StatsRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code capture cookie}, {@code set-log-level} and {@code silent-drop} do to the traffic log, through the engine
 * to a real syslog socket; the expected lines are the ones HAProxy 2.6 writes for the same exchanges. A
 * {@code silent-drop} also has to leave the client without a byte and the server without a request.
 */
class RuleLogActionsTest {

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n";

    @RegisterExtension
    final RunningBallast running = new RunningBallast();

    private SyslogReceiver syslog;
    private TestBackend web;

    @BeforeEach
    void start() throws IOException {
        syslog = new SyslogReceiver();
        web = new TestBackend("web01");
    }

    @AfterEach
    void stop() {
        syslog.close();
        web.close();
    }

    /** A frontend holding {@code frontendLines} in front of {@code server}, logging to {@link #syslog}. */
    private SocketAddress startBallast(String frontendLines, int server) throws Exception {
        String cfg = """
                global
                  log 127.0.0.1:%d local0
                defaults
                  log global
                  mode http
                  option httplog
                  timeout connect 1s
                  timeout client 5s
                  timeout server 5s
                frontend fe
                  bind 127.0.0.1:%d
                %s
                  default_backend be
                backend be
                  server web01 127.0.0.1:%d
                """.formatted(syslog.port(), TestConfigs.freePort(), frontendLines, server);
        return running.start(ConfigLoader.create().parse("log.cfg", cfg).config());
    }

    private String nextLine() throws IOException {
        return syslog.next();
    }

    private static int status(SocketAddress lb, String request) throws IOException {
        try (RawClient c = new RawClient(lb)) {
            return c.send(request).read().status();
        }
    }

    private static String get(String target, String... headers) {
        StringBuilder s = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: t\r\n");
        for (String h : headers) {
            s.append(h).append("\r\n");
        }
        return s.append("\r\n").toString();
    }

    /** A server that answers every request, with {@code Set-Cookie: <query>} when the target has a query. */
    private static ScriptedServer settingCookies() throws IOException {
        return new ScriptedServer(c -> {
            String head;
            while ((head = c.readHead()) != null) {
                String target = head.substring(4, head.indexOf(' ', 4));
                int q = target.indexOf('?');
                c.write(OK + (q < 0 ? "" : "Set-Cookie: " + target.substring(q + 1) + "\r\n") + "\r\nok");
            }
        });
    }

    @Test
    void captureCookieFillsTheHttplogCookieFields() throws Exception {
        try (ScriptedServer server = settingCookies()) {
            SocketAddress lb = startBallast("""
                      capture cookie SESS len 12
                      http-request deny if { path_beg /deny }
                    """, server.port());
            assertEquals(200, status(lb, get("/both?SESSNEW=42;%20path=/", "Cookie: x=1; SESSID=abcdefghijkl")));
            String both = nextLine();
            assertTrue(both.matches("(?s).* 200 \\d+ SESSID=abcde SESSNEW=42 ---- .*"), both);
            assertEquals(200, status(lb, get("/none", "Cookie: other=1")));
            String none = nextLine();
            assertTrue(none.matches("(?s).* 200 \\d+ - - ---- .*"), none);
            assertEquals(403, status(lb, get("/deny", "Cookie: SESS=d")));
            String denied = nextLine();
            assertTrue(denied.contains(" 403 ") && denied.contains(" SESS=d - PR-- "), denied);
        }
    }

    @Test
    void responseCookieIsCapturedAfterTheResponseRules() throws Exception {
        try (ScriptedServer server = settingCookies()) {
            SocketAddress lb = startBallast("""
                      capture cookie SESS= len 20
                      http-request set-header Cookie SESS=rewritten if { path_beg /rw }
                      http-response set-header Set-Cookie SESS=by-rule if { status 200 }
                    """, server.port());
            assertEquals(200, status(lb, get("/rw?SESS=server", "Cookie: SESS=client")));
            String line = nextLine();
            assertTrue(line.contains(" SESS=rewritten SESS=by-rule ---- "), line);
        }
    }

    @Test
    void cookieVariablesInALogFormat() throws Exception {
        try (ScriptedServer server = settingCookies()) {
            SocketAddress lb = startBallast("""
                      capture cookie SESS len 12
                      log-format "cookies %CC|%CS|%{+Q}CC|%{+Q}CS"
                    """, server.port());
            assertEquals(200, status(lb, get("/?SESSNEW=42", "Cookie: SESSID=1")));
            assertTrue(nextLine().endsWith("cookies SESSID=1|SESSNEW=42|\"SESSID=1\"|\"SESSNEW=42\"\n"));
            assertEquals(200, status(lb, get("/")));
            assertTrue(nextLine().endsWith("cookies -|-|\"\"|\"\"\n"));
        }
    }

    @Test
    void setLogLevelChangesTheSeverityOrSilencesTheLine() throws Exception {
        SocketAddress lb = startBallast("""
                  http-request set-var(txn.path) path
                  http-request set-log-level err if { path_beg /err }
                  http-request set-log-level silent if { path_beg /quiet }
                  http-response set-log-level notice if { var(txn.path) -m beg /quiet/loud }
                  http-response set-log-level silent if { status 404 }
                """, web.port());
        assertEquals(200, status(lb, get("/err")));
        assertTrue(nextLine().startsWith("<131>"), "local0.err");
        assertEquals(200, status(lb, get("/quiet")));
        assertEquals(404, status(lb, get("/missing")));
        assertEquals(200, status(lb, get("/quiet/loud")));
        String loud = nextLine();
        assertTrue(loud.startsWith("<133>") && loud.contains("\"GET /quiet/loud HTTP/1.1\""),
                "the last rule that ran wins, and silenced exchanges wrote nothing: " + loud);
        assertEquals(200, status(lb, get("/plain")));
        assertTrue(nextLine().startsWith("<134>"), "local0.info for the next exchange");
    }

    @Test
    void silentDropSendsNothingAndLogsAProxyAbort() throws Exception {
        SocketAddress lb = startBallast("  http-request silent-drop if { path_beg /drop }", web.port());
        assertNothingComesBack(lb, get("/drop"));
        String line = nextLine();
        assertTrue(line.contains(" fe fe/<NOSRV> -1/-1/-1/-1/") && line.contains(" -1 0 - - PR-- ")
                && line.endsWith(" \"GET /drop HTTP/1.1\"\n"), line);
        assertEquals(0, web.requests.get(), "the server never saw the request");
        assertEquals(1, row("fe", "FRONTEND").number(StatField.DREQ, -1));
    }

    @Test
    void silentDropInAResponseRuleDropsTheServersAnswer() throws Exception {
        SocketAddress lb = startBallast("""
                  http-request set-var(txn.path) path
                  http-response silent-drop if { var(txn.path) -m beg /rdrop }
                """, web.port());
        assertNothingComesBack(lb, get("/rdrop"));
        String line = nextLine();
        assertTrue(line.matches("(?s).* fe be/web01 \\d+/\\d+/.*") && line.contains("/-1/")
                        && line.contains(" 200 0 - - PR-- "),
                "HAProxy logs the server's status and no response time: " + line);
        assertEquals(1, web.requests.get());
        assertEquals(1, row("fe", "FRONTEND").number(StatField.DREQ, -1));
        assertEquals(1, row("be", "BACKEND").number(StatField.DREQ, -1), "the backend was assigned");
    }

    @Test
    void silentDropOnConnectionCountsARefusedRequestAndLogsNothing() throws Exception {
        SocketAddress lb = startBallast("""
                  tcp-request connection silent-drop if { src 127.0.0.1 }
                  log-format "%ci %ts"
                """, web.port());
        // Nothing sent: data reaching the dropped socket after the drop would be answered by the kernel with a reset,
        // for HAProxy too; what is checked is that the drop itself says nothing.
        assertNothingComesBack(lb, "");
        assertEquals(1, row("fe", "FRONTEND").number(StatField.DREQ, -1));
        assertEquals(0, row("fe", "FRONTEND").number(StatField.DCON, -1));
        assertEquals(0, web.requests.get());
    }

    @Test
    void rejectLogsNoRequestTime() throws Exception {
        SocketAddress lb = startBallast("  http-request reject if { path_beg /reject }", web.port());
        try (RawClient c = new RawClient(lb)) {
            c.send(get("/reject"));
            assertTrue(c.closedByPeer());
        }
        String line = nextLine();
        assertTrue(line.contains(" fe fe/<NOSRV> -1/-1/-1/-1/") && line.contains(" -1 0 - - PR-- "), line);
    }

    /**
     * Sends {@code request} and checks that not a byte comes back. With {@code CAP_NET_ADMIN} the connection must
     * also stay silent (no FIN, no reset: {@code TCP_REPAIR}); without it the reset is allowed, as in HAProxy.
     */
    private static void assertNothingComesBack(SocketAddress lb, String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(lb, 2000);
            s.setSoTimeout(700);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            String outcome;
            try {
                int b = in.read();
                assertEquals(-1, b, "a byte came back");
                outcome = "closed";
            } catch (SocketTimeoutException e) {
                outcome = "silent";
            } catch (SocketException e) {
                outcome = "reset";
            }
            if (hasNetAdmin()) {
                assertEquals("silent", outcome, "with CAP_NET_ADMIN the client must not be told");
            }
        }
    }

    /** Whether this process (and so the engine it runs) has {@code CAP_NET_ADMIN}, which TCP_REPAIR needs. */
    private static boolean hasNetAdmin() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("CapEff:")) {
                return (Long.parseUnsignedLong(l.substring(7).trim(), 16) & (1L << 12)) != 0;
            }
        }
        return false;
    }

    /** The stats row, once the exchange that ends with the dropped connection is counted. */
    private StatsRow row(String proxy, String service) throws InterruptedException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (true) {
            StatsRow r = running.get().stats().rows().stream()
                    .filter(x -> x.proxyName().equals(proxy) && x.serviceName().equals(service))
                    .findFirst().orElseThrow();
            if (r.number(StatField.DREQ, -1) > 0 || System.nanoTime() > deadline) {
                return r;
            }
            Thread.sleep(10);
        }
    }
}
