package io.ballast.health;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server (the JDK's) on 127.0.0.1 answering every request with a status tests change. */
final class CheckedHttpServer implements AutoCloseable {

    final AtomicInteger status = new AtomicInteger(200);
    final AtomicInteger requests = new AtomicInteger();
    volatile String body = "all good here\n";
    volatile String lastRequestLine;
    private int port;
    private HttpServer server;

    CheckedHttpServer(int port) throws IOException {
        this.port = port;
        start();
    }

    int port() {
        return port;
    }

    /** Starts serving (again) on the same port. */
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        port = server.getAddress().getPort();
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            lastRequestLine = exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getProtocol() + " host=" + exchange.getRequestHeaders().getFirst("Host");
            byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(status.get(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    /** Stops serving: connections are refused until {@link #start()}. */
    void stop() {
        server.stop(0);
    }

    @Override
    public void close() {
        stop();
    }
}
