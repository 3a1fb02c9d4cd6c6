package io.ballast.proxy;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP/1.1 server (the JDK's) for engine tests. {@code /echo} answers with what it received,
 * {@code /port} with the source port of the connection the request came on, {@code /headers} with its name, the request line and the request headers (lower-case names, one per line),
 * {@code /missing} with 404, {@code /slow} after a delay, anything else with the server's name.
 */
final class TestBackend implements AutoCloseable {

    private final HttpServer server;
    final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    /** The most requests it ever handled at once. */
    final AtomicInteger mostConcurrent = new AtomicInteger();
    /** The source ports of the connections requests came on: one per server connection the proxy used. */
    final java.util.Set<Integer> connectionPorts = java.util.concurrent.ConcurrentHashMap.newKeySet();

    TestBackend(String name) throws IOException {
        this(name, 0);
    }

    /** A backend on {@code 127.0.0.1:port} (0 for any free port). */
    TestBackend(String name, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            mostConcurrent.accumulateAndGet(active.incrementAndGet(), Math::max);
            try {
                handle(name, exchange);
            } finally {
                active.decrementAndGet();
            }
        });
        server.start();
    }

    private void handle(String name, com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        connectionPorts.add(exchange.getRemoteAddress().getPort());
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/count")) {
            if ("pause".equals(exchange.getRequestURI().getQuery())) {
                sleep(1500);
            }
            countBody(exchange);
            return;
        }
        if (path.equals("/big")) {
            streamChunked(exchange, Long.parseLong(exchange.getRequestURI().getQuery()));
            return;
        }
        byte[] received = exchange.getRequestBody().readAllBytes();
        int status = 200;
        String body;
        if (path.equals("/echo")) {
            body = name + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI()
                    + " xff=" + exchange.getRequestHeaders().getFirst("X-Forwarded-For")
                    + " body=" + new String(received, StandardCharsets.ISO_8859_1);
        } else if (path.equals("/port")) {
            body = String.valueOf(exchange.getRemoteAddress().getPort());
        } else if (path.equals("/headers")) {
            StringBuilder text = new StringBuilder(exchange.getRequestMethod() + " " + exchange.getRequestURI()
                    + "\n");
            exchange.getRequestHeaders().forEach((k, values) -> values.forEach(
                    v -> text.append(k.toLowerCase(java.util.Locale.ROOT)).append(": ").append(v).append('\n')));
            body = name + "\n" + text;
        } else if (path.equals("/missing")) {
            status = 404;
            body = "no such page on " + name;
            exchange.getResponseHeaders().add("X-Backend", name);
        } else if (path.equals("/slow")) {
            sleep(3000);
            body = name;
        } else {
            body = name;
        }
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        exchange.getResponseHeaders().add("Content-Type", "text/plain");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().add("Content-Length", String.valueOf(bytes.length));
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    /** Answers with the number of request body bytes, read as a stream. */
    private static void countBody(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        long n = 0;
        byte[] buf = new byte[65536];
        for (int r; (r = exchange.getRequestBody().read(buf)) > 0; ) {
            n += r;
        }
        byte[] body = Long.toString(n).getBytes(StandardCharsets.US_ASCII);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** Streams {@code size} bytes with chunked encoding. */
    private static void streamChunked(com.sun.net.httpserver.HttpExchange exchange, long size) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        byte[] buf = new byte[65536];
        java.util.Arrays.fill(buf, (byte) 'x');
        for (long left = size; left > 0; left -= buf.length) {
            exchange.getResponseBody().write(buf, 0, (int) Math.min(buf.length, left));
        }
        exchange.close();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
