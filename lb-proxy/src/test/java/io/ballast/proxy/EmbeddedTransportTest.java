package io.ballast.proxy;

import io.ballast.core.config.BallastConfig;
import io.ballast.core.config.ConfigLoader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Transport#embedded}: a client session on an embedded channel reaches its server through an embedded
 * server connection, on one loop and with no socket, as {@code ProxyRoundTripBenchmark} drives it.
 */
class EmbeddedTransportTest {

    private static final String REQUEST = "GET /items?page=2 HTTP/1.1\r\nHost: www.example.com\r\n\r\n";
    private static final String RESPONSE = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";

    private final List<EmbeddedChannel> servers = new ArrayList<>();
    private Engine engine;
    private EmbeddedChannel client;

    @AfterEach
    void close() {
        if (client != null) {
            client.finishAndReleaseAll();
        }
        servers.forEach(EmbeddedChannel::finishAndReleaseAll);
        if (engine != null) {
            engine.close();
        }
    }

    private void start(String proxyLines) throws Exception {
        BallastConfig config = ConfigLoader.create().parse("embedded.cfg", """
                defaults
                  mode http
                  timeout connect 5s
                  timeout client 30s
                  timeout server 30s
                frontend www
                  bind 127.0.0.1:8080
                %s
                  default_backend web
                backend web
                  server web01 127.0.0.1:8081
                """.formatted(proxyLines)).config();
        engine = new Engine(config, RuleCompiler.compile(config), (level, message) -> { },
                threads -> Transport.embedded(() -> {
                    EmbeddedChannel server = new EmbeddedChannel(false, false);
                    servers.add(server);
                    return server;
                }));
        client = new EmbeddedChannel(new ClientSession(engine.frontends().get(0), engine.current(), engine)) {
            @Override
            protected SocketAddress remoteAddress0() {
                return new InetSocketAddress("192.0.2.10", 51234);
            }

            @Override
            protected SocketAddress localAddress0() {
                return new InetSocketAddress("127.0.0.1", 8080);
            }
        };
    }

    /** Sends {@link #REQUEST}, answers it from the newest server connection, and returns the request it got. */
    private String forward() {
        client.writeInbound(ascii(REQUEST));
        EmbeddedChannel server = servers.get(servers.size() - 1);
        String forwarded = readAll(server);
        server.writeInbound(ascii(RESPONSE));
        return forwarded;
    }

    @Test
    void aRequestReachesTheServerAndItsResponseTheClient() throws Exception {
        start("  option forwardfor");
        String forwarded = forward();

        assertTrue(forwarded.startsWith("GET /items?page=2 HTTP/1.1\r\nHost: www.example.com\r\n"), forwarded);
        assertTrue(forwarded.contains("\r\nX-Forwarded-For: 192.0.2.10\r\n"), forwarded);
        assertEquals("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", readAll(client));
        assertTrue(client.isActive(), "keep-alive");
    }

    @Test
    void withoutForwardForTheHeadGoesAsReceived() throws Exception {
        start("");
        assertEquals(REQUEST, forward());
        assertEquals(RESPONSE, readAll(client));
    }

    @Test
    void theNextRequestReusesTheIdleServerConnection() throws Exception {
        start("");
        forward();
        readAll(client);
        forward();

        assertEquals(RESPONSE, readAll(client));
        assertEquals(1, servers.size(), "one server connection for both requests");
        assertTrue(servers.get(0).isActive());
    }

    @Test
    void serverCloseOpensAConnectionPerRequestAndClosesIt() throws Exception {
        start("  option http-server-close");
        String forwarded = forward();
        assertTrue(forwarded.contains("\r\nConnection: close\r\n"), forwarded);
        assertEquals(RESPONSE, readAll(client));
        EmbeddedChannel first = servers.get(0);
        assertFalse(first.isOpen(), "closed after its response");

        forward();
        assertEquals(RESPONSE, readAll(client));
        assertEquals(2, servers.size(), "a new connection for the second request");
        assertFalse(servers.get(1).isOpen());
        assertTrue(client.isActive(), "the client's connection stays open");
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    /** Everything {@code channel} wrote since the last call, released. */
    private static String readAll(EmbeddedChannel channel) {
        StringBuilder text = new StringBuilder();
        for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
            text.append(out.toString(StandardCharsets.US_ASCII));
            out.release();
        }
        return text.toString();
    }
}
