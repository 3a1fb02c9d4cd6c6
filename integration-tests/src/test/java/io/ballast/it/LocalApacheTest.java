package io.ballast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The walkthrough's scenarios against two local {@code apache2} processes (Debian package), plus the
 * ones that need to restart a server in place or check the seed's configuration.
 */
class LocalApacheTest extends RoundRobinScenarios {

    @Override
    WebServer newServer(String name) {
        return ApacheServer.create(name);
    }

    @Test
    void seedConfigPassesCheckWithLegacyTimeoutWarnings() {
        SeedConfig cfg = SeedConfig.forServers(web01, web02);
        BallastProcess.Result r = BallastProcess.check(cfg.writeTo(dir));
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("Configuration file is valid"), r.output());
        for (String[] legacy : List.of(new String[] {"contimeout", "timeout connect"},
                new String[] {"clitimeout", "timeout client"}, new String[] {"srvtimeout", "timeout server"})) {
            String where = "haproxy.cfg:" + cfg.lineOf(legacy[0]);
            assertTrue(r.output().lines().anyMatch(l -> l.contains(legacy[0]) && l.contains(legacy[1]) && l.contains(where)),
                    "expected a warning at " + where + " naming '" + legacy[0] + "' and '" + legacy[1] + "' in:\n" + r.output());
        }
    }

    /**
     * Restart a stopped Apache: after {@code rise} good checks it is back in rotation and strict
     * alternation resumes. Uses {@code default-server inter 500 fall 2 rise 2} to stay short.
     */
    @Test
    void restartedServerComesBackIntoRotation() {
        SeedConfig cfg = SeedConfig.forServers(web01, web02).withDefaultServer("inter 500 fall 2 rise 2");
        BallastProcess ballast = startBallast(cfg);
        int port = cfg.frontendPort();
        assertAlternates(requests(port, 4));

        web02.stop();
        Duration toDown = ballast.awaitStderr(DOWN_WEB02, Duration.ofSeconds(10));
        assertEquals(List.of("web01", "web01", "web01", "web01"), requests(port, 4));

        long restarted = System.nanoTime();
        web02.start();
        ballast.awaitStderr(UP_WEB02, Duration.ofSeconds(10));
        Duration toUp = Duration.ofNanos(System.nanoTime() - restarted);
        report("LocalApacheTest restart (inter 500 fall 2 rise 2): DOWN after " + toDown.toMillis() + " ms, UP "
                + toUp.toMillis() + " ms after restart");
        assertTrue(toUp.compareTo(Duration.ofMillis(400)) >= 0,
                "UP after only " + toUp.toMillis() + " ms: rise 2 × inter 500ms needs 2 good checks");
        String upLine = ballast.stderr().lines().filter(l -> l.contains(UP_WEB02)).findFirst().orElseThrow();
        assertTrue(upLine.contains("Layer4 check passed"), upLine);
        assertAlternates(requests(port, 10));
    }
}
