package io.ballast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ballast explain} on the seed configuration with the walkthrough's blog ACL added: the real jar prints
 * the ACL, its result and the backend chosen, and binds nothing (the frontend's port is held by the test).
 */
@ExtendWith(TestNames.class)
class ExplainCommandTest {
    private Path dir;
    private SeedConfig seed;

    @BeforeEach
    void setUp() throws IOException {
        assumeFalse(BallastProcess.referenceMode(), "explain is Ballast's own command");
        dir = Reaper.trackDir(Files.createTempDirectory("ballast-explain-"));
        String web02 = "server web02 " + Net.LOOPBACK + ":" + Net.freePort() + " check";
        seed = SeedConfig.forServers(Net.LOOPBACK + ":" + Net.freePort(), web02.split(" ")[2])
                .replace("\tdefault_backend haproxy_in\n",
                        "\tacl url_blog path_beg /blog\n\tuse_backend blog if url_blog\n\tdefault_backend haproxy_in\n")
                .replace(web02, web02 + "\n\nbackend blog\n\tserver blog01 " + Net.LOOPBACK + ":" + Net.freePort());
    }

    @AfterEach
    void tearDown() {
        if (dir != null) {
            ApacheServer.deleteTree(dir);
        }
    }

    @Test
    void namesTheAclItsResultAndTheBackendWithoutBindingTheFrontendPort() throws IOException {
        Path cfg = seed.writeTo(dir);
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(seed.frontendPort()));
            BallastProcess.Result r = BallastProcess.run("explain", "-f", cfg.toString(), "GET /blog/x", "-H", "Host: a");
            assertEquals(0, r.exitCode(), r.output());
            String out = r.output();
            int useBackend = seed.lineOf("use_backend");
            assertTrue(out.contains("frontend: haproxy_in at " + cfg + ":" + seed.lineOf("frontend")
                    + " (the first HTTP frontend)"), out);
            assertTrue(out.contains("  " + cfg + ":" + useBackend + "  use_backend blog if url_blog\n"
                    + "    if url_blog\n"
                    + "      url_blog -> true\n"
                    + "      => true\n"
                    + "    matched: backend blog\n"
                    + "backend blog (named by the use_backend above)\n"
                    + "  balance roundrobin: server blog01"), out);
            assertTrue(out.contains("result: forwarded to blog/blog01"), out);

            BallastProcess.Result other = BallastProcess.run("explain", "-f", cfg.toString(), "GET /about", "-H", "Host: a");
            assertEquals(0, other.exitCode(), other.output());
            assertTrue(other.output().contains("      url_blog -> false"), other.output());
            assertTrue(other.output().contains("backend haproxy_in (default_backend)"), other.output());
            assertTrue(other.output().contains("result: forwarded to haproxy_in/web01"), other.output());
        }
    }
}
