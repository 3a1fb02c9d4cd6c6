package io.ballast.core.balance;

import com.sun.net.httpserver.HttpServer;
import io.ballast.core.config.BackendConfig;
import io.ballast.core.config.ConfigException;
import io.ballast.core.config.ConfigLoader;
import io.ballast.core.config.LoadedConfig;
import io.ballast.core.request.SimpleRequestView;
import io.ballast.core.server.Backend;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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

/**
 * A differential harness for balancing algorithms: one configuration of {@code listen} sections, each with its
 * {@code balance} line, optional {@code hash-type} and server weights, run by a real HAProxy 2.6 in front of five
 * tiny HTTP servers that answer their own name, and loaded by Ballast's configuration loader into {@link Backend}s.
 * {@link #mismatches} sends the same requests to both and lists where they pick different servers.
 *
 * <p>Shared with other modules' tests through lb-core's test jar (lb-acl checks {@code balance hash <expr>} with
 * it). Callers skip their tests unless {@link #available()}.
 */
public final class HaproxyHarness implements AutoCloseable {

    private static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
    private static final int SERVERS = 5;

    /**
     * One {@code listen} section.
     *
     * @param name     the section's name
     * @param balance  what follows {@code balance}, e.g. {@code hash req.cook(id)}
     * @param hashType what follows {@code hash-type}, or {@code null} for none
     * @param weights  the weights of servers s1, s2... (at most five)
     */
    public record Listen(String name, String balance, String hashType, int[] weights) {
    }

    /**
     * One request as sent to both.
     *
     * @param source  the client's IPv4 address (a 127.x.y.z one, to bind locally), or {@code null} for 127.0.0.1
     * @param target  the request target, e.g. {@code /a?b=c}
     * @param headers header lines {@code name: value}, in order; {@code host: localhost} comes first unless one is
     *                a Host line
     */
    public record Probe(String source, String target, List<String> headers) {

        /** A request from 127.0.0.1 with these header lines. */
        public static Probe of(String target, String... headers) {
            return new Probe(null, target, List.of(headers));
        }
    }

    private final List<HttpServer> servers;
    private final Map<String, Integer> ports;
    private final LoadedConfig config;
    private final Path dir;
    private final Process haproxy;

    private HaproxyHarness(List<HttpServer> servers, Map<String, Integer> ports, LoadedConfig config, Path dir,
            Process haproxy) {
        this.servers = servers;
        this.ports = ports;
        this.config = config;
        this.dir = dir;
        this.haproxy = haproxy;
    }

    /** Whether HAProxy is installed, so that the differential tests can run. */
    public static boolean available() {
        return Files.isExecutable(HAPROXY);
    }

    /**
     * Starts the servers and HAProxy with {@code listens}, and loads the same configuration into Ballast.
     *
     * @throws IllegalStateException when HAProxy does not start
     */
    public static HaproxyHarness start(List<Listen> listens) throws IOException, InterruptedException,
            ConfigException {
        List<HttpServer> servers = new ArrayList<>();
        int[] serverPorts = new int[SERVERS];
        for (int i = 0; i < SERVERS; i++) {
            HttpServer http = namedServer("s" + (i + 1));
            servers.add(http);
            serverPorts[i] = http.getAddress().getPort();
        }
        Map<String, Integer> ports = new LinkedHashMap<>();
        StringBuilder cfg = new StringBuilder("global\n  maxconn 1000\n"
                + "defaults\n  mode http\n  timeout connect 2s\n  timeout client 5s\n  timeout server 5s\n");
        for (Listen l : listens) {
            int port = freePort();
            ports.put(l.name(), port);
            cfg.append("listen ").append(l.name()).append("\n  bind 127.0.0.1:").append(port)
                    .append("\n  balance ").append(l.balance()).append('\n');
            if (l.hashType() != null) {
                cfg.append("  hash-type ").append(l.hashType()).append('\n');
            }
            for (int i = 0; i < l.weights().length; i++) {
                cfg.append("  server s").append(i + 1).append(" 127.0.0.1:").append(serverPorts[i])
                        .append(" weight ").append(l.weights()[i]).append('\n');
            }
        }
        LoadedConfig loaded = ConfigLoader.withEnvironment(Map.of()).parse("haproxy.cfg", cfg.toString());
        Path dir = Files.createTempDirectory("ballast-haproxy");
        Path file = dir.resolve("haproxy.cfg");
        Files.writeString(file, cfg);
        Process haproxy = new ProcessBuilder(HAPROXY.toString(), "-db", "-f", file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        HaproxyHarness harness = new HaproxyHarness(servers, ports, loaded, dir, haproxy);
        harness.awaitListeners();
        return harness;
    }

    private static HttpServer namedServer(String name) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        http.createContext("/", exchange -> {
            byte[] body = name.getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        return http;
    }

    private void awaitListeners() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (int port : ports.values()) {
            while (true) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    break;
                } catch (IOException e) {
                    if (!haproxy.isAlive() || System.nanoTime() > deadline) {
                        String log = log();
                        close();
                        throw new IllegalStateException("haproxy did not start: " + log);
                    }
                    Thread.sleep(20);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("haproxy.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** A fresh Ballast backend for {@code listen}, as loaded from the configuration HAProxy runs. */
    public Backend backend(String listen) {
        BackendConfig backend = config.config().backend(listen).orElseThrow();
        return new Backend(backend, BalanceAlgorithms.create(backend.balance()));
    }

    /** The header lines sent for {@code probe}: its own, after {@code host: localhost} unless it has a Host line. */
    private static List<String> headerLines(Probe probe) {
        List<String> lines = new ArrayList<>();
        if (probe.headers().stream().noneMatch(h -> h.regionMatches(true, 0, "host:", 0, 5))) {
            lines.add("host: localhost");
        }
        lines.addAll(probe.headers());
        lines.add("connection: close");
        return lines;
    }

    /** The server HAProxy picked for {@code probe}: the body of its answer. */
    public String viaHaproxy(String listen, Probe probe) throws IOException {
        try (Socket socket = new Socket()) {
            if (probe.source() != null) {
                socket.bind(new InetSocketAddress(probe.source(), 0));
            }
            socket.connect(new InetSocketAddress("127.0.0.1", ports.get(listen)), 2000);
            socket.setSoTimeout(5000);
            String request = "GET " + probe.target() + " HTTP/1.1\r\n" + String.join("\r\n", headerLines(probe))
                    + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(out);
            String response = out.toString(StandardCharsets.ISO_8859_1);
            if (!response.startsWith("HTTP/1.1 200")) {
                throw new IOException(probe + ": '" + response + "'");
            }
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }

    /** The server {@code backend} picks for {@code probe}, seen as HAProxy sees it (same lines and addresses). */
    public String viaBallast(Backend backend, String listen, Probe probe) {
        SimpleRequestView.Builder b = SimpleRequestView.builder("GET", probe.target())
                .clientAddress(new InetSocketAddress(probe.source() == null ? "127.0.0.1" : probe.source(), 40000))
                .localAddress(new InetSocketAddress("127.0.0.1", ports.get(listen)));
        for (String line : headerLines(probe)) {
            int colon = line.indexOf(':');
            b.header(line.substring(0, colon), line.substring(colon + 1).strip());
        }
        return backend.pick(b.build()).name();
    }

    /**
     * Sends every probe to HAProxy and to one fresh Ballast backend for {@code listen}, in order.
     *
     * @return one line per probe where they picked different servers; empty when they agree
     */
    public List<String> mismatches(String listen, List<Probe> probes) throws IOException {
        Backend backend = backend(listen);
        List<String> mismatches = new ArrayList<>();
        for (Probe probe : probes) {
            String expected = viaHaproxy(listen, probe);
            String actual = viaBallast(backend, listen, probe);
            if (!expected.equals(actual)) {
                mismatches.add(listen + " " + probe + ": haproxy " + expected + ", ballast " + actual);
            }
        }
        return mismatches;
    }

    /** Stops HAProxy and the servers and deletes the temporary files. */
    @Override
    public void close() {
        haproxy.destroy();
        try {
            if (!haproxy.waitFor(3, TimeUnit.SECONDS)) {
                haproxy.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        servers.forEach(s -> s.stop(0));
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // temporary files left behind; nothing else depends on them
        }
    }
}
