package io.ballast.health;

import io.ballast.core.server.ServerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The built-in protocol checks against real servers started by the tests (mariadbd, slapd, openssl s_server, a
 * Python SMTP server) and, for PostgreSQL, an in-test server answering with the protocol's exact bytes. Wording
 * as HAProxy 2.6.12 logs it against the same servers.
 */
class ProtocolCheckTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final byte[] HTTP_400 = "HTTP/1.0 400 Bad request\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;

    private <T extends AutoCloseable> T track(T c) {
        return closer.track(c);
    }

    private static String user() {
        return System.getProperty("user.name");
    }

    private LocalServer mariadb() throws Exception {
        Path data = dir.resolve("data");
        LocalServer.run(dir, List.of("/usr/bin/mariadb-install-db", "--no-defaults", "--datadir=" + data,
                "--user=" + user(), "--auth-root-authentication-method=normal", "--skip-test-db"));
        int port = Listener.freePort();
        return track(new LocalServer(port, dir, List.of("/usr/sbin/mariadbd", "--no-defaults", "--datadir=" + data,
                "--user=" + user(), "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("sock"),
                "--skip-log-bin", "--innodb-buffer-pool-size=8M")));
    }

    @Test
    void mysqlCheckReadsTheGreetingAndLogsIn() throws Exception {
        int port = mariadb().port;
        ConfiguredChecks c = track(new ConfiguredChecks(
                "backend b1", "  mode tcp", "  option mysql-check", "  server s 127.0.0.1:" + port + " check inter 300",
                "backend b2", "  mode tcp", "  option mysql-check user root",
                "  server s 127.0.0.1:" + port + " check inter 300",
                "backend b3", "  mode tcp", "  option mysql-check user root pre-41",
                "  server s 127.0.0.1:" + port + " check inter 300",
                "backend b4", "  mode tcp", "  option mysql-check user nobodyx",
                "  server s 127.0.0.1:" + port + " check inter 300 fall 1"));
        long t = System.nanoTime();
        c.awaitState("b4/s", ServerState.DOWN, t, WAIT);
        assertEquals("Server b4/s is DOWN, reason: Layer7 wrong status, code: 1045, info: \"#28000Access denied for "
                + "user 'nobodyx'@'localhost' (using password: NO)\", check duration: Nms. 0 active and 0 backup "
                + "servers left. 0 sessions active, 0 requeued, 0 remaining in queue.",
                c.log.await("b4/s is DOWN", WAIT).normalized());
        Thread.sleep(700);
        for (String s : List.of("b1/s", "b2/s", "b3/s")) {
            assertEquals(ServerState.UP, c.server(s).state(), s);
        }
        assertEquals(2, c.log.events.size(), () -> "unexpected " + c.log.events); // DOWN, then no server left
    }

    @Test
    void ldapCheckBindsAnonymously() throws Exception {
        int port = Listener.freePort();
        Files.writeString(dir.resolve("slapd.conf"), "pidfile " + dir.resolve("slapd.pid") + "\n");
        int ldap = track(new LocalServer(port, dir, List.of("/usr/sbin/slapd", "-d", "0", "-h",
                "ldap://127.0.0.1:" + port + "/", "-f", dir.resolve("slapd.conf").toString()))).port;
        int web = track(new OneReplyServer(HTTP_400)).port();
        ConfiguredChecks c = track(new ConfiguredChecks(
                "backend b1", "  mode tcp", "  option ldap-check", "  server s 127.0.0.1:" + ldap + " check inter 300",
                "backend b2", "  mode tcp", "  option ldap-check",
                "  server s 127.0.0.1:" + web + " check inter 300 fall 1"));
        assertEquals("Server b2/s is DOWN, reason: Layer7 invalid response, info: \"Not LDAPv3 protocol\", check "
                + "duration: Nms. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in "
                + "queue.", c.log.await("b2/s is DOWN", WAIT).normalized());
        Thread.sleep(700);
        assertEquals(ServerState.UP, c.server("b1/s").state());
        assertEquals(2, c.log.events.size(), () -> "unexpected " + c.log.events); // DOWN, then no server left
    }

    @Test
    void sslHelloCheckWantsATlsRecord() throws Exception {
        LocalServer.run(dir, List.of("/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                "k.pem", "-out", "c.pem", "-days", "1", "-subj", "/CN=ballast"));
        int port = Listener.freePort();
        int tls = track(new LocalServer(port, dir, List.of("/usr/bin/openssl", "s_server", "-accept",
                "127.0.0.1:" + port, "-key", "k.pem", "-cert", "c.pem", "-quiet"))).port;
        int web = track(new OneReplyServer(HTTP_400)).port();
        ConfiguredChecks c = track(new ConfiguredChecks(
                "backend b1", "  mode tcp", "  option ssl-hello-chk", "  server s 127.0.0.1:" + tls + " check inter 300",
                "backend b2", "  mode tcp", "  option ssl-hello-chk",
                "  server s 127.0.0.1:" + web + " check inter 300 fall 1"));
        assertEquals("Server b2/s is DOWN, reason: Layer6 invalid response, check duration: Nms. 0 active and 0 backup "
                + "servers left. 0 sessions active, 0 requeued, 0 remaining in queue.",
                c.log.await("b2/s is DOWN", WAIT).normalized());
        Thread.sleep(700);
        assertEquals(ServerState.UP, c.server("b1/s").state());
        assertEquals(2, c.log.events.size(), () -> "unexpected " + c.log.events); // DOWN, then no server left
    }

    @Test
    void smtpCheckGreetsTheServer() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Files.writeString(dir.resolve("smtp.py"), String.join("\n",
                "import asyncio, sys",
                "async def serve(r, w):",
                "    w.write(b'220 ballast ESMTP ready\\r\\n'); await w.drain()",
                "    line = await r.readline()",
                "    if line.startswith(b'EHLO'):",
                "        w.write(b'250-ballast greets you\\r\\n250 SIZE 1000\\r\\n')",
                "    else:",
                "        w.write(b'501 5.5.4 only EHLO here\\r\\n')",
                "    await w.drain(); w.close()",
                "async def main():",
                "    s = await asyncio.start_server(serve, '127.0.0.1', int(sys.argv[1]))",
                "    await s.serve_forever()",
                "asyncio.run(main())", ""));
        int port = Listener.freePort();
        track(new LocalServer(port, dir, List.of(python.toString(), "smtp.py", Integer.toString(port))));
        ConfiguredChecks c = track(new ConfiguredChecks(
                "backend b1", "  mode tcp", "  option smtpchk EHLO ballast.test",
                "  server s 127.0.0.1:" + port + " check inter 300",
                "backend b2", "  mode tcp", "  option smtpchk", "  server s 127.0.0.1:" + port + " check inter 300 fall 1"));
        assertEquals("Server b2/s is DOWN, reason: Layer7 wrong status, code: 501, info: \"5.5.4 only EHLO here\", "
                + "check duration: Nms. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining "
                + "in queue.", c.log.await("b2/s is DOWN", WAIT).normalized());
        Thread.sleep(700);
        assertEquals(ServerState.UP, c.server("b1/s").state());
        assertEquals(2, c.log.events.size(), () -> "unexpected " + c.log.events); // DOWN, then no server left
    }

    @Test
    void pgsqlCheckWantsAnAuthenticationRequest() throws Exception {
        // AuthenticationOk, then an ErrorResponse as PostgreSQL 15 sends for an unknown role.
        int ok = track(new OneReplyServer(HexFormat.of().parseHex("520000000800000000"))).port();
        int denied = track(new OneReplyServer(HexFormat.of().parseHex("450000004a534641" + "54414c00"
                + "5646415441 4c00433238303030004d726f6c6520226e6f626f647922 20646f6573206e6f74206578697374000000"
                .replace(" ", "")))).port();
        ConfiguredChecks c = track(new ConfiguredChecks(
                "backend b1", "  mode tcp", "  option pgsql-check user ballast",
                "  server s 127.0.0.1:" + ok + " check inter 300",
                "backend b2", "  mode tcp", "  option pgsql-check user nobody",
                "  server s 127.0.0.1:" + denied + " check inter 300 fall 1"));
        assertEquals("Server b2/s is DOWN, reason: Layer7 invalid response, info: \"FATAL\", check duration: Nms. 0 "
                + "active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.",
                c.log.await("b2/s is DOWN", WAIT).normalized());
        Thread.sleep(700);
        assertEquals(ServerState.UP, c.server("b1/s").state());
    }

    /** Answers every connection with fixed bytes once the client's first bytes arrived, then closes. */
    private static final class OneReplyServer implements AutoCloseable {
        private final ServerSocket socket;

        OneReplyServer(byte[] reply) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket s = socket.accept(); InputStream in = s.getInputStream();
                         OutputStream out = s.getOutputStream()) {
                        in.read(new byte[512]);
                        out.write(reply);
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
