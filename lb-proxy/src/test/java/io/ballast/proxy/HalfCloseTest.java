package io.ballast.proxy;

import io.ballast.core.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.InputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Half-closed connections through a tunnel ({@code mode tcp}, and WebSocket after a 101): a shutdown is passed on
 * to the other side, which may go on sending, and {@code timeout client-fin} / {@code timeout server-fin} then
 * limit the inactivity of the side still open instead of {@code timeout tunnel}.
 */
class HalfCloseTest {

    @RegisterExtension
    final RunningBallast running = new RunningBallast();

    private SocketAddress start(String mode, String timeouts, int serverPort) throws Exception {
        String cfg = """
                defaults
                  mode %s
                  timeout connect 1s
                  timeout client 20s
                  timeout server 20s
                  timeout tunnel 20s
                %s
                listen tun
                  bind 127.0.0.1:%d
                  server s 127.0.0.1:%d
                """.formatted(mode, timeouts, TestConfigs.freePort(), serverPort);
        return running.start(ConfigLoader.create().parse("halfclose.cfg", cfg).config());
    }

    private static Socket connect(SocketAddress lb) throws Exception {
        Socket s = new Socket();
        s.connect(lb, 2000);
        s.setSoTimeout(10000);
        return s;
    }

    private static String ascii(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void aServerHalfCloseReachesTheClientWhichMayStillSend() throws Exception {
        CompletableFuture<String> received = new CompletableFuture<>();
        try (ScriptedServer server = new ScriptedServer(c -> {
            c.write("bye");
            c.socket.shutdownOutput();
            received.complete(ascii(c.readToEnd()));
        })) {
            SocketAddress lb = start("tcp", "", server.port());
            try (Socket s = connect(lb)) {
                assertEquals("bye", ascii(s.getInputStream().readAllBytes()));
                s.getOutputStream().write("still here".getBytes(StandardCharsets.ISO_8859_1));
                s.shutdownOutput();
                assertEquals("still here", received.get(5, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void clientFinLimitsAClientThatKeepsAHalfClosedTunnelOpen() throws Exception {
        CompletableFuture<Long> serverSawEnd = new CompletableFuture<>();
        try (ScriptedServer server = new ScriptedServer(c -> {
            c.write("bye");
            c.socket.shutdownOutput();
            long start = System.nanoTime();
            c.readToEnd();
            serverSawEnd.complete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        })) {
            SocketAddress lb = start("tcp", "  timeout client-fin 300ms", server.port());
            try (Socket s = connect(lb)) {
                assertEquals("bye", ascii(s.getInputStream().readAllBytes()));
                long waited = serverSawEnd.get(5, TimeUnit.SECONDS);
                assertTrue(waited >= 200 && waited < 3000, "closed after " + waited + " ms");
            }
        }
    }

    @Test
    void serverFinLimitsAServerThatKeepsAHalfClosedTunnelOpen() throws Exception {
        try (ScriptedServer server = new ScriptedServer(c -> {
            c.readToEnd();
            try {
                Thread.sleep(15000); // neither answers nor closes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })) {
            SocketAddress lb = start("tcp", "  timeout server-fin 300ms", server.port());
            try (Socket s = connect(lb)) {
                s.getOutputStream().write("ping".getBytes(StandardCharsets.ISO_8859_1));
                s.shutdownOutput();
                long start = System.nanoTime();
                assertEquals(-1, s.getInputStream().read());
                long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(waited >= 200 && waited < 3000, "closed after " + waited + " ms");
            }
        }
    }

    @Test
    void clientFinAppliesToAWebSocketTunnelTheServerHalfClosed() throws Exception {
        CompletableFuture<Long> serverSawEnd = new CompletableFuture<>();
        try (ScriptedServer server = new ScriptedServer(c -> {
            c.readHead();
            c.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\nbye");
            c.socket.shutdownOutput();
            long start = System.nanoTime();
            c.readToEnd();
            serverSawEnd.complete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        })) {
            SocketAddress lb = start("http", "  timeout client-fin 300ms", server.port());
            try (Socket s = connect(lb)) {
                s.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                InputStream in = s.getInputStream();
                String all = ascii(in.readAllBytes());
                assertTrue(all.startsWith("HTTP/1.1 101") && all.endsWith("\r\n\r\nbye"), all);
                long waited = serverSawEnd.get(5, TimeUnit.SECONDS);
                assertTrue(waited >= 200 && waited < 3000, "closed after " + waited + " ms");
            }
        }
    }
}
