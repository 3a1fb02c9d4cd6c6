package io.ballast.proxy;

import io.ballast.core.config.ConfigLoader;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Socket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetSocketAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code option tcp-smart-accept} turns quick ACKs off on the listening socket (read back with getsockopt, which
 * tells whether the socket acknowledges at once), and a request is still answered through it.
 */
class SmartAcceptTest {

    private static final int IPPROTO_TCP = 6;
    private static final int TCP_QUICKACK = 12;

    @RegisterExtension
    final RunningBallast running = new RunningBallast();
    private TestBackend web;

    @BeforeEach
    void backend() throws Exception {
        assumeTrue(Epoll.isAvailable(), "TCP_QUICKACK is set through the epoll transport (Linux)");
        web = new TestBackend("web01");
    }

    @AfterEach
    void stop() {
        if (web != null) {
            web.close();
        }
    }

    private int quickAckOnListener(String mode, String option) throws Exception {
        String cfg = String.join("\n", "defaults", "  mode " + mode, "  timeout connect 5s", "  timeout client 5s",
                "  timeout server 5s", option, "listen l", "  bind 127.0.0.1:" + TestConfigs.freePort(), "  server web01 127.0.0.1:" + web.port(), "");
        InetSocketAddress address = (InetSocketAddress) running.start(ConfigLoader.create().parse("t.cfg", cfg).config());
        try (RawClient client = new RawClient(address)) {
            assertEquals("web01", client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n").read().body());
        }
        List<Integer> fds = running.get().engine().listenerDescriptors();
        assertEquals(1, fds.size());
        return new Socket(fds.get(0)).getIntOpt(IPPROTO_TCP, TCP_QUICKACK);
    }

    @Test
    void offByDefaultInHttpMode() throws Exception {
        assertEquals(0, quickAckOnListener("http", ""));
    }

    @Test
    void leftOnWhenTurnedOff() throws Exception {
        assertEquals(1, quickAckOnListener("http", "  no option tcp-smart-accept"));
    }

    @Test
    void leftOnInTcpModeUnlessAsked() throws Exception {
        assertEquals(1, quickAckOnListener("tcp", ""));
        running.afterEach(null);
        assertEquals(0, quickAckOnListener("tcp", "  option tcp-smart-accept"));
    }
}
