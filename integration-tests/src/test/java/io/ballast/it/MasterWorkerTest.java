package io.ballast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code -Ws} and {@code -S} as a systemd unit uses them: readiness, reloads and stop told to {@code $NOTIFY_SOCKET}
 * (received here by {@code socat}, as systemd would receive them), and the master CLI's {@code show proc} and
 * {@code reload}, in front of real Apaches.
 */
@ExtendWith(TestNames.class)
class MasterWorkerTest {

    private final Cleanup cleanup = new Cleanup();
    private Path dir;

    @BeforeEach
    void setUp() throws IOException {
        ApacheServer.assumeInstalled();
        Socat.assumeInstalled();
        assumeFalse(BallastProcess.referenceMode(), "HAProxy's master runs a worker process: other pids");
        dir = Reaper.trackDir(Files.createTempDirectory("ballast-mw-it-"));
    }

    @AfterEach
    void cleanUp() {
        try {
            cleanup.close();
        } finally {
            ApacheServer.deleteTree(dir);
        }
    }

    @Test
    void systemdIsToldOfStartReloadAndStopAndTheMasterCliReloads() throws Exception {
        ApacheServer web01 = cleanup.track(ApacheServer.create("web01"));
        ApacheServer web02 = cleanup.track(ApacheServer.create("web02"));
        web01.start();
        web02.start();
        Path notifySocket = dir.resolve("notify.sock");
        Path received = dir.resolve("notify.txt");
        Process systemd = Reaper.track(new ProcessBuilder("socat", "-u", "UNIX-RECV:" + notifySocket,
                "OPEN:" + received + ",creat,append").start());
        Net.await(() -> Files.exists(notifySocket), Duration.ofSeconds(5), () -> "socat's socket");
        Path master = dir.resolve("master.sock");
        SeedConfig cfg = SeedConfig.forServers(web01, web02);
        Path file = cfg.writeTo(dir);
        BallastProcess engine = cleanup.track(BallastProcess.startWithEnvironment(file, cfg.frontendPort(),
                Map.of("NOTIFY_SOCKET", notifySocket.toString()), "-Ws", "-S", master + ",mode,600"));
        try {
            awaitContent(received, "READY=1\nMAINPID=" + engine.pid() + "\n");
            assertEquals(0600, (Integer) Files.getAttribute(master, "unix:mode") & 0777, "-S ...,mode,600");
            String proc = Socat.send(master, "show proc");
            assertTrue(proc.startsWith("#<PID>          <type>          <reloads>       <uptime>        <version>"), proc);
            assertTrue(proc.contains("\n" + engine.pid() + " ".repeat(16 - Long.toString(engine.pid()).length())
                    + "master          0 [failed: 0]   "), proc);

            cfg.withBackendLine("http-response set-header X-Reloaded yes").writeTo(dir);
            String reload = Socat.send(master, "reload");
            assertTrue(reload.startsWith("Success=1\n--\n") && reload.contains("\nReload: backend haproxy_in modified.\n"),
                    reload);
            assertTrue(engine.stderr().contains("[NOTICE]   (" + engine.pid() + ") : Reload: backend haproxy_in modified."),
                    "reloads are logged whatever asked for them: " + engine.stderr());
            awaitContent(received, "RELOADING=1\nMONOTONIC_USEC=");
            assertEquals("yes", RawHttp.getClose(cfg.frontendPort(), "/").header("X-Reloaded").orElse(""));
            assertTrue(Socat.send(master, "show proc").contains("master          1 [failed: 0]   "));
            engine.stopAndAssertCleanExit();
            awaitContent(received, "STOPPING=1\n");
            String all = Files.readString(received, StandardCharsets.US_ASCII);
            assertEquals(2, all.split("READY=1", -1).length - 1, "ready at start and after the reload: " + all);
        } finally {
            systemd.destroy();
            systemd.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static void awaitContent(Path file, String text) {
        Net.await(() -> {
            try {
                return Files.exists(file) && Files.readString(file, StandardCharsets.US_ASCII).contains(text);
            } catch (IOException e) {
                return false;
            }
        }, Duration.ofSeconds(10), () -> "\"" + text + "\" from " + file);
    }
}
