package io.ballast.proxy;

import io.ballast.core.config.ConfigLoader;
import io.ballast.core.server.ServerState;
import io.ballast.proxy.tls.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Server {@code send-proxy} and {@code send-proxy-v2} with real sockets: the header is the first bytes of each server
 * connection, carries the client's addresses (those of an {@code accept-proxy} header when there is one), goes before
 * TLS, in TCP mode too; pooled connections are reused only for the same client; health checks send theirs as
 * HAProxy does.
 */
@Timeout(30)
class ProxyProtocolSendTest {

    @RegisterExtension
    final RunningBallast running = new RunningBallast();

    private SocketAddress start(String frontendBind, String backendLines) throws Exception {
        return start("http", frontendBind, backendLines);
    }

    private SocketAddress start(String mode, String frontendBind, String backendLines) throws Exception {
        String cfg = """
                defaults
                  mode %s
                  timeout connect 1s
                  timeout client 5s
                  timeout server 5s
                frontend fe
                  bind 127.0.0.1:%d %s
                  default_backend be
                backend be
                %s
                """.formatted(mode, TestConfigs.freePort(), frontendBind, backendLines);
        return running.start(ConfigLoader.create().parse("send.cfg", cfg).config());
    }

    private static final String REQUEST = "GET / HTTP/1.1\r\nHost: t\r\n\r\n";

    @Test
    void versionOneCarriesTheClientsAddresses() throws Exception {
        try (ProxiedServer server = new ProxiedServer(ProxiedServer.Mode.HTTP)) {
            SocketAddress lb = start("", "  server s 127.0.0.1:" + server.port() + " send-proxy");
            try (RawClient c = new RawClient(lb)) {
                assertEquals("connection 1", c.send(REQUEST).read().body());
                InetSocketAddress client = c.localAddress();
                assertEquals("PROXY TCP4 127.0.0.1 127.0.0.1 " + client.getPort() + " "
                        + ((InetSocketAddress) lb).getPort() + "\r\n", server.nextHeader());
            }
        }
    }

    @Test
    void versionTwoPassesOnTheAddressesAnAcceptProxyHeaderGave() throws Exception {
        try (ProxiedServer server = new ProxiedServer(ProxiedServer.Mode.HTTP)) {
            SocketAddress lb = start("accept-proxy", "  server s 127.0.0.1:" + server.port() + " send-proxy-v2");
            try (RawClient c = new RawClient(lb)) {
                c.send("PROXY TCP4 192.0.2.10 198.51.100.1 40000 8443\r\n" + REQUEST);
                assertEquals("connection 1", c.read().body());
            }
            byte[] expected = ProxyProtocolAcceptTest.v2Tcp4("192.0.2.10", 40000, "198.51.100.1", 8443);
            assertEquals(HexFormat.of().formatHex(expected), server.nextHeader());
        }
    }

    @Test
    void aProxiedConnectionIsReusedOnlyForTheSameClient() throws Exception {
        try (ProxiedServer server = new ProxiedServer(ProxiedServer.Mode.HTTP)) {
            SocketAddress lb = start("", "  http-reuse always\n  server s 127.0.0.1:" + server.port() + " send-proxy");
            try (RawClient a = new RawClient(lb); RawClient b = new RawClient(lb)) {
                assertEquals("connection 1", a.send(REQUEST).read().body());
                assertEquals("connection 1", a.send(REQUEST).read().body(), "a's own connection, reused");
                assertEquals("connection 2", b.send(REQUEST).read().body(), "never a's, though idle");
                assertEquals("connection 2", b.send(REQUEST).read().body());
                assertEquals("connection 1", a.send(REQUEST).read().body());
                assertTrue(server.nextHeader().contains(" " + a.localAddress().getPort() + " "));
                assertTrue(server.nextHeader().contains(" " + b.localAddress().getPort() + " "));
            }
        }
    }

    @Test
    void theHeaderGoesBeforeTls(@TempDir Path dir) throws Exception {
        TestCertificates certs = new TestCertificates(dir);
        certs.leaf("srv", "srv.example", "srv.example");
        certs.openssl("pkcs12", "-export", "-in", "srv.crt", "-inkey", "srv.key", "-out", "srv.p12", "-passout",
                "pass:pw");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("srv.p12"))) {
            keys.load(in, "pw".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "pw".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        try (ProxiedServer server = new ProxiedServer(ProxiedServer.Mode.HTTP, tls)) {
            SocketAddress lb = start("", "  server s 127.0.0.1:" + server.port() + " ssl verify none send-proxy-v2");
            try (RawClient c = new RawClient(lb)) {
                assertEquals("connection 1", c.send(REQUEST).read().body());
                byte[] expected = ProxyProtocolAcceptTest.v2Tcp4("127.0.0.1", c.localAddress().getPort(),
                        "127.0.0.1", ((InetSocketAddress) lb).getPort());
                assertEquals(HexFormat.of().formatHex(expected), server.nextHeader());
            }
        }
    }

    @Test
    void tcpModeServersGetItToo() throws Exception {
        try (ProxiedServer server = new ProxiedServer(ProxiedServer.Mode.ECHO)) {
            SocketAddress lb = start("tcp", "accept-proxy", "  server s 127.0.0.1:" + server.port() + " send-proxy");
            try (Socket s = new Socket()) {
                s.connect(lb, 2000);
                s.setSoTimeout(5000);
                s.getOutputStream().write("PROXY TCP6 2001:db8::5 2001:db8::1 5000 443\r\nping"
                        .getBytes(StandardCharsets.US_ASCII));
                assertEquals("ping", new String(s.getInputStream().readNBytes(4), StandardCharsets.US_ASCII));
            }
            assertEquals("PROXY TCP6 2001:db8::5 2001:db8::1 5000 443\r\n", server.nextHeader());
        }
    }

    @Test
    void healthChecksSendTheirHeaderAsHaproxyDoes() throws Exception {
        try (ProxiedServer v1 = new ProxiedServer(ProxiedServer.Mode.HTTP);
             ProxiedServer v2 = new ProxiedServer(ProxiedServer.Mode.HTTP)) {
            start("", "  option httpchk GET /health\n"
                    + "  server a 127.0.0.1:" + v1.port() + " send-proxy check inter 100\n"
                    + "  server b 127.0.0.1:" + v2.port() + " send-proxy-v2 check inter 100");
            String own = v1.nextHeader(); // the check connection's own addresses, as HAProxy's checks
            assertTrue(own.matches("PROXY TCP4 127\\.0\\.0\\.1 127\\.0\\.0\\.1 \\d+ " + v1.port() + "\r\n"), own);
            assertEquals(HexFormat.of().formatHex(Arrays.copyOf(ProxyProtocolAcceptTest.V2_SIGNATURE, 16))
                    .replaceFirst("00000000$", "20000000"), v2.nextHeader(), "version 2: LOCAL, no address");
            assertTrue(v1.nextRequest().startsWith("GET /health HTTP/1.0\r\n"), "the check's request follows");
            for (String name : List.of("a", "b")) {
                var server = running.get().backends().get(0).server(name);
                for (int i = 0; i < 100 && server.state() != ServerState.UP; i++) {
                    Thread.sleep(50);
                }
                assertEquals(ServerState.UP, server.state(), name + ": its checks pass");
            }
        }
    }

    /**
     * A server that reads the PROXY protocol header each connection starts with (version 1 as its text, version 2
     * as hex), then, after a TLS handshake if it has a context, answers HTTP requests with the connection's number,
     * or echoes.
     */
    private static final class ProxiedServer implements AutoCloseable {

        enum Mode { HTTP, ECHO }

        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final BlockingQueue<String> headers = new LinkedBlockingQueue<>();
        private final BlockingQueue<String> requests = new LinkedBlockingQueue<>();
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();
        private final Mode mode;
        private final SSLContext tls;
        private int connections;

        ProxiedServer(Mode mode) throws IOException {
            this(mode, null);
        }

        ProxiedServer(Mode mode, SSLContext tls) throws IOException {
            this.mode = mode;
            this.tls = tls;
            Thread acceptor = new Thread(this::accept, "proxied-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        String nextHeader() throws InterruptedException {
            String header = headers.poll(5, TimeUnit.SECONDS);
            assertNotNull(header, "a connection with a header");
            return header;
        }

        String nextRequest() throws InterruptedException {
            String request = requests.poll(5, TimeUnit.SECONDS);
            assertNotNull(request, "a request");
            return request;
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    accepted.add(s);
                    int number = ++connections;
                    Thread t = new Thread(() -> serve(s, number));
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket s, int number) {
            try (s) {
                headers.add(readHeader(s.getInputStream()));
                Socket conn = s;
                if (tls != null) {
                    SSLSocket layered = (SSLSocket) tls.getSocketFactory().createSocket(s, null, true);
                    layered.setUseClientMode(false);
                    conn = layered;
                }
                InputStream in = conn.getInputStream();
                OutputStream out = conn.getOutputStream();
                if (mode == Mode.ECHO) {
                    in.transferTo(out);
                    return;
                }
                for (String head; (head = readHead(in)) != null; ) {
                    requests.add(head);
                    byte[] body = ("connection " + number).getBytes(StandardCharsets.US_ASCII);
                    out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                }
            } catch (IOException e) {
                // the client side of the test asserts the outcome
            }
        }

        /** Version 1 as its line, version 2 as hex. */
        private static String readHeader(InputStream in) throws IOException {
            byte[] start = in.readNBytes(16);
            if (start[0] == 'P') {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                line.write(start);
                while (!line.toString(StandardCharsets.US_ASCII).endsWith("\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    line.write(b);
                }
                return line.toString(StandardCharsets.US_ASCII);
            }
            int length = ((start[14] & 0xff) << 8) | (start[15] & 0xff);
            byte[] rest = in.readNBytes(length);
            return HexFormat.of().formatHex(start) + HexFormat.of().formatHex(rest);
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            for (int b; (b = in.read()) >= 0; ) {
                head.write(b);
                if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    return head.toString(StandardCharsets.ISO_8859_1);
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : accepted) {
                s.close();
            }
        }
    }
}
