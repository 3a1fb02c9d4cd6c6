package io.ballast.it;

import static io.ballast.it.RoundRobinScenarios.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reloads in place (SIGUSR2 and SIGHUP) while clients keep sending: the walkthrough's configuration in front of real
 * Apaches, rewritten between reloads to add a server, remove one and change a response header. Not one request may
 * fail or be reset, whether the client keeps its connection alive or opens one per request; a configuration with an
 * error changes nothing and is reported with its file and line.
 */
@ExtendWith(TestNames.class)
class HotReloadTest {

    private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(15);

    private final Cleanup cleanup = new Cleanup();
    private ApacheServer web01;
    private ApacheServer web02;
    private ApacheServer web03;
    private Path dir;

    @BeforeEach
    void startServers() throws IOException {
        ApacheServer.assumeInstalled();
        dir = Reaper.trackDir(Files.createTempDirectory("ballast-reload-it-"));
        web01 = cleanup.track(ApacheServer.create("web01"));
        web02 = cleanup.track(ApacheServer.create("web02"));
        web03 = cleanup.track(ApacheServer.create("web03"));
        web01.start();
        web02.start();
        web03.start();
    }

    @AfterEach
    void cleanUp() {
        try {
            cleanup.close();
        } finally {
            ApacheServer.deleteTree(dir);
        }
    }

    /** The seed's configuration with a third server line after web02's. */
    private SeedConfig withWeb03(SeedConfig cfg) {
        String web02Line = serverLine(cfg, "web02");
        return cfg.replace(web02Line, web02Line + "\n\tserver web03 " + Net.LOOPBACK + ":" + web03.port() + " check");
    }

    private static String serverLine(SeedConfig cfg, String name) {
        return cfg.text().lines().filter(l -> l.strip().startsWith("server " + name + " ")).findFirst().orElseThrow();
    }

    @Test
    void twentyReloadsUnderLoadLoseNoRequest() {
        SeedConfig base = SeedConfig.forServers(web01, web02);
        SeedConfig added = withWeb03(base);
        SeedConfig header = base.withBackendLine("http-response set-header X-Reloaded yes");
        BallastProcess engine = cleanup.track(BallastProcess.start(base.writeTo(dir), base.frontendPort()));
        twentyReloadsUnderLoad("20 in-place reloads (USR2/HUP)", base.frontendPort(),
                List.of(added, withoutWeb02(added), header, base), added, i -> {
                    engine.signal(i % 2 == 0 ? "HUP" : "USR2");
                    awaitCount(engine, "Loading success.", i);
                    Net.sleep(150); // traffic between reloads
                    return engine;
                });
        assertTrue(engine.stderr().contains("Reload: server haproxy_in/web03 added."), engine.stderr());
        assertTrue(engine.stderr().contains("Reload: server haproxy_in/web02 removed."), engine.stderr());
    }

    /** What one reload of a series does, given its number (from 1); returns the process that serves after it. */
    private interface Reload {
        BallastProcess run(int number);
    }

    /**
     * Writes each configuration of {@code cycle} in turn and has {@code reload} apply it, 20 times, while four
     * keep-alive clients and a connection-per-request client send; asserts that no request failed or had to be sent
     * again, and that web03 took traffic right after {@code added} was loaded.
     */
    private void twentyReloadsUnderLoad(String kind, int port, List<SeedConfig> cycle, SeedConfig added, Reload reload) {
        List<Load.Outcome> keepAlive;
        List<Load.Outcome> closing;
        Map<String, Long> servedAfterAdding = new TreeMap<>();
        BallastProcess last;
        try (Load ka = Load.keepAlive(port, 4); Load perRequest = new Load(port)) {
            last = null;
            for (int i = 1; i <= 20; i++) {
                SeedConfig next = cycle.get((i - 1) % cycle.size());
                next.writeTo(dir);
                last = reload.run(i);
                if (next == added) {
                    RoundRobinScenarios.requests(port, 6).forEach(r -> servedAfterAdding.merge(r, 1L, Long::sum));
                }
            }
            ka.finish();
            perRequest.finish();
            keepAlive = ka.snapshot();
            closing = perRequest.snapshot();
        }
        List<Load.Outcome> failed = new ArrayList<>();
        keepAlive.stream().filter(o -> o.status() != 200 || o.resent()).forEach(failed::add);
        closing.stream().filter(o -> o.status() != 200).forEach(failed::add);
        report(Engine.underTest() + " " + kind + " under load: " + keepAlive.size() + " keep-alive requests (4 clients), "
                + closing.size() + " one-per-connection requests, failed or resent: " + failed.size()
                + "; served right after adding web03: " + servedAfterAdding);
        assertEquals(List.of(), failed.stream().map(Load.Outcome::toString).toList(),
                "failed or resent requests; the serving engine's log:\n" + last.stderr());
        assertTrue(keepAlive.size() > 200 && closing.size() > 20, keepAlive.size() + " / " + closing.size());
        assertTrue(servedAfterAdding.containsKey("web03"), "web03 takes traffic once added: " + servedAfterAdding);
    }

    private static SeedConfig withoutWeb02(SeedConfig cfg) {
        return cfg.replace(serverLine(cfg, "web02") + "\n", "");
    }

    /**
     * The seed's configuration as a process hand-over needs it: the stats socket in the test's directory with
     * {@code expose-fd listeners}, and {@code option idle-close-on-response} so that the old process answers an idle
     * keep-alive connection's next request (with {@code Connection: close}) instead of closing it under the client.
     */
    private SeedConfig handOverConfig(SeedConfig cfg) {
        return cfg.replace("stats socket /run/haproxy/admin.sock mode 660 level admin",
                        "stats socket " + dir.resolve("admin.sock") + " mode 600 level admin expose-fd listeners")
                .replace("option\tdontlognull", "option\tdontlognull\n\toption idle-close-on-response");
    }

    @Test
    void twentyProcessHandOversUnderLoadLoseNoRequest() {
        SeedConfig base = handOverConfig(SeedConfig.forServers(web01, web02));
        SeedConfig added = withWeb03(base);
        Path file = base.writeTo(dir);
        int port = base.frontendPort();
        BallastProcess[] current = {cleanup.track(BallastProcess.start(file, port))};
        twentyReloadsUnderLoad("20 process hand-overs (-sf, listeners passed over the stats socket)", port,
                List.of(added, withoutWeb02(added), base), added, i -> {
                    BallastProcess old = current[0];
                    // -x is implied by -sf and the socket's expose-fd listeners, as with HAProxy's master
                    current[0] = cleanup.track(BallastProcess.start(file, port, "-sf", Long.toString(old.pid())));
                    old.awaitExit(RELOAD_TIMEOUT);
                    return current[0];
                });
    }

    @Test
    void aBadConfigurationLeavesTheOldProcessServing() {
        SeedConfig base = handOverConfig(SeedConfig.forServers(web01, web02));
        Path file = base.writeTo(dir);
        int port = base.frontendPort();
        BallastProcess old = cleanup.track(BallastProcess.start(file, port));
        base.withBackendLine("balance no-such-algorithm").writeTo(dir);
        BallastProcess.Result refused = BallastProcess.run("-f", file.toString(), "-sf", Long.toString(old.pid()));
        assertEquals(1, refused.exitCode(), refused.output());
        assertTrue(refused.output().contains("[" + file + ":"), refused.output());
        assertEquals(Map.of("web01", 1L, "web02", 1L), count(RoundRobinScenarios.requests(port, 2)),
                "the old process still serves");
    }

    @Test
    void aBadConfigurationLeavesTheOldOneServing() {
        SeedConfig base = SeedConfig.forServers(web01, web02);
        base.writeTo(dir);
        BallastProcess engine = cleanup.track(BallastProcess.start(dir.resolve("haproxy.cfg"), base.frontendPort()));
        int port = base.frontendPort();
        SeedConfig broken = base.withBackendLine("balance no-such-algorithm");
        try (Load ka = Load.keepAlive(port, 2)) {
            broken.writeTo(dir);
            engine.signal("USR2");
            engine.awaitStderr("Loading failure! Still serving the previous configuration.", RELOAD_TIMEOUT);
            Net.sleep(300);
            ka.finish();
            List<Load.Outcome> failed = ka.snapshot().stream().filter(o -> o.status() != 200).toList();
            assertEquals(List.of(), failed.stream().map(Load.Outcome::toString).toList(), engine.stderr());
        }
        int line = broken.lineOf("balance no-such-algorithm");
        assertTrue(engine.stderr().contains("[" + dir.resolve("haproxy.cfg") + ":" + line + "]"), engine.stderr());
        assertEquals(Map.of("web01", 1L, "web02", 1L), count(RoundRobinScenarios.requests(port, 2)),
                "still round robin over web01 and web02");
    }

    private static Map<String, Long> count(List<String> outcomes) {
        Map<String, Long> out = new TreeMap<>();
        outcomes.forEach(o -> out.merge(o, 1L, Long::sum));
        return out;
    }

    private static void awaitCount(BallastProcess engine, String text, int times) {
        Net.await(() -> occurrences(engine.stderr(), text) >= times, RELOAD_TIMEOUT,
                () -> times + " × \"" + text + "\"; stderr:\n" + engine.stderr());
    }

    private static int occurrences(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
