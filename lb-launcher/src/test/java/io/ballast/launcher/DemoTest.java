package io.ballast.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ballast.core.config.BallastConfig;
import io.ballast.core.config.ConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoTest {

    @Test
    void configurationHasTheWalkthroughShapeWithTheDemoAddresses() throws Exception {
        String cfg = Demo.configuration(8080, 40001, 40002);
        for (String line : List.of("global", "defaults", "frontend haproxy_in", "backend haproxy_in",
                "\tbind 127.0.0.1:8080", "\tdefault_backend haproxy_in", "\tbalance roundrobin",
                "\tserver web01 127.0.0.1:40001 check", "\tserver web02 127.0.0.1:40002 check")) {
            assertTrue(cfg.lines().anyMatch(line::equals), line + " in\n" + cfg);
        }
        for (String absent : List.of("chroot", "user", "group", "daemon", "stats socket", "errorfile")) {
            assertFalse(cfg.lines().anyMatch(l -> l.strip().startsWith(absent)), absent + " in\n" + cfg);
        }
        BallastConfig config = ConfigLoader.create().parse("demo.cfg", cfg).config();
        assertEquals(1, config.frontends().size());
        assertEquals(2, config.backends().get(0).servers().size());
    }

    @Test
    void configurationFollowsTheExampleFile() throws IOException {
        Path example = Path.of("..", "examples", "haproxy.cfg");
        if (!Files.exists(example)) {
            return;
        }
        List<String> kept = Files.readAllLines(example).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .filter(l -> !l.strip().matches("(chroot|user|group|daemon|stats socket|errorfile|log\\s+/dev/log|server|bind)\\b.*"))
                .toList();
        String cfg = Demo.configuration(8080, 1, 2);
        for (String line : kept) {
            assertTrue(cfg.lines().anyMatch(line::equals), "'" + line + "' from examples/haproxy.cfg");
        }
    }

    @Test
    void backendsAnswerWithTheirName() throws Exception {
        try (DemoBackend web01 = DemoBackend.start("web01")) {
            URL url = URI.create("http://127.0.0.1:" + web01.port() + "/").toURL();
            try (InputStream in = url.openStream()) {
                assertEquals("Hello from web01\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }
}
