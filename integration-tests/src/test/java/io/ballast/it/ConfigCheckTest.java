package io.ballast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code -c} on broken variants of the seed: exit status 1 and a {@code file:line} diagnostic. */
@ExtendWith(TestNames.class)
class ConfigCheckTest {
    private Path dir;
    private SeedConfig seed;

    @BeforeEach
    void setUp() throws IOException {
        dir = Reaper.trackDir(Files.createTempDirectory("ballast-check-"));
        seed = SeedConfig.forServers(Net.LOOPBACK + ":" + Net.freePort(), Net.LOOPBACK + ":" + Net.freePort());
    }

    @AfterEach
    void tearDown() {
        ApacheServer.deleteTree(dir);
    }

    @Test
    void unknownKeywordIsAnErrorAtItsLine() {
        SeedConfig bad = seed.replace("balance roundrobin\n", "balance roundrobin\n\tbalast_frobnicate on\n");
        String out = assertRejectedAt(bad, bad.lineOf("balast_frobnicate"));
        assertTrue(out.contains("balast_frobnicate"), "names the keyword:\n" + out);
    }

    @Test
    void badServerAddressIsAnErrorAtItsLine() {
        SeedConfig bad = seed.replace("server web02 127.0.0.1:", "server web02 127.0.0.1:notaport#");
        assertRejectedAt(bad, bad.lineOf("server web02"));
    }

    @Test
    void missingDefaultBackendIsAnErrorAtItsLine() {
        SeedConfig bad = seed.replace("default_backend haproxy_in", "default_backend no_such_backend");
        String out = assertRejectedAt(bad, bad.lineOf("default_backend"));
        assertTrue(out.contains("no_such_backend"), "names the missing backend:\n" + out);
    }

    private String assertRejectedAt(SeedConfig config, int line) {
        Path file = config.writeTo(dir);
        BallastProcess.Result r = BallastProcess.check(file);
        assertEquals(1, r.exitCode(), "exit status of -c on a broken file; output:\n" + r.output());
        assertTrue(r.output().contains(file.getFileName() + ":" + line), "expected haproxy.cfg:" + line + " in:\n" + r.output());
        assertFalse(r.output().contains("Configuration file is valid"), r.output());
        return r.output();
    }
}
