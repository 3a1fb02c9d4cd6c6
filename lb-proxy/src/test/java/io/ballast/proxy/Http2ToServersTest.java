package io.ballast.proxy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.SocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests from HTTP/1.1 clients to a server spoken to in HTTP/2 ({@code proto h2}): as the server sees them, many on
 * one connection, bodies of unknown length, and a server that says GOAWAY every few streams without a request lost.
 */
class Http2ToServersTest {

    @RegisterExtension
    final RunningBallast running = new RunningBallast();
    private TestHttp2Backend web;

    @AfterEach
    void stop() {
        web.close();
    }

    private SocketAddress start(int goAwayEvery) throws Exception {
        web = new TestHttp2Backend("h2web", goAwayEvery);
        return running.start(TestConfigs.http(TestConfigs.http2Server("h2web", web.port())));
    }

    @Test
    void requestsGoAsStreamsOfOneConnection() throws Exception {
        SocketAddress lb = start(0);
        try (RawClient client = new RawClient(lb)) {
            for (int i = 0; i < 5; i++) {
                RawClient.Response r = client.send("GET /p" + i + "?q HTTP/1.1\r\nHost: a.example\r\n\r\n").read();
                assertEquals(200, r.status());
                assertEquals("h2web GET /p" + i + "?q authority=a.example body=", r.body());
            }
        }
        assertEquals(5, web.streams.get());
        assertEquals(1, web.connections.get(), "one HTTP/2 connection carries every request");
    }

    @Test
    void aChunkedUploadArrivesWhole() throws Exception {
        SocketAddress lb = start(0);
        try (RawClient client = new RawClient(lb)) {
            RawClient.Response r = client.send("POST /up HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n").read();
            assertEquals("h2web POST /up authority=a body=hello world", r.body());
        }
    }

    @Test
    void http2UploadsBeyondTheWindowsOfBothSides() throws Exception {
        SocketAddress lb = start(0);
        for (int i = 0; i < 3; i++) { // the connection to the server, and its windows, carry over from one to the next
            try (RawHttp2Client h2 = new RawHttp2Client(lb)) {
                h2.headers(1, RawHttp2Client.request("POST", "/count"), false);
                h2.upload(1, 8L << 20);
                assertEquals(Long.toString(8L << 20), h2.response(1).body(), "upload " + i);
            }
        }
    }

    @Test
    void aServerThatSaysGoAwayEveryThreeStreamsLosesNoRequest() throws Exception {
        SocketAddress lb = start(3);
        for (int i = 0; i < 20; i++) {
            try (RawClient client = new RawClient(lb)) {
                RawClient.Response r = client.send("GET /n" + i + " HTTP/1.1\r\nHost: a\r\n\r\n").read();
                assertEquals(200, r.status(), "request " + i);
                assertTrue(r.body().startsWith("h2web GET /n" + i), r.body());
            }
        }
        assertEquals(20, web.streams.get());
        assertTrue(web.connections.get() >= 7, "a new connection after each GOAWAY: " + web.connections.get());
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (closeWaitTo(web.port()) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0, closeWaitTo(web.port()), "the connections the server closed are closed on this side too");
    }

    /** Sockets in CLOSE-WAIT (the peer closed, this side not yet) towards {@code port}, from /proc/net/tcp. */
    private static long closeWaitTo(int port) throws java.io.IOException {
        String remotePort = String.format(":%04X", port);
        return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/net/tcp")).stream().skip(1)
                .map(line -> line.trim().split("\\s+"))
                .filter(f -> f[2].endsWith(remotePort) && f[3].equals("08"))
                .count();
    }
}
