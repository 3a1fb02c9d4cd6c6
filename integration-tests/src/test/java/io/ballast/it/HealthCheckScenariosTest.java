package io.ballast.it;

import static io.ballast.it.RoundRobinScenarios.assertAlternates;
import static io.ballast.it.RoundRobinScenarios.report;
import static io.ballast.it.RoundRobinScenarios.requests;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
 * Health checks end to end: the real jar in front of two real Apaches (the walkthrough's configuration plus
 * check options), each scenario asserting the state reached, HAProxy's log line, and when it was reached
 * against HAProxy's schedule ({@link CheckSchedule}). Run with {@code -Dballast.reference=haproxy} to check the
 * scenarios and timings against HAProxy itself.
 */
@ExtendWith(TestNames.class)
class HealthCheckScenariosTest {
    private static final String BE = "Server haproxy_in/";
    private static final Duration LINE_TIMEOUT = Duration.ofSeconds(10);

    private final Cleanup cleanup = new Cleanup();
    private ApacheServer web01;
    private ApacheServer web02;
    private Path dir;

    @BeforeEach
    void startServers() throws IOException {
        ApacheServer.assumeInstalled();
        dir = Reaper.trackDir(Files.createTempDirectory("ballast-health-it-"));
        web01 = cleanup.track(ApacheServer.create("web01"));
        web02 = cleanup.track(ApacheServer.create("web02"));
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

    private BallastProcess start(SeedConfig cfg) {
        return cleanup.track(BallastProcess.start(cfg.writeTo(dir), cfg.frontendPort()));
    }

    /** Waits (no fixed sleep: a deadline poll) until {@code d} has passed since {@code fromNanos}. */
    private static void waitUntil(long fromNanos, Duration d) {
        Net.await(() -> System.nanoTime() - fromNanos >= d.toNanos(), d.plusSeconds(5), () -> d.toMillis() + " ms to pass");
    }

    private static long awaitLine(BallastProcess engine, String text) {
        engine.awaitStderr(text, LINE_TIMEOUT);
        return System.nanoTime();
    }

    private static String lineWith(BallastProcess engine, String text) {
        return engine.stderr().lines().filter(l -> l.contains(text)).findFirst().orElseThrow();
    }

    /** {@code n} requests for {@code path}, each on a new connection; status/server of each. */
    private static List<String> outcomes(int port, String path, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RawHttp.Response r = RawHttp.getClose(port, path);
            out.add(r.status() + "/" + r.servedBy());
        }
        return out;
    }

    // ---------------------------------------------------------------- scenarios

    /**
     * Apache stopped: DOWN after {@code fall} failed checks (the first within {@code inter}, then
     * {@code fastinter} apart); started again: UP after {@code rise} good ones (the first within
     * {@code downinter}, then {@code fastinter} apart).
     */
    @Test
    void stoppedApacheGoesDownAndRestartedComesBackOnHaproxysSchedule() {
        CheckSchedule s = new CheckSchedule(500, 100, 300, 2, 3);
        SeedConfig cfg = SeedConfig.forServers(web01, web02).withDefaultServer(s.serverArgs());
        long started = System.nanoTime();
        BallastProcess engine = start(cfg);
        waitUntil(started, s.settle());
        assertAlternates(requests(cfg.frontendPort(), 4));

        long beforeStop = System.nanoTime();
        web02.stop();
        long afterStop = System.nanoTime();
        String down = BE + "web02 is DOWN, reason: Layer4 connection problem";
        Duration toDown = s.down().assertFits(beforeStop, afterStop, awaitLine(engine, down));
        assertTrue(lineWith(engine, down).contains("info: \"Connection refused\""), lineWith(engine, down));
        assertEquals(List.of("web01", "web01", "web01", "web01"), requests(cfg.frontendPort(), 4));

        long beforeStart = System.nanoTime();
        web02.start();
        long afterStart = System.nanoTime();
        String up = BE + "web02 is UP, reason: Layer4 check passed";
        Duration toUp = s.up().assertFits(beforeStart, afterStart, awaitLine(engine, up));
        assertAlternates(requests(cfg.frontendPort(), 4));
        report(Engine.underTest() + " Apache stop/start (" + s.serverArgs() + "): DOWN " + toDown.toMillis()
                + " ms after stop (HAProxy window " + s.down() + "), UP " + toUp.toMillis() + " ms after start (window "
                + s.up() + ")");
    }

    /** {@code option httpchk GET /health}: Apache answering 500 there takes web02 out; 200 again brings it back. */
    @Test
    void apacheAnswering500OnTheCheckPathGoesDownAndBack() {
        CheckSchedule s = new CheckSchedule(400, 100, 400, 2, 2);
        SeedConfig cfg = SeedConfig.forServers(web01, web02)
                .withBackendLine("option httpchk GET " + ApacheServer.HEALTH_PATH)
                .withBackendLine("http-check expect status 200")
                .withDefaultServer(s.serverArgs());
        long started = System.nanoTime();
        BallastProcess engine = start(cfg);
        waitUntil(started, s.settle());
        assertAlternates(requests(cfg.frontendPort(), 4));

        long broken = System.nanoTime();
        web02.answer(ApacheServer.HEALTH_PATH, 500);
        String down = BE + "web02 is DOWN, reason: Layer7 wrong status, code: 500";
        Duration toDown = s.down().assertFits(broken, broken, awaitLine(engine, down));
        assertTrue(lineWith(engine, down).contains("1 active and 0 backup servers left"), lineWith(engine, down));
        // the page itself still works on web02: only the check path fails, and no traffic goes there
        assertEquals(List.of("web01", "web01", "web01", "web01"), requests(cfg.frontendPort(), 4));

        long fixed = System.nanoTime();
        web02.answerNormally(ApacheServer.HEALTH_PATH);
        String up = BE + "web02 is UP, reason: Layer7 check passed, code: 200";
        Duration toUp = s.up().assertFits(fixed, fixed, awaitLine(engine, up));
        assertAlternates(requests(cfg.frontendPort(), 4));
        report(Engine.underTest() + " httpchk 500 (" + s.serverArgs() + "): DOWN " + toDown.toMillis()
                + " ms after /health turned 500 (window " + s.down() + "), UP " + toUp.toMillis()
                + " ms after it turned 200 (window " + s.up() + ")");
    }

    /**
     * {@code observe layer7 error-limit 3 on-error mark-down}: web02 answers real traffic with 503; the third
     * consecutive 503 marks it DOWN at once ("Health analyze"), traffic goes to web01, and the (passing) TCP
     * check brings it back after {@code rise} checks.
     */
    @Test
    void observeLayer7TakesOutAServerAnswering503() {
        CheckSchedule s = new CheckSchedule(1000, 1000, 1000, 2, 3);
        String page = "/index.html";
        SeedConfig cfg = SeedConfig.forServers(web01, web02)
                .withDefaultServer(s.serverArgs())
                .withServerArgs("web02", "observe layer7 error-limit 3 on-error mark-down");
        BallastProcess engine = start(cfg);
        int port = cfg.frontendPort();
        web02.answer(page, 503);

        List<String> before = new ArrayList<>();
        long third503 = 0;
        while (before.stream().filter(o -> o.startsWith("503/")).count() < 3) {
            assertTrue(before.size() < 12, "expected three 503s from web02: " + before);
            before.addAll(outcomes(port, page, 1));
            third503 = System.nanoTime();
        }
        // round robin: web01's 200s alternate with web02's 503s, which pass through to the client unchanged
        for (int i = 1; i < before.size(); i++) {
            assertTrue(!before.get(i).equals(before.get(i - 1)), "round robin alternates until the mark-down: " + before);
        }
        assertTrue(before.stream().allMatch(o -> o.equals("200/web01") || o.equals("503/?")), "before: " + before);
        String down = BE + "web02 is DOWN, reason: Health analyze";
        long seen = awaitLine(engine, down);
        Duration toDown = Duration.ofNanos(seen - third503);
        assertTrue(toDown.compareTo(CheckSchedule.SLACK) <= 0,
                "HAProxy marks the server down on the 3rd error itself; seen " + toDown.toMillis() + " ms later");
        String line = lineWith(engine, down);
        assertTrue(line.contains("Detected 3 consecutive errors"), line);
        assertEquals(List.of("200/web01", "200/web01", "200/web01", "200/web01", "200/web01", "200/web01"),
                outcomes(port, page, 6), "after the mark-down only web01 may answer");

        long healed = System.nanoTime();
        web02.answerNormally(page);
        String up = BE + "web02 is UP, reason: Layer4 check passed";
        Duration toUp = Duration.ofNanos(awaitLine(engine, up) - seen);
        assertTrue(toUp.toMillis() <= s.up().maxMillis() + CheckSchedule.SLACK.toMillis(),
                "UP " + toUp.toMillis() + " ms after the mark-down; HAProxy: within " + s.up());
        assertTrue(toUp.toMillis() >= s.up().minMillis() - CheckSchedule.SLACK.toMillis(),
                "UP only " + toUp.toMillis() + " ms after the mark-down; HAProxy needs " + s.rise() + " good checks");
        assertTrue(healed - seen < s.up().minMillis() * 1_000_000L, "the page was fixed before the UP was possible");
        assertAlternates(requests(port, 4));
        report(Engine.underTest() + " observe layer7 error-limit 3 mark-down: DOWN line " + toDown.toMillis()
                + " ms after the 3rd 503 (" + line.substring(line.indexOf("reason:")) + "); UP " + toUp.toMillis()
                + " ms after the mark-down (window " + s.up() + ")");
    }

    /**
     * An agent ({@code agent-check agent-port P agent-inter 200}) changes web02's weight: {@code 50%} gives it a
     * third of the traffic, {@code drain} none (with HAProxy's drain line), {@code ready 100%} its half back.
     */
    @Test
    void agentChangesWeightAndDrains() {
        int agentInter = 200;
        AgentServer agent = cleanup.track(new AgentServer("up 100%"));
        SeedConfig cfg = SeedConfig.forServers(web01, web02)
                .withDefaultServer("inter 2000 weight 100")
                .withServerArgs("web02", "agent-check agent-port " + agent.port() + " agent-inter " + agentInter);
        BallastProcess engine = start(cfg);
        int port = cfg.frontendPort();
        agent.awaitServed(Duration.ofSeconds(5));
        assertAlternates(requests(port, 6));

        long changed = System.nanoTime();
        agent.reply("50%");
        Duration toWeight = Duration.ofNanos(agent.awaitServed(Duration.ofSeconds(5)) - changed);
        assertTrue(toWeight.toMillis() <= agentInter + CheckSchedule.SLACK.toMillis(),
                "agent read " + toWeight.toMillis() + " ms after the change; agent-inter is " + agentInter);
        Map<String, Long> shares = count(requests(port, 60));
        assertTrue(Math.abs(shares.getOrDefault("web02", 0L) - 20) <= 2,
                "weight 100 vs 50: web02 should serve 20 of 60 requests: " + shares);

        changed = System.nanoTime();
        agent.reply("drain");
        String drain = BE + "web02 enters drain state";
        Duration toDrain = Duration.ofNanos(awaitLine(engine, drain) - changed);
        assertTrue(toDrain.toMillis() <= agentInter + CheckSchedule.SLACK.toMillis(),
                "drain line " + toDrain.toMillis() + " ms after the change; agent-inter is " + agentInter);
        assertEquals(Map.of("web01", 10L), count(requests(port, 10)), "a draining server gets no new traffic");

        changed = System.nanoTime();
        agent.reply("ready 100%");
        String ready = BE + "web02 is UP (leaving forced drain)";
        Duration toReady = Duration.ofNanos(awaitLine(engine, ready) - changed);
        assertTrue(toReady.toMillis() <= agentInter + CheckSchedule.SLACK.toMillis(),
                "leaving drain " + toReady.toMillis() + " ms after the change; agent-inter is " + agentInter);
        Map<String, Long> restored = count(requests(port, 20));
        assertTrue(Math.abs(restored.getOrDefault("web02", 0L) - 10) <= 1, "equal weights again: " + restored);
        report(Engine.underTest() + " agent (agent-inter " + agentInter + "): 50% read after " + toWeight.toMillis()
                + " ms -> shares " + shares + "; drain line after " + toDrain.toMillis() + " ms; ready after "
                + toReady.toMillis() + " ms -> shares " + restored);
    }

    /**
     * The zero-error guarantee: concurrent keep-alive clients through Ballast while web02's Apache is stopped,
     * with {@code retries 3} and {@code option redispatch}; not one request may fail, and once the DOWN line is
     * out every request is web01's.
     */
    @Test
    void noRequestFailsWhileAServerGoesDownWithRedispatchAndRetries() {
        CheckSchedule s = new CheckSchedule(200, 200, 200, 2, 2);
        SeedConfig cfg = SeedConfig.forServers(web01, web02)
                .withBackendLine("retries 3")
                .withBackendLine("option redispatch")
                .withDefaultServer(s.serverArgs());
        long started = System.nanoTime();
        BallastProcess engine = start(cfg);
        int port = cfg.frontendPort();
        waitUntil(started, s.settle());

        List<Load.Outcome> all;
        long stopped;
        long down;
        try (Load load = Load.keepAlive(port, 4)) {
            long warm = System.nanoTime();
            waitUntil(warm, Duration.ofMillis(500));
            assertTrue(count(load.snapshot()).keySet().containsAll(List.of("200/web01", "200/web02")),
                    "warm-up: " + count(load.snapshot()));
            stopped = System.nanoTime();
            web02.stopGracefully();
            down = awaitLine(engine, BE + "web02 is DOWN");
            waitUntil(down, Duration.ofMillis(1_000));
            load.finish();
            all = load.snapshot();
        }
        List<Load.Outcome> failed = all.stream().filter(o -> o.status() != 200).toList();
        List<Load.Outcome> afterDown = all.stream().filter(o -> o.startNanos() - down > 0).toList();
        List<Load.Outcome> transition = all.stream().filter(o -> o.startNanos() - stopped >= 0 && down - o.startNanos() >= 0).toList();
        report(Engine.underTest() + " zero-error failover (4 keep-alive clients, retries 3, redispatch, " + s.serverArgs()
                + "): " + all.size() + " requests, " + transition.size() + " between stop and DOWN " + count(transition)
                + ", " + afterDown.size() + " after DOWN " + count(afterDown) + ", DOWN " + (down - stopped) / 1_000_000
                + " ms after the stop began; resent by the client (stale keep-alive): "
                + all.stream().filter(Load.Outcome::resent).count() + "; slowest between stop and DOWN: "
                + describe(slowest(transition, 3), stopped) + "; failures: " + describe(failed, stopped));
        assertEquals(List.of(), failed.stream().map(o -> describe(List.of(o), stopped)).toList(),
                "failed requests (times relative to the start of the Apache stop); engine log:\n" + engine.stderr());
        assertTrue(afterDown.size() >= 20, "traffic after DOWN: " + count(afterDown));
        assertEquals(Map.of("200/web01", (long) afterDown.size()), count(afterDown), "after DOWN only web01 may answer");
    }

    /**
     * What makes the failover above seamless: with {@code option redispatch}, round robin and more than one
     * active server, HAProxy sends a request whose connection was refused to another server at once, without
     * the 1 s turn-around it uses before retrying the same server ({@code stream_choose_redispatch()} and
     * {@code back_handle_st_cer()}). web02 has no check here, so it stays UP while refusing.
     */
    @Test
    void refusedConnectionIsRedispatchedAtOnceUnderRoundRobin() {
        String web02Line = "server web02 " + Net.LOOPBACK + ":" + web02.port() + " check";
        SeedConfig cfg = SeedConfig.forServers(web01, web02)
                .withBackendLine("retries 3")
                .withBackendLine("option redispatch")
                .replace(web02Line, web02Line.substring(0, web02Line.length() - " check".length()));
        start(cfg);
        web02.stop();
        List<String> served = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long t = System.nanoTime();
            RawHttp.Response r = RawHttp.getClose(cfg.frontendPort(), "/");
            served.add(r.status() + "/" + r.servedBy() + " in " + (System.nanoTime() - t) / 1_000_000 + " ms");
            assertEquals(200, r.status(), "request " + (i + 1) + ": " + served);
            assertEquals("web01", r.servedBy(), served.toString());
            assertTrue(System.nanoTime() - t < Duration.ofMillis(500).toNanos(),
                    "HAProxy redispatches a refused connection at once (round robin, 2 active servers): " + served);
        }
        report(Engine.underTest() + " refused connection, redispatch: " + served);
    }

    private static List<Load.Outcome> slowest(List<Load.Outcome> outcomes, int n) {
        return outcomes.stream().sorted((a, b) -> Long.compare(b.endNanos() - b.startNanos(), a.endNanos() - a.startNanos()))
                .limit(n).toList();
    }

    private static Map<String, Long> count(List<?> outcomes) {
        return outcomes.stream().map(String::valueOf).collect(Collectors.groupingBy(o -> o, Collectors.counting()));
    }

    private static String describe(List<Load.Outcome> outcomes, long originNanos) {
        return outcomes.stream().map(o -> o + " started " + (o.startNanos() - originNanos) / 1_000_000 + " ms, ended "
                + (o.endNanos() - originNanos) / 1_000_000 + " ms").toList().toString();
    }
}
