package io.ballast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code bind fd@${LISTEN_FD}}: Ballast serves on a socket that its parent bound and handed over across
 * exec, as with systemd socket activation, in front of a real Apache.
 */
@ExtendWith(TestNames.class)
class InheritedSocketTest {

    private Path dir;
    private ApacheServer web01;
    private BallastProcess ballast;

    @BeforeEach
    void setUp() throws IOException {
        ApacheServer.assumeInstalled();
        dir = Reaper.trackDir(Files.createTempDirectory("ballast-fd-"));
        web01 = ApacheServer.create("web01");
        web01.start();
    }

    @AfterEach
    void tearDown() {
        if (ballast != null) {
            ballast.close();
        }
        if (web01 != null) {
            web01.close();
        }
        ApacheServer.deleteTree(dir);
    }

    @Test
    void servesOnTheInheritedListeningSocket() throws IOException {
        int port = Net.freePort();
        Path cfg = dir.resolve("fd.cfg");
        Files.writeString(cfg, String.join("\n",
                "defaults",
                "    mode http",
                "    timeout connect 5s",
                "    timeout client 10s",
                "    timeout server 10s",
                "frontend fe",
                "    bind fd@${LISTEN_FD}",
                "    default_backend be",
                "backend be",
                "    server web01 127.0.0.1:" + web01.port(),
                ""));
        ballast = BallastProcess.startWithInheritedSocket(cfg, port);
        // Several connections, so that accepting never blocks even if the inherited socket is blocking.
        for (int i = 0; i < 5; i++) {
            RawHttp.Response r = RawHttp.getClose(port, "/");
            assertEquals(200, r.status(), () -> ballast.output());
            assertTrue(r.bodyText().contains("web01"), r::bodyText);
        }
    }
}
