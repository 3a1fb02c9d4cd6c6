package io.ballast.proxy;

import io.ballast.core.config.BallastConfig;
import io.ballast.core.config.HttpConnectionMode;
import io.ballast.core.config.ProxyMode;
import io.ballast.core.config.Timeouts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Servers that answer badly, and clients that half-close: nothing is sent twice or smuggled. */
class ServerMisbehaviourTest {

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    @RegisterExtension
    final RunningBallast running = new RunningBallast();

    private SocketAddress start(BallastConfig config) throws Exception {
        return running.start(config);
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: t\r\n\r\n";
    }

    @Test
    void bodyIsNeverSentAsARequestAfterTheServerClosedFollowingA100() throws Exception {
        String smuggled = "GET /smuggled HTTP/1.1\r\nHost: t\r\n\r\n";
        try (ScriptedServer server = new ScriptedServer(c -> {
            c.readHead();
            c.write(OK);
            c.readHead();
            c.write("HTTP/1.1 100 Continue\r\n\r\n");
        }, c -> {
            while (c.readHead() != null) {
                c.write(OK);
            }
        })) {
            try (RawClient client = new RawClient(start(TestConfigs.http(TestConfigs.server("s", server.port()))))) {
                assertEquals(200, client.send(get("/first")).read().status());
                client.send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: " + smuggled.length()
                        + "\r\nExpect: 100-continue\r\n\r\n");
                assertEquals(100, client.readHeadOnly().status());
                client.send(smuggled);
                assertEquals(502, client.read().status());
            }
            Thread.sleep(200);
            assertFalse(server.heads.stream().anyMatch(h -> h.startsWith("GET /smuggled")), server.heads.toString());
        }
    }

    @Test
    void requestIsNotSentAgainAfterAPartialResponse() throws Exception {
        try (ScriptedServer server = new ScriptedServer(c -> {
            c.readHead();
            c.write(OK);
            c.readHead();
            c.write("HTTP/1.1 200 OK\r\nX-Partial: yes\r\n");
        }, c -> {
            while (c.readHead() != null) {
                c.write(OK);
            }
        })) {
            try (RawClient client = new RawClient(start(TestConfigs.http(TestConfigs.server("s", server.port()))))) {
                assertEquals(200, client.send(get("/first")).read().status());
                assertEquals(502, client.send("DELETE /once HTTP/1.1\r\nHost: t\r\n\r\n").read().status());
            }
            assertEquals(1, server.heads.stream().filter(h -> h.startsWith("DELETE /once")).count());
        }
    }

    @Test
    void unrequested101IsABadGateway() throws Exception {
        try (ScriptedServer server = new ScriptedServer(c -> {
            c.readHead();
            c.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\n");
            c.readToEnd();
        })) {
            try (RawClient client = new RawClient(start(TestConfigs.http(TestConfigs.server("s", server.port()))))) {
                assertEquals(502, client.send("GET / HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\n\r\n").read().status());
            }
        }
    }

    @Test
    void contentLengthWithChunkedClosesTheConnectionAfterTheResponse() throws Exception {
        try (ScriptedServer server = new ScriptedServer(c -> {
            String head = c.readHead();
            assertFalse(head.toLowerCase().contains("content-length"), head);
            c.readBytes("3\r\nabc\r\n0\r\n\r\n".length());
            c.write(OK);
        })) {
            try (RawClient client = new RawClient(start(TestConfigs.http(TestConfigs.server("s", server.port()))))) {
                RawClient.Response r = client.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n").read();
                assertEquals(200, r.status());
                assertEquals("close", r.header("Connection"));
                assertTrue(client.closedByPeer());
            }
        }
    }

    @Test
    void transferCodingsMaySpanSeveralHeaders() throws Exception {
        try (ScriptedServer server = new ScriptedServer(c -> {
            c.readHead();
            c.readBytes("0\r\n\r\n".length());
            c.write(OK);
        })) {
            try (RawClient client = new RawClient(start(TestConfigs.http(TestConfigs.server("s", server.port()))))) {
                assertEquals(200, client.send("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n").read().status());
            }
        }
    }

    @Test
    void slowUploadIsNotAServerTimeout() throws Exception {
        try (ScriptedServer server = new ScriptedServer(c -> {
            c.readHead();
            c.readBytes(6);
            c.write(OK);
        })) {
            SocketAddress lb = start(TestConfigs.http(new Timeouts(2000, 5000, 1000, 0, 0, 0, 0, 0, 0, 0, 0),
                    HttpConnectionMode.KEEP_ALIVE, null, TestConfigs.server("s", server.port())));
            try (RawClient client = new RawClient(lb)) {
                client.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 6\r\n\r\n");
                for (int i = 0; i < 6; i++) {
                    Thread.sleep(300); // 1.8 s in all, beyond timeout server 1s, but never 1 s idle
                    client.send("x");
                }
                assertEquals(200, client.read().status());
            }
        }
    }

    @Test
    void completeRequestThenHalfCloseGetsItsResponse() throws Exception {
        try (ScriptedServer server = new ScriptedServer(c -> {
            c.readHead();
            byte[] body = c.readBytes(5);
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n" + new String(body, StandardCharsets.ISO_8859_1));
        })) {
            SocketAddress lb = start(TestConfigs.http(TestConfigs.server("s", server.port())));
            try (Socket s = new Socket()) {
                s.connect(lb, 2000);
                s.setSoTimeout(5000);
                s.getOutputStream().write("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello"
                        .getBytes(StandardCharsets.US_ASCII));
                s.shutdownOutput();
                String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertTrue(response.startsWith("HTTP/1.1 200") && response.endsWith("hello"), response);
            }
        }
    }

    @Test
    void tcpModePassesAHalfCloseOnToTheServer() throws Exception {
        try (ScriptedServer server = new ScriptedServer(c -> c.write(new String(c.readToEnd(), StandardCharsets.ISO_8859_1)))) {
            SocketAddress lb = start(TestConfigs.proxy(ProxyMode.TCP, new Timeouts(2000, 5000, 5000, 0, 0, 0, 0, 0, 0, 0, 0),
                    HttpConnectionMode.KEEP_ALIVE, null, TestConfigs.server("s", server.port())));
            try (Socket s = new Socket()) {
                s.connect(lb, 2000);
                s.setSoTimeout(5000);
                s.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
                s.shutdownOutput();
                assertEquals("ping", new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
            }
        }
    }

    @Test
    void tcpModeFailureClosesWithoutWritingHttp() throws Exception {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        SocketAddress lb = start(TestConfigs.proxy(ProxyMode.TCP, new Timeouts(200, 5000, 5000, 0, 0, 0, 0, 0, 0, 0, 0),
                HttpConnectionMode.KEEP_ALIVE, null, TestConfigs.server("dead", closedPort)));
        try (Socket s = new Socket()) {
            s.connect(lb, 2000);
            s.setSoTimeout(10000);
            assertEquals(0, s.getInputStream().readAllBytes().length);
        }
    }
}
