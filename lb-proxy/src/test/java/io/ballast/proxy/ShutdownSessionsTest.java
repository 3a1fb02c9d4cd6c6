package io.ballast.proxy;

import io.ballast.core.config.ConfigLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code on-marked-down shutdown-sessions}: a TCP tunnel to a server that its health check marks DOWN is closed,
 * while the same tunnel without the option stays open.
 */
class ShutdownSessionsTest {

    @RegisterExtension
    final RunningBallast running = new RunningBallast();

    /** The server: accepts connections and holds them open, never answering. */
    private ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    /** Where the health check connects; closing it makes the server DOWN. */
    private ServerSocket checkPort;

    @BeforeEach
    void servers() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        checkPort = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    held.add(server.accept());
                }
            } catch (IOException closed) {
                // the test ended
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        checkPort.close();
        for (Socket s : held) {
            s.close();
        }
    }

    private SocketAddress start(String option) throws Exception {
        String cfg = """
                defaults
                  mode tcp
                  timeout connect 1s
                  timeout client 30s
                  timeout server 30s
                listen tunnel
                  bind 127.0.0.1:%d
                  server s 127.0.0.1:%d check port %d inter 100 fall 1 rise 1 %s
                """.formatted(TestConfigs.freePort(), server.getLocalPort(), checkPort.getLocalPort(), option);
        return running.start(ConfigLoader.create().parse("sessions.cfg", cfg).config());
    }

    /** Opens a tunnel, waits until the server holds it, then marks the server DOWN. */
    private Socket tunnelThenServerDown(SocketAddress lb) throws Exception {
        Socket client = new Socket();
        client.connect(lb, 2000);
        client.setSoTimeout(1500);
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (held.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(1, held.size(), "the tunnel reached the server");
        checkPort.close();
        return client;
    }

    @Test
    void shutdownSessionsClosesTunnelsToAServerMarkedDown() throws Exception {
        try (Socket client = tunnelThenServerDown(start("on-marked-down shutdown-sessions"))) {
            InputStream in = client.getInputStream();
            int r;
            try {
                r = in.read();
            } catch (java.net.SocketException reset) {
                r = -1;
            }
            assertEquals(-1, r, "the client's connection is closed when the server goes DOWN");
        }
    }

    @Test
    void withoutTheOptionTunnelsOutliveTheServersState() throws Exception {
        try (Socket client = tunnelThenServerDown(start(""))) {
            Thread.sleep(500); // several check intervals: the server is DOWN by now
            assertThrows(SocketTimeoutException.class, () -> client.getInputStream().read());
        }
    }
}
