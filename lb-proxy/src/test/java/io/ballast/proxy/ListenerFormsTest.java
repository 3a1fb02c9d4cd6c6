package io.ballast.proxy;

import io.ballast.core.config.BallastConfig;
import io.ballast.core.config.BindConfig;
import io.ballast.core.config.Endpoint;
import io.ballast.core.config.FdEndpoint;
import io.ballast.core.config.FrontendConfig;
import io.ballast.core.config.InetEndpoint;
import io.ballast.core.config.UnixEndpoint;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Socket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every listener form reaches the same backend: IPv6, UNIX sockets, inherited sockets (fd@). */
class ListenerFormsTest {

    private TestBackend web;
    @RegisterExtension
    final RunningBallast running = new RunningBallast();

    @BeforeEach
    void backend() throws Exception {
        web = new TestBackend("web01");
    }

    @AfterEach
    void stop() {
        web.close();
    }

    private void start(Endpoint endpoint) throws IOException, io.ballast.core.config.ConfigException {
        start(TestConfigs.http(TestConfigs.server("web01", web.port())), endpoint);
    }

    private void start(BallastConfig base, Endpoint... endpoints) throws IOException, io.ballast.core.config.ConfigException {
        FrontendConfig f = base.frontends().get(0);
        List<BindConfig> binds = java.util.Arrays.stream(endpoints).map(e -> new BindConfig(e, null, TestConfigs.HERE)).toList();
        FrontendConfig bound = new FrontendConfig(f.name(), f.mode(), binds,
                f.defaultBackend(), f.timeouts(), f.maxconn(), f.forwardFor(), f.connectionMode(), f.httpLog(),
                f.dontLogNull(), f.logs(), f.errorFiles(), f.rules(), f.location(), f.logFormat());
        running.start(new BallastConfig(base.global(), List.of(bound), base.backends(), base.userlists()));
    }

    private static String exchange(SocketChannel channel) throws IOException {
        channel.write(ByteBuffer.wrap("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        ByteBuffer buf = ByteBuffer.allocate(4096);
        while (channel.read(buf) >= 0) {
            if (!buf.hasRemaining()) {
                break;
            }
        }
        return new String(buf.array(), 0, buf.position(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void ipv6Loopback() throws Exception {
        InetAddress v6;
        try {
            v6 = InetAddress.getByName("::1");
            try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, v6)) {
                assumeTrue(probe.isBound());
            }
        } catch (IOException e) {
            assumeTrue(false, "no IPv6 loopback on this machine");
            return;
        }
        start(new InetEndpoint("[::1]:0", "::1", InetEndpoint.AddressFamily.IPV6, 0, 0));
        InetSocketAddress bound = (InetSocketAddress) running.get().boundAddresses().get(0);
        try (SocketChannel c = SocketChannel.open(new InetSocketAddress(v6, bound.getPort()))) {
            assertTrue(exchange(c).endsWith("web01"));
        }
    }

    @Test
    void unixSocket(@TempDir Path dir) throws Exception {
        assumeTrue(Epoll.isAvailable(), "UNIX listeners need epoll");
        Path socket = dir.resolve("ballast.sock");
        start(new UnixEndpoint("unix@" + socket, socket.toString()));
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(socket));
            assertTrue(exchange(c).endsWith("web01"));
        }
    }

    @Test
    void inheritedListeningSocket() throws Exception {
        assumeTrue(Epoll.isAvailable(), "fd@ listeners need epoll");
        Socket listening = Socket.newSocketStream();
        listening.bind(new InetSocketAddress("127.0.0.1", 0));
        listening.listen(16);
        int port = listening.localAddress().getPort();
        start(new FdEndpoint("fd@" + listening.intValue(), listening.intValue()));
        try (SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
            String response = exchange(c);
            assertEquals("HTTP/1.1 200", response.substring(0, 12));
            assertTrue(response.endsWith("web01"));
        }
    }

    @Test
    void serverWithoutPortUsesTheClientsPortAndIsNeverPooledAcrossPorts() throws Exception {
        try (TestBackend second = new TestBackend("web02")) {
            int p1 = web.port();
            int p2 = second.port();
            io.ballast.core.config.ServerConfig portless = new io.ballast.core.config.ServerConfig("s",
                    new InetEndpoint("127.0.0.1", "127.0.0.1", InetEndpoint.AddressFamily.ANY, 0, 0), 1, false, false,
                    0, false, 0, 2000, 0, 0, 2, 3, TestConfigs.HERE, io.ballast.core.config.ServerCheckSettings.DEFAULTS);
            start(TestConfigs.http(portless),
                    new InetEndpoint("127.0.0.2:" + p1, "127.0.0.2", InetEndpoint.AddressFamily.IPV4, p1, p1),
                    new InetEndpoint("127.0.0.2:" + p2, "127.0.0.2", InetEndpoint.AddressFamily.IPV4, p2, p2));
            for (int i = 0; i < 3; i++) {
                for (int port : new int[] {p1, p2}) {
                    try (RawClient c = new RawClient(new InetSocketAddress("127.0.0.2", port))) {
                        assertEquals(port == p1 ? "web01" : "web02", c.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n").read().body());
                    }
                }
            }
        }
    }

    @Test
    void ipv4WildcardDoesNotAcceptIpv6Clients() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, v6)) {
            assumeTrue(probe.isBound());
        } catch (IOException e) {
            assumeTrue(false, "no IPv6 loopback on this machine");
        }
        start(new InetEndpoint("*:0", null, InetEndpoint.AddressFamily.ANY, 0, 0));
        int port = ((InetSocketAddress) running.get().boundAddresses().get(0)).getPort();
        try (SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
            assertTrue(exchange(c).endsWith("web01"));
        }
        org.junit.jupiter.api.Assertions.assertThrows(java.net.ConnectException.class,
                () -> SocketChannel.open(new InetSocketAddress(v6, port)).close(),
                "bind *:port listens on IPv4 only, as HAProxy");
    }
}
