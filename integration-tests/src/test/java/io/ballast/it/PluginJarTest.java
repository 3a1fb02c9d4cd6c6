package io.ballast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.balance.PinnedServerProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A user's balancing algorithm in a jar of its own, put on the class path next to ballast.jar, works
 * from a configuration file ({@code balance pinned web02}) with no change to Ballast, in front of real
 * Apache servers; its argument errors are reported by {@code -c} with file:line.
 */
@ExtendWith(TestNames.class)
class PluginJarTest {

    private Path dir;
    private ApacheServer web01;
    private ApacheServer web02;
    private BallastProcess ballast;

    @BeforeEach
    void setUp() throws IOException {
        ApacheServer.assumeInstalled();
        dir = Reaper.trackDir(Files.createTempDirectory("ballast-plugin-"));
        web01 = ApacheServer.create("web01");
        web02 = ApacheServer.create("web02");
        web01.start();
        web02.start();
    }

    @AfterEach
    void tearDown() {
        if (ballast != null) {
            ballast.close();
        }
        web01.close();
        web02.close();
        ApacheServer.deleteTree(dir);
    }

    /** Packs the provider's class and its ServiceLoader registration into a jar, as its author would. */
    private Path pluginJar() throws IOException {
        Path jar = dir.resolve("pinned-balancer.jar");
        String classFile = PinnedServerProvider.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(classFile));
            try (var in = PinnedServerProvider.class.getClassLoader().getResourceAsStream(classFile)) {
                in.transferTo(out);
            }
            out.putNextEntry(new JarEntry("META-INF/services/io.ballast.core.balance.BalanceAlgorithmProvider"));
            out.write((PinnedServerProvider.class.getName() + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        return jar;
    }

    private Path config(int port, String balance) throws IOException {
        Path cfg = dir.resolve("plugin.cfg");
        Files.writeString(cfg, String.join("\n",
                "defaults",
                "    mode http",
                "    timeout connect 5s",
                "    timeout client 10s",
                "    timeout server 10s",
                "frontend fe",
                "    bind 127.0.0.1:" + port,
                "    default_backend be",
                "backend be",
                "    " + balance,
                "    server web01 127.0.0.1:" + web01.port() + " check",
                "    server web02 127.0.0.1:" + web02.port() + " check",
                ""));
        return cfg;
    }

    @Test
    void balanceLineUsesTheAlgorithmFromTheUsersJar() throws IOException {
        int port = Net.freePort();
        ballast = BallastProcess.startWithClassPath(config(port, "balance pinned web02"), port, pluginJar());
        for (int i = 0; i < 6; i++) {
            RawHttp.Response r = RawHttp.getClose(port, "/");
            assertEquals(200, r.status(), () -> ballast.output());
            assertTrue(r.bodyText().contains("web02"), r::bodyText);
        }
    }

    @Test
    void thePlugInsArgumentErrorsAreReportedWithFileAndLine() throws IOException {
        BallastProcess.Result r = BallastProcess.checkWithClassPath(config(Net.freePort(), "balance pinned"), pluginJar());
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.output().contains("plugin.cfg:10] : 'balance' : 'pinned' expects the name of one server"), r.output());
    }
}
