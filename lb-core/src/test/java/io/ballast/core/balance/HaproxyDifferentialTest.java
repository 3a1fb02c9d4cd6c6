package io.ballast.core.balance;

import com.sun.net.httpserver.HttpServer;
import io.ballast.core.config.BalanceSpec;
import io.ballast.core.config.HashType;
import io.ballast.core.request.RequestView;
import io.ballast.core.request.SimpleRequestView;
import io.ballast.core.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Sends the same keys through a real HAProxy 2.6 and through Ballast's algorithms and checks that both pick the
 * same server for every key. Skipped when {@code /usr/sbin/haproxy} is not installed.
 */
class HaproxyDifferentialTest {

    private static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
    private static final int[] WEIGHTS_A = {1, 2, 3, 5, 4};
    private static final int[] WEIGHTS_B = {20, 10, 30, 40}; // gcd 10

    /** One listen section: name, balance line, hash-type line (or null), weights. */
    private record Case(String name, String balance, String hashType, int[] weights) {
    }

    private static final List<Case> CASES = List.of(
            new Case("uri", "uri", null, WEIGHTS_A),
            new Case("uri_opts", "uri len 12 depth 2", "map-based djb2", WEIGHTS_B),
            new Case("uri_whole", "uri whole path-only", "map-based crc32 avalanche", WEIGHTS_A),
            new Case("hdr", "hdr(x-key)", "map-based wt6 avalanche", WEIGHTS_A),
            new Case("hdr_domain", "hdr(host) use_domain_only", null, WEIGHTS_B),
            new Case("url_param", "url_param id", null, WEIGHTS_B),
            new Case("source", "source", null, WEIGHTS_A),
            new Case("source_aval", "source", "map-based sdbm avalanche", WEIGHTS_B),
            new Case("chash_uri", "uri", "consistent", WEIGHTS_A),
            new Case("chash_uri_b", "uri whole", "consistent wt6", WEIGHTS_B),
            new Case("chash_hdr", "hdr(x-key)", "consistent djb2 avalanche", WEIGHTS_A),
            new Case("chash_param", "url_param id", "consistent crc32", WEIGHTS_B),
            new Case("chash_source", "source", "consistent", WEIGHTS_A));

    private static final List<HttpServer> servers = new ArrayList<>();
    private static final Map<String, Integer> ports = new LinkedHashMap<>();
    private static Process haproxy;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(HAPROXY), "haproxy is not installed");
        dir = Files.createTempDirectory("ballast-haproxy");
        int[] serverPorts = new int[5];
        for (int i = 0; i < serverPorts.length; i++) {
            String name = "s" + (i + 1);
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
            http.createContext("/", exchange -> {
                byte[] body = name.getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            http.start();
            servers.add(http);
            serverPorts[i] = http.getAddress().getPort();
        }
        StringBuilder cfg = new StringBuilder("global\n  maxconn 1000\n"
                + "defaults\n  mode http\n  timeout connect 2s\n  timeout client 5s\n  timeout server 5s\n");
        for (Case c : CASES) {
            int port = freePort();
            ports.put(c.name(), port);
            cfg.append("listen ").append(c.name()).append("\n  bind 127.0.0.1:").append(port)
                    .append("\n  balance ").append(c.balance()).append('\n');
            if (c.hashType() != null) {
                cfg.append("  hash-type ").append(c.hashType()).append('\n');
            }
            for (int i = 0; i < c.weights().length; i++) {
                cfg.append("  server s").append(i + 1).append(" 127.0.0.1:").append(serverPorts[i])
                        .append(" weight ").append(c.weights()[i]).append('\n');
            }
        }
        Path file = dir.resolve("haproxy.cfg");
        Files.writeString(file, cfg);
        haproxy = new ProcessBuilder(HAPROXY.toString(), "-db", "-f", file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (int port : ports.values()) {
            while (true) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    break;
                } catch (IOException e) {
                    assertTrue(haproxy.isAlive(), () -> "haproxy exited: " + log());
                    assertTrue(System.nanoTime() < deadline, "haproxy did not start: " + log());
                    Thread.sleep(20);
                }
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (haproxy != null) {
            haproxy.destroy();
            if (!haproxy.waitFor(3, TimeUnit.SECONDS)) {
                haproxy.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
            }
        }
        servers.forEach(s -> s.stop(0));
        if (dir != null) {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static String log() {
        try {
            return Files.readString(dir.resolve("haproxy.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The server HAProxy picked for {@code target} with these header lines, in this order. */
    private static String viaHaproxy(String listen, String target, List<String> headerLines) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", ports.get(listen)), 2000);
            socket.setSoTimeout(5000);
            String req = "GET " + target + " HTTP/1.1\r\nhost: localhost\r\n" + String.join("\r\n", headerLines)
                    + "\r\nconnection: close\r\n\r\n";
            socket.getOutputStream().write(req.getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(out);
            String response = out.toString(StandardCharsets.ISO_8859_1);
            assertTrue(response.startsWith("HTTP/1.1 200"), () -> target + " " + headerLines + ": '" + response + "'");
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }

    /** The server HAProxy picked: the body of the answer to {@code target} with {@code headers}. */
    private static String viaHaproxy(String listen, String source, String target, Map<String, String> headers)
            throws IOException {
        try (Socket socket = new Socket()) {
            if (source != null) {
                socket.bind(new InetSocketAddress(source, 0));
            }
            socket.connect(new InetSocketAddress("127.0.0.1", ports.get(listen)), 2000);
            socket.setSoTimeout(5000);
            StringBuilder req = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\n");
            if (headers.keySet().stream().noneMatch("host"::equalsIgnoreCase)) {
                req.append("host: localhost\r\n");
            }
            headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
            req.append("connection: close\r\n\r\n");
            socket.getOutputStream().write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            in.transferTo(out);
            String response = out.toString(StandardCharsets.ISO_8859_1);
            assertTrue(response.startsWith("HTTP/1.1 200"), () -> target + " " + headers + ": '" + response + "'");
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }

    private static ServerSelector ballast(Case c) {
        List<String> words = new ArrayList<>(List.of(c.balance().split(" ")));
        String name = words.remove(0);
        int open = name.indexOf('(');
        if (open >= 0) {
            words.add(0, name.substring(open + 1, name.length() - 1));
            name = name.substring(0, open);
        }
        HashType type = HashType.DEFAULT;
        if (c.hashType() != null) {
            // as HAProxy: without a function, sdbm, with avalanche for consistent only
            String[] h = c.hashType().split(" ");
            boolean consistent = h[0].equals("consistent");
            type = new HashType(consistent ? HashType.Method.CONSISTENT : HashType.Method.MAP_BASED,
                    h.length > 1 ? HashType.Function.valueOf(h[1].toUpperCase()) : HashType.Function.SDBM,
                    h.length > 2 || (h.length == 1 && consistent));
        }
        List<Server> list = new ArrayList<>();
        for (int i = 0; i < c.weights().length; i++) {
            list.add(MapBasedHashTest.server("s" + (i + 1), c.weights()[i]));
        }
        return BalanceAlgorithms.create(new BalanceSpec(name, words, type)).build(list);
    }

    private static Case find(String name) {
        return CASES.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> uris() {
        List<String> uris = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            uris.add("/img/" + i + "/photo-" + (i * 7919 % 1000) + ".jpg" + (i % 3 == 0 ? "?v=" + i : ""));
        }
        uris.addAll(List.of("/", "/a", "/a/b/c/d", "/x?y", "/%C3%A9t%C3%A9/z", "/very/long/path/that/exceeds/len"));
        return uris;
    }

    /** Compares every key; returns how many matched. */
    private static int compare(String listen, List<String> targets, List<Map<String, String>> headers,
            List<String> sources) throws Exception {
        ServerSelector selector = ballast(find(listen));
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Map<String, String> h = headers == null ? Map.of() : headers.get(i);
            String src = sources == null ? null : sources.get(i);
            String expected = viaHaproxy(listen, src, targets.get(i), h);
            Map<String, String> lower = new LinkedHashMap<>();
            h.forEach((k, v) -> lower.put(k.toLowerCase(), v));
            lower.putIfAbsent("host", "localhost");
            InetSocketAddress client = new InetSocketAddress(src == null ? "127.0.0.1" : src, 40000);
            String actual = selector.pick(new MapBasedHashTest.Req(targets.get(i), lower, client)).name();
            if (!expected.equals(actual)) {
                mismatches.add(targets.get(i) + " " + h + " " + src + ": haproxy " + expected + ", ballast " + actual);
            }
        }
        assertEquals(List.of(), mismatches);
        return targets.size();
    }

    @Test
    void uriPicksLikeHaproxy() throws Exception {
        assertEquals(126, compare("uri", uris(), null, null));
        assertEquals(126, compare("uri_opts", uris(), null, null));
        List<String> absolute = new ArrayList<>(uris());
        for (int i = 0; i < 30; i++) {
            absolute.add("http://h" + i + ".example.com/abs/" + i + "?q=" + i);
        }
        List<Map<String, String>> hosts = new ArrayList<>();
        for (String target : absolute) {
            // HAProxy refuses an absolute target whose authority differs from the Host header
            hosts.add(target.startsWith("http://") ? Map.of("Host", target.substring(7, target.indexOf('/', 7)))
                    : Map.of());
        }
        assertEquals(156, compare("uri_whole", absolute, hosts, null));
    }

    @Test
    void headerPicksLikeHaproxy() throws Exception {
        List<String> targets = new ArrayList<>();
        List<Map<String, String>> headers = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            targets.add("/");
            headers.add(Map.of("X-Key", i % 10 == 0 ? "user-" + i + ", other" : "user-" + i * 31));
        }
        assertEquals(120, compare("hdr", targets, headers, null));
        targets.clear();
        headers.clear();
        String[] tlds = {"com", "eu", "org", "io"};
        for (int i = 0; i < 120; i++) {
            targets.add("/");
            String host = switch (i % 4) {
                case 0 -> "www.site" + i + "." + tlds[i % 4];
                case 1 -> "a.b.domain" + i + "." + tlds[i % 4];
                case 2 -> "single" + i;
                default -> "site" + i + "." + tlds[i % 4];
            };
            headers.add(Map.of("Host", host));
        }
        assertEquals(120, compare("hdr_domain", targets, headers, null));
    }

    @Test
    void urlParamPicksLikeHaproxyAndFallsBackToTheMapRoundRobin() throws Exception {
        // first, keyless requests on a fresh backend walk the map from its first slot, as Ballast's fresh selector
        ServerSelector fresh = ballast(find("url_param"));
        for (int i = 0; i < 12; i++) {
            String target = i % 2 == 0 ? "/no-query" : "/?other=1&idx=2";
            assertEquals(viaHaproxy("url_param", null, target, Map.of()),
                    fresh.pick(MapBasedHashTest.uri(target)).name(), "round robin step " + i);
        }
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            targets.add(switch (i % 4) {
                case 0 -> "/p?id=" + i;
                case 1 -> "/p?a=1&id=session" + i * 13 + "&b=2";
                case 2 -> "/p?xid=9&id=" + (i * 101) + "&id=last";
                default -> "/p/q?id=" + Integer.toHexString(i * 7777);
            });
        }
        targets.add("/p?id=");
        assertEquals(121, compare("url_param", targets, null, null));
    }

    @Test
    void repeatedHeaderHashesItsFirstOccurrenceLikeHaproxy() throws Exception {
        for (String listen : List.of("hdr", "chash_hdr")) {
            ServerSelector selector = ballast(find(listen));
            List<String> mismatches = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String first = "first-" + i;
                String second = "second-" + (i * 17);
                String expected = viaHaproxy(listen, "/", List.of("x-key: " + first, "x-other: y", "X-Key: " + second));
                RequestView request = SimpleRequestView.builder("GET", "/").header("host", "localhost")
                        .header("x-key", first).header("x-other", "y").header("X-Key", second).build();
                String actual = selector.pick(request).name();
                if (!expected.equals(actual)) {
                    mismatches.add(listen + " " + first + "/" + second + ": haproxy " + expected + ", ballast " + actual);
                }
            }
            assertEquals(List.of(), mismatches);
        }
    }

    @Test
    void consistentHashingPicksLikeHaproxy() throws Exception {
        assertEquals(126, compare("chash_uri", uris(), null, null));
        assertEquals(126, compare("chash_uri_b", uris(), null, null));
        List<String> targets = new ArrayList<>();
        List<Map<String, String>> headers = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            targets.add("/p?a=" + i + "&id=user" + (i * 7919));
            headers.add(Map.of("X-Key", "session-" + (i * 104729)));
        }
        assertEquals(120, compare("chash_hdr", targets, headers, null));
        assertEquals(120, compare("chash_param", targets, null, null));
        List<String> sources = new ArrayList<>();
        for (int i = 1; i <= 120; i++) {
            sources.add("127.0." + (i * 53 % 256) + "." + (1 + i * 13 % 254));
        }
        assertEquals(120, compare("chash_source", sources.stream().map(s -> "/").toList(), null, sources));
    }

    @Test
    void sourcePicksLikeHaproxy() throws Exception {
        List<String> sources = new ArrayList<>();
        for (int i = 1; i <= 120; i++) {
            sources.add("127.0." + (i * 37 % 256) + "." + (1 + i * 11 % 254));
        }
        List<String> targets = sources.stream().map(s -> "/").toList();
        assertEquals(120, compare("source", targets, null, sources));
        assertEquals(120, compare("source_aval", targets, null, sources));
    }
}
