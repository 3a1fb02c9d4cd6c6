package io.ballast.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The walkthrough's core scenarios against two real web servers, whatever runs them: a subclass
 * supplies the servers ({@link #newServer}). Ballast runs the seed configuration with only the
 * addresses rewritten.
 */
@ExtendWith(TestNames.class)
abstract class RoundRobinScenarios {
    static final String DOWN_WEB02 = "Server haproxy_in/web02 is DOWN, reason: Layer4 connection problem";
    static final String UP_WEB02 = "Server haproxy_in/web02 is UP";

    WebServer web01;
    WebServer web02;
    Path dir;
    private final Cleanup cleanup = new Cleanup();

    /** A stopped server whose index page names {@code name}. */
    abstract WebServer newServer(String name);

    @BeforeEach
    void startServers() throws IOException {
        dir = Reaper.trackDir(Files.createTempDirectory("ballast-it-"));
        web01 = track(newServer("web01"));
        web02 = track(newServer("web02"));
        web01.start();
        web02.start();
    }

    @AfterEach
    void cleanUp() {
        try {
            cleanup.close();
        } finally {
            ApacheServer.deleteTree(dir);
        }
    }

    <T extends AutoCloseable> T track(T resource) {
        return cleanup.track(resource);
    }

    BallastProcess startBallast(SeedConfig config) {
        return track(BallastProcess.start(config.writeTo(dir), config.frontendPort()));
    }

    // ---------------------------------------------------------------- scenarios

    @Test
    void roundRobinAlternatesOverOneKeepAliveConnection() {
        SeedConfig cfg = SeedConfig.forServers(web01, web02);
        startBallast(cfg);
        List<String> served = new ArrayList<>();
        try (RawHttp conn = new RawHttp(cfg.frontendPort())) {
            for (int i = 0; i < 10; i++) {
                RawHttp.Response r = conn.get("/", false);
                assertEquals(200, r.status(), r.toString());
                assertTrue(conn.reusable(), "keep-alive connection closed after request " + (i + 1) + ": " + r);
                served.add(r.servedBy());
            }
        }
        assertAlternates(served);
    }

    @Test
    void roundRobinAlternatesWithConnectionClose() {
        SeedConfig cfg = SeedConfig.forServers(web01, web02);
        startBallast(cfg);
        assertAlternates(requests(cfg.frontendPort(), 10));
    }

    /**
     * Stop web02 while traffic flows: it is marked DOWN after {@code fall} (3) failed checks every
     * {@code inter} (2 s) — the seed's defaults — with HAProxy's log line, then only web01 answers and
     * no request fails. 5xx during the transition are recorded, not asserted.
     */
    @Test
    void stoppedServerIsMarkedDownAndOnlyTheOtherAnswersWithout5xx() {
        SeedConfig cfg = SeedConfig.forServers(web01, web02);
        BallastProcess ballast = startBallast(cfg);
        int port = cfg.frontendPort();
        assertAlternates(requests(port, 4));

        Duration toDown;
        List<Load.Outcome> transition;
        List<Load.Outcome> afterDown;
        try (Load load = new Load(port)) {
            // HAProxy starts a server at health == rise ("up, but will fall down at first failure"); it needs
            // fall-1 more good checks to be fully up, so that it then takes `fall` failures to go down.
            // Keep traffic flowing for those checks: the first one comes within one inter, then one per inter.
            long started = System.nanoTime();
            Duration warmUp = Duration.ofMillis(2 * 2_000 + 1_000);
            Net.await(() -> System.nanoTime() - started >= warmUp.toNanos(), warmUp.plusSeconds(1), () -> "warm-up");
            List<Load.Outcome> warm = load.snapshot();
            assertTrue(warm.size() >= 20, "warm-up traffic: " + summary(warm));
            assertTrue(warm.stream().allMatch(o -> o.status() == 200), "warm-up: " + summary(warm));
            assertTrue(warm.stream().anyMatch(o -> o.server().equals("web02")), "warm-up: " + summary(warm));
            long transitionStart = warm.get(warm.size() - 1).startNanos() + 1; // the first request not judged above
            long stopped = System.nanoTime();
            web02.stop();
            ballast.awaitStderr(DOWN_WEB02, Duration.ofSeconds(20));
            long down = System.nanoTime();
            toDown = Duration.ofNanos(down - stopped);
            Net.await(() -> load.countStartedAfter(down) >= 20, Duration.ofSeconds(20), () -> "20 requests after DOWN");
            load.finish();
            transition = load.startedBetween(transitionStart, down);
            afterDown = load.startedBetween(down, Long.MAX_VALUE);
        }
        long transition5xx = transition.stream().filter(Load.Outcome::isServerError).count();
        report(getClass().getSimpleName() + " failover (seed inter 2s fall 3): DOWN after " + toDown.toMillis()
                + " ms; during transition " + transition.size() + " requests, " + transition5xx + " 5xx/errors "
                + summary(transition) + "; after DOWN " + afterDown.size() + " requests " + summary(afterDown));

        assertTrue(toDown.compareTo(Duration.ofMillis(3_500)) >= 0,
                "DOWN after only " + toDown.toMillis() + " ms: fall 3 × inter 2s needs 3 failed checks (≥ 4 s)");
        for (Load.Outcome o : afterDown) {
            assertEquals(200, o.status(), "request after DOWN failed: " + o + "; all after DOWN: " + afterDown);
            assertEquals("web01", o.server(), "after DOWN only web01 may answer: " + afterDown);
        }
        assertEquals(List.of("web01", "web01", "web01", "web01"), requests(port, 4));
        try (RawHttp conn = new RawHttp(port)) {
            for (int i = 0; i < 4; i++) {
                RawHttp.Response r = conn.get("/", false);
                assertEquals(200, r.status(), r.toString());
                assertEquals("web01", r.servedBy());
            }
        }
        String downLine = ballast.stderr().lines().filter(l -> l.contains(DOWN_WEB02)).findFirst().orElseThrow();
        assertTrue(downLine.contains("Connection refused"), "HAProxy names the cause: " + downLine);
    }

    @Test
    void apache404PassesThroughUnchanged() {
        SeedConfig cfg = SeedConfig.forServers(web01, web02);
        startBallast(cfg);
        String path = "/no/such/page.html";
        RawHttp.Response direct = RawHttp.getClose(web01.port(), path);
        assertEquals(404, direct.status(), "the backend's own 404");
        for (int i = 0; i < 2; i++) { // both servers, whichever comes first
            RawHttp.Response proxied = RawHttp.getClose(cfg.frontendPort(), path);
            assertEquals(404, proxied.status(), proxied.toString());
            assertEquals(direct.reason(), proxied.reason());
            assertArrayEquals(direct.body(), proxied.body(), () -> "body differs:\n" + proxied.bodyText());
            assertEquals(direct.header("Content-Type"), proxied.header("Content-Type"));
            assertEquals(direct.header("Content-Length"), proxied.header("Content-Length"));
        }
        try (RawHttp conn = new RawHttp(cfg.frontendPort())) {
            RawHttp.Response proxied = conn.get(path, false);
            assertEquals(404, proxied.status());
            assertArrayEquals(direct.body(), proxied.body());
            assertTrue(conn.reusable(), "a 404 with Content-Length keeps the connection alive");
            assertEquals(200, conn.get("/", false).status(), "next request on the same connection");
        }
    }

    // ---------------------------------------------------------------- helpers

    /** {@code n} requests, each on a new connection with {@code Connection: close}; who served each. */
    static List<String> requests(int port, int n) {
        List<String> served = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RawHttp.Response r = RawHttp.getClose(port, "/");
            assertEquals(200, r.status(), "request " + (i + 1) + ": " + r);
            served.add(r.servedBy());
        }
        return served;
    }

    /** web01 and web02 strictly alternating, equally often. */
    static void assertAlternates(List<String> served) {
        for (int i = 0; i < served.size(); i++) {
            assertTrue(served.get(i).equals("web01") || served.get(i).equals("web02"), "unknown server: " + served);
            if (i > 0) {
                assertTrue(!served.get(i).equals(served.get(i - 1)), "round robin must alternate: " + served);
            }
        }
        Map<String, Long> counts = served.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertEquals(counts.get("web01"), counts.get("web02"), "equal shares: " + counts);
    }

    static String summary(List<Load.Outcome> outcomes) {
        return outcomes.stream().collect(Collectors.groupingBy(Load.Outcome::toString, Collectors.counting())).toString();
    }

    static void report(String line) {
        System.out.println("[ballast-it] " + line);
        try {
            Files.createDirectories(BallastProcess.LOG_DIR);
            Files.writeString(BallastProcess.LOG_DIR.resolve("report.txt"), line + System.lineSeparator(),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
