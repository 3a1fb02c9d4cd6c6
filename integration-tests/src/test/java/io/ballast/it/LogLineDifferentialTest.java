package io.ballast.it;

import static io.ballast.it.ProbeRequest.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The traffic log compared with HAProxy's: each configuration runs on the real HAProxy and on Ballast, with
 * {@code option httplog} sent to a syslog socket of the test, the same requests go through both to a real Apache,
 * and for every request the two must agree on what the client saw and on the log line: its syslog priority (or its
 * absence), frontend, backend and server, status, bytes (zero or not), captured cookies, termination state and
 * request line, and which timers are -1. What differs by nature is masked: the client port, dates, the timers'
 * values, the byte counts' values and the connection counts ({@code %ac/%fc/%bc/%sc}, which depend on when each
 * side's previous connections finished closing; even HAProxy alone varies there). Both sides' lines stay in {@code target/it-logs/log-differential/<case>/}.
 */
@ExtendWith(TestNames.class)
class LogLineDifferentialTest {
    /** The request sent last on every run: once its line arrived, every earlier line has. */
    private static final ProbeRequest LAST = get("/zz-last-request");
    /** The httplog line after the syslog header, in groups: priority, route, five timers, status, bytes, rest. */
    private static final Pattern HTTPLOG = Pattern.compile("<(\\d+)>[^\\]]*\\]: 127\\.0\\.0\\.1:\\d+ \\[[^\\]]*\\] "
            + "(\\S+ \\S+) (-?\\d+)/(-?\\d+)/(-?\\d+)/(-?\\d+)/(-?\\d+) (-?\\d+) (\\d+) (.*?) \\d+/\\d+/\\d+/\\d+/(.*)\n?");
    private static final Pattern REQUEST_LINE = Pattern.compile("\"([A-Z]+ \\S+) HTTP/1\\.1\"\n?$");

    private static ApacheServer web01;

    @BeforeAll
    static void startBackend() {
        ApacheServer.assumeInstalled();
        Engine.HAPROXY.assumeAvailable();
        web01 = ApacheServer.createEcho("web01");
        web01.start();
    }

    @AfterAll
    static void stopBackend() {
        if (web01 != null) {
            web01.close();
        }
    }

    /** The frontend lines every case starts with: logs in httplog format to the test, not for empty connections. */
    private static final String LOGGING_FRONTEND = """
            frontend fe
                bind 127.0.0.1:{fe}
                log 127.0.0.1:{syslog} local0
                option httplog
                option dontlognull
            """;

    /** capture cookie: request cookies as the rules left them (and on deny), response cookies after the rules. */
    @Test
    void captureCookie() {
        RuleCase c = RuleCase.config("capture-cookie", LOGGING_FRONTEND + """
                    capture cookie SESS len 12
                    http-request deny if { path_beg /deny }
                    http-request return status 200 content-type text/plain string ok if { path_beg /return }
                    http-request set-header Cookie SESS=rewritten if { path_beg /rewrite }
                    http-request set-var(txn.path) path
                    http-response set-header Set-Cookie SESS=by-rule if { var(txn.path) -m beg /by-rule }
                    default_backend be

                backend be
                    server web01 127.0.0.1:{web01}
                """).requests(get("/plain"),
                get("/client").header("Cookie", "x=1; SESSID=abcdefghijkl"),
                get("/server").header("X-Set-Cookie", "SESSNEW=42; path=/"),
                get("/comma").header("Cookie", "a=1, SESS=2").header("X-Set-Cookie", "foo=1; SESS=2"),
                get("/quoted").header("Cookie", "SESS=\"a;b\"; x=1").header("X-Set-Cookie", "SESS=\"q;x\"; path=/"),
                get("/dollar").header("Cookie", "$Version=1; SESS=v; $Path=/"),
                get("/two-headers").header("Cookie", "x=1").header("Cookie", "SESSa=2"),
                get("/no-equal-sign").header("Cookie", "SESS").header("X-Set-Cookie", "SESS"),
                get("/lower-case").header("Cookie", "sess=1"),
                get("/deny").header("Cookie", "SESS=d"),
                get("/return").header("Cookie", "SESS=r"),
                get("/rewrite").header("Cookie", "SESS=orig"),
                get("/by-rule").header("X-Set-Cookie", "SESS=server"));
        assertSameAsHaproxy(c, Set.of());
    }

    /** set-log-level in request and response rules: the syslog priority, or no line at all for silent. */
    @Test
    void setLogLevel() {
        RuleCase c = RuleCase.config("set-log-level", LOGGING_FRONTEND + """
                    http-request set-var(txn.path) path
                    http-request set-log-level err if { path_beg /err }
                    http-request set-log-level silent if { path_beg /quiet }
                    http-response set-log-level notice if { var(txn.path) -m beg /quiet/loud }
                    http-response set-log-level silent if { status 404 }
                    http-response set-log-level debug if { var(txn.path) -m beg /debug }
                    default_backend be

                backend be
                    server web01 127.0.0.1:{web01}
                """).requests(get("/plain"), get("/err"), get("/quiet"), get("/quiet/loud"), get("/missing/page"),
                get("/debug"));
        assertSameAsHaproxy(c, Set.of());
    }

    /**
     * silent-drop in request rules (frontend and backend) and response rules, and reject: the client gets not a
     * byte (and, with the privilege HAProxy's TCP_REPAIR trick needs, not even a close), Apache gets no request
     * from a request rule, and the lines agree. HAProxy counts the dropped response's bytes as sent (it never sent
     * them); Ballast logs 0, so that one byte count is not compared.
     */
    @Test
    void silentDrop() {
        RuleCase c = RuleCase.config("silent-drop", LOGGING_FRONTEND + """
                    http-request silent-drop if { path_beg /drop }
                    http-request reject if { path_beg /reject }
                    http-request set-var(txn.path) path
                    http-response silent-drop if { var(txn.path) -m beg /response-drop }
                    default_backend be

                backend be
                    http-request silent-drop if { path_beg /backend-drop }
                    server web01 127.0.0.1:{web01}
                """).requests(get("/drop"), get("/reject"), get("/backend-drop"), get("/response-drop"),
                get("/after"));
        assertSameAsHaproxy(c, Set.of("/response-drop"));
        for (String dropped : List.of("/drop", "/backend-drop")) {
            assertTrue(web01.requestLines().stream().noneMatch(l -> l.startsWith("GET " + dropped + " ")),
                    "Apache received " + dropped + ": " + web01.requestLines());
        }
        assertEquals(2, web01.requestLines().stream().filter(l -> l.startsWith("GET /response-drop ")).count(),
                "each engine forwarded the request whose response it dropped");
    }

    /**
     * Runs {@code c} on both engines and compares, request by request, what the client saw and the log line.
     *
     * @param bytesNotCompared targets whose log lines are compared without their byte count
     */
    private static void assertSameAsHaproxy(RuleCase c, Set<String> bytesNotCompared) {
        Path dir = caseDir(c);
        Map<String, String> expected = run(Engine.HAPROXY, c, dir, bytesNotCompared);
        Map<String, String> actual = run(Engine.underTest(), c, dir, bytesNotCompared);
        write(dir.resolve("haproxy.txt"), expected);
        write(dir.resolve(Engine.underTest() + ".txt"), actual);
        List<String> report = new ArrayList<>();
        for (String key : expected.keySet()) {
            if (!expected.get(key).equals(actual.get(key))) {
                report.add(key + "\n    haproxy: " + expected.get(key) + "\n    ballast: " + actual.get(key));
            }
        }
        if (!report.isEmpty()) {
            fail("case " + c + ": " + report.size() + " observations differ from HAProxy (files in " + dir + ")\n"
                    + String.join("\n", report));
        }
    }

    /** For each request: {@code "<target> client"} what the client saw, {@code "<target> log"} its line. */
    private static Map<String, String> run(Engine engine, RuleCase c, Path dir, Set<String> bytesNotCompared) {
        Map<String, String> out = new LinkedHashMap<>();
        int fe = Net.freePort();
        try (DatagramSocket syslog = new DatagramSocket(0, InetAddress.getByName(Net.LOOPBACK))) {
            syslog.setSoTimeout(5000);
            Map<String, String> values = new HashMap<>(Map.of("fe", String.valueOf(fe), "fe2",
                    String.valueOf(Net.freePort()), "web01", String.valueOf(web01.port()), "syslog",
                    String.valueOf(syslog.getLocalPort()), "dir", dir.toString()));
            Path config = Files.writeString(dir.resolve(c.name() + "-" + engine + ".cfg"), c.render(values));
            List<ProbeRequest> requests = new ArrayList<>();
            c.connections().forEach(requests::addAll);
            try (BallastProcess proxy = BallastProcess.start(engine, config, fe)) {
                for (ProbeRequest r : requests) {
                    out.put(r.target() + " client", clientView(fe, r));
                }
                clientView(fe, LAST);
                Map<String, String> lines = linesUntil(syslog, LAST.target(), bytesNotCompared);
                for (ProbeRequest r : requests) {
                    out.put(r.target() + " log", lines.getOrDefault(r.target(), "(no line)"));
                }
                assertTrue(proxy.isAlive(), engine + " exited during case " + c + ":\n" + proxy.output());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Sends {@code r} on a connection of its own with {@code Connection: close} and reads until the proxy closes:
     * the status line, or how the connection ended without a byte.
     */
    private static String clientView(int port, ProbeRequest r) throws IOException {
        StringBuilder req = new StringBuilder(r.method()).append(' ').append(r.target()).append(" HTTP/1.1\r\n");
        r.headers().forEach(h -> req.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n"));
        req.append("Connection: close\r\n\r\n");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(Net.LOOPBACK, port), 5000);
            s.setSoTimeout(1500);
            s.getOutputStream().write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            String end;
            try {
                in.transferTo(got);
                end = "closed";
            } catch (SocketTimeoutException e) {
                end = "left open";
            } catch (SocketException e) {
                end = "reset";
            }
            String text = got.toString(StandardCharsets.ISO_8859_1);
            return text.isEmpty() ? "no byte, connection " + end : text.substring(0, text.indexOf('\r'));
        }
    }

    /** The log lines received until the one for {@code lastTarget}, normalized, by request target. */
    private static Map<String, String> linesUntil(DatagramSocket syslog, String lastTarget,
            Set<String> bytesNotCompared) throws IOException {
        Map<String, String> lines = new HashMap<>();
        while (!lines.containsKey(lastTarget)) {
            DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
            syslog.receive(p);
            String line = new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1);
            Matcher request = REQUEST_LINE.matcher(line);
            assertTrue(request.find(), "not an httplog line for a request: " + line);
            String target = request.group(1).substring(request.group(1).indexOf(' ') + 1);
            lines.put(target, normalize(line, bytesNotCompared.contains(target)));
        }
        return lines;
    }

    /** The line with what differs by nature masked: timers' values, byte counts, connection counts. */
    private static String normalize(String line, boolean maskBytes) {
        Matcher m = HTTPLOG.matcher(line);
        assertTrue(m.matches(), "not an httplog line: " + line);
        StringBuilder timers = new StringBuilder();
        for (int g = 3; g <= 7; g++) {
            timers.append(g > 3 ? "/" : "").append(m.group(g).equals("-1") ? "-1" : "t");
        }
        String bytes = maskBytes ? "(not compared)" : m.group(9).equals("0") ? "0" : "n";
        return "<" + m.group(1) + "> " + m.group(2) + " " + timers + " " + m.group(8) + " " + bytes + " "
                + m.group(10) + " ac/fc/bc/sc/" + m.group(11);
    }

    private static void write(Path file, Map<String, String> observations) {
        StringBuilder b = new StringBuilder();
        observations.forEach((k, v) -> b.append(k).append(": ").append(v).append('\n'));
        try {
            Files.writeString(file, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path caseDir(RuleCase c) {
        try {
            return Files.createDirectories(BallastProcess.LOG_DIR.resolve("log-differential").resolve(c.name())
                    .toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
