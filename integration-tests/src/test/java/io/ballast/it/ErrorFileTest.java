package io.ballast.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A backend with no usable server answers 503 with the seed's {@code errorfile 503} content. */
@ExtendWith(TestNames.class)
class ErrorFileTest {
    static final Path ERRORFILE_503 = Path.of("/etc/haproxy/errors/503.http");
    private Path dir;
    private BallastProcess ballast;

    @BeforeEach
    void setUp() throws IOException {
        dir = Reaper.trackDir(Files.createTempDirectory("ballast-errorfile-"));
    }

    @AfterEach
    void tearDown() {
        if (ballast != null) {
            ballast.close();
        }
        ApacheServer.deleteTree(dir);
    }

    @Test
    void noUsableServerAnswers503WithTheErrorfile() throws IOException {
        assertTrue(Files.isReadable(ERRORFILE_503), ERRORFILE_503 + " missing: install the haproxy package (.ci/run does)");
        // both servers on ports where nothing listens: checks fail, both go DOWN
        SeedConfig cfg = SeedConfig.forServers(Net.LOOPBACK + ":" + Net.freePort(), Net.LOOPBACK + ":" + Net.freePort())
                .withDefaultServer("inter 200");
        ballast = BallastProcess.start(cfg.writeTo(dir), cfg.frontendPort());
        ballast.awaitStderr("Server haproxy_in/web01 is DOWN", Duration.ofSeconds(10));
        ballast.awaitStderr("Server haproxy_in/web02 is DOWN", Duration.ofSeconds(10));

        byte[] file = Files.readAllBytes(ERRORFILE_503);
        String text = new String(file, StandardCharsets.ISO_8859_1);
        int split = text.indexOf("\r\n\r\n");
        String[] head = text.substring(0, split).split("\r\n");
        byte[] body = Arrays.copyOfRange(file, split + 4, file.length);

        for (boolean close : new boolean[] {true, false}) {
            try (RawHttp conn = new RawHttp(cfg.frontendPort())) {
                RawHttp.Response r = conn.get("/", close);
                assertEquals(503, r.status(), r.toString());
                assertArrayEquals(body, r.body(), () -> "body is not the errorfile's:\n" + r.bodyText());
                for (int i = 1; i < head.length; i++) {
                    String name = head[i].substring(0, head[i].indexOf(':'));
                    if (name.equalsIgnoreCase("Connection")) {
                        continue; // hop-by-hop: HAProxy manages it itself (2.6 drops it from errorfiles)
                    }
                    String value = head[i].substring(head[i].indexOf(':') + 1).trim();
                    assertEquals(value.toLowerCase(Locale.ROOT), r.header(name).orElse("<missing>").toLowerCase(Locale.ROOT),
                            "header " + name + " from the errorfile; response " + r);
                }
            }
        }
    }
}
