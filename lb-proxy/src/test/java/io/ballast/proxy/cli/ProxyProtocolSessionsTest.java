package io.ballast.proxy.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code show sess} lists a client of an {@code accept-proxy} listener by the address its PROXY header gave. */
@Timeout(30)
class ProxyProtocolSessionsTest {

    @RegisterExtension
    final RunningCli cli = new RunningCli();

    @Test
    void showSessShowsTheHeadersSource() throws Exception {
        int port = RunningCli.freePort();
        cli.start("global\n  stats socket DIR/admin.sock level admin\n"
                + "defaults\n  mode http\n  timeout connect 1s\n  timeout client 5s\n  timeout server 5s\n"
                + "frontend fe\n  bind 127.0.0.1:" + port + " accept-proxy\n  default_backend be\n"
                + "backend be\n  server s1 127.0.0.1:" + cli.server() + "\n");
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            client.getOutputStream().write("PROXY TCP6 2001:db8::5 2001:db8::1 40001 443\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String sessions = cli.send("admin.sock", "show sess\n");
            for (int i = 0; i < 100 && !sessions.contains("fe=fe"); i++) { // the header may not be read yet
                Thread.sleep(20);
                sessions = cli.send("admin.sock", "show sess\n");
            }
            for (int i = 0; i < 100 && !sessions.contains("2001:db8::5"); i++) {
                Thread.sleep(20);
                sessions = cli.send("admin.sock", "show sess\n");
            }
            assertTrue(sessions.lines().anyMatch(l -> l.matches("0x[0-9a-f]+: proto=tcpv6 src=2001:db8::5:40001 fe=fe")),
                    sessions);
        }
    }
}
