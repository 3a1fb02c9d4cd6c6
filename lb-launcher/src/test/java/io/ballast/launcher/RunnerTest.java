package io.ballast.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ballast.core.config.BallastConfig;
import io.ballast.core.config.ConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs the engine in-process; signals are simulated by calling the handlers the runner registered. */
@Timeout(30)
class RunnerTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Console console = new Console(new PrintStream(new ByteArrayOutputStream(), true),
            new PrintStream(err, true, StandardCharsets.UTF_8), 1);
    private final AtomicReference<Runnable> soft = new AtomicReference<>();
    private final AtomicReference<Runnable> hard = new AtomicReference<>();
    private final AtomicReference<Runnable> reload = new AtomicReference<>();
    /** What a reload reads: {@link #configText} at that moment. */
    private final AtomicReference<String> reloadText = new AtomicReference<>();
    private Signals.Outcome signalOutcome = Signals.Outcome.ALL_HANDLED;
    private final CountDownLatch started = new CountDownLatch(1);
    private final AtomicReference<InetSocketAddress> bound = new AtomicReference<>();

    private static BallastConfig config(int port) throws Exception {
        return ConfigLoader.create().parse("test.cfg", configText(port)).config();
    }

    private static String configText(int port) {
        return String.join("\n",
                "defaults",
                "\tmode http",
                "\ttimeout connect 5s",
                "\ttimeout client 30s",
                "\ttimeout server 30s",
                "frontend fe",
                "\tbind 127.0.0.1:" + port,
                "\tdefault_backend be",
                "backend be",
                "\tserver s1 127.0.0.1:9",
                "");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private CompletableFuture<Integer> start(BallastConfig config, Path pidFile) {
        Runner runner = new Runner(config, console, pidFile, false, ballast -> {
            bound.set((InetSocketAddress) ballast.boundAddresses().get(0));
            started.countDown();
        }, () -> Launcher.withRulesChecked(ConfigLoader.create().parse("test.cfg", reloadText.get())), false,
                (softStop, hardStop, reloadNow) -> {
                    soft.set(softStop);
                    hard.set(hardStop);
                    reload.set(reloadNow);
                    return signalOutcome;
                });
        return CompletableFuture.supplyAsync(runner::run);
    }

    @Test
    void writesThePidFileOnceListeningAndRemovesItOnHardStop() throws Exception {
        Path pidFile = dir.resolve("ballast.pid");
        CompletableFuture<Integer> exit = start(config(freePort()), pidFile);
        assertTrue(started.await(10, TimeUnit.SECONDS), err.toString());
        assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(pidFile));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), bound.get().getPort())) {
            assertTrue(socket.isConnected());
        }
        hard.get().run();
        assertEquals(0, exit.get(10, TimeUnit.SECONDS));
        assertFalse(Files.exists(pidFile));
    }

    @Test
    void softStopExitsZeroOnceDrained() throws Exception {
        Path pidFile = dir.resolve("soft.pid");
        CompletableFuture<Integer> exit = start(config(freePort()), pidFile);
        assertTrue(started.await(10, TimeUnit.SECONDS), err.toString());
        soft.get().run();
        assertEquals(0, exit.get(10, TimeUnit.SECONDS));
        assertFalse(Files.exists(pidFile));
    }

    @Test
    void aSoftStopDuringStartUpDrainsOnceStartedAndExitsZero() throws Exception {
        Path pidFile = dir.resolve("early.pid");
        BallastConfig config = config(freePort());
        Runner runner = new Runner(config, console, pidFile, false, ballast -> started.countDown(), null, false,
                (softStop, hardStop, reloadNow) -> {
                    softStop.run(); // a SIGUSR1 before the listeners are even bound
                    return signalOutcome;
                });
        assertEquals(0, CompletableFuture.supplyAsync(runner::run).get(10, TimeUnit.SECONDS));
        assertFalse(Files.exists(pidFile));
    }

    @Test
    void bindFailureIsReportedAndExitsOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Path pidFile = dir.resolve("never.pid");
            CompletableFuture<Integer> exit = start(config(taken.getLocalPort()), pidFile);
            assertEquals(1, exit.get(10, TimeUnit.SECONDS));
            String text = err.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("cannot bind socket"), text);
            assertTrue(text.contains("Some protocols failed to start their listeners! Exiting."), text);
            assertFalse(Files.exists(pidFile));
        }
    }

    @Test
    void unwritablePidFileStopsEverything() throws Exception {
        CompletableFuture<Integer> exit = start(config(freePort()), dir.resolve("missing/dir/ballast.pid"));
        assertEquals(1, exit.get(10, TimeUnit.SECONDS));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Cannot create pidfile"), err.toString());
    }

    @Test
    void reloadServesTheNewConfigurationAndKeepsTheListener() throws Exception {
        int port = freePort();
        int added = freePort();
        CompletableFuture<Integer> exit = start(config(port), null);
        assertTrue(started.await(10, TimeUnit.SECONDS), err.toString());
        reloadText.set(configText(port) + String.join("\n",
                "frontend fe2",
                "\tbind 127.0.0.1:" + added,
                "\tdefault_backend be",
                "\tserver-never-heard-of x",
                ""));
        reload.get().run();
        awaitText("Loading failure! Still serving the previous configuration.");
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("[ALERT]    (1) : config : parsing [test.cfg:14] : 'server-never-heard-of' : unknown keyword"),
                text);
        assertTrue(accepts(port), "the old configuration still serves");
        assertFalse(accepts(added), "nothing of the bad configuration was applied");

        reloadText.set(configText(port) + String.join("\n",
                "frontend fe2",
                "\tbind 127.0.0.1:" + added,
                "\tdefault_backend be",
                ""));
        reload.get().run();
        awaitText("Loading success.");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Reload: frontend fe2 added."), err.toString());
        assertTrue(accepts(port), "the kept listener still accepts");
        assertTrue(accepts(added), "the new listener accepts");
        assertFalse(exit.isDone());
        hard.get().run();
        assertEquals(0, exit.get(10, TimeUnit.SECONDS));
    }

    private void awaitText(String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!err.toString(StandardCharsets.UTF_8).contains(expected) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(expected), err.toString(StandardCharsets.UTF_8));
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
            return socket.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void signalsThatCannotBeHandledAreReported() throws Exception {
        signalOutcome = new Signals.Outcome(List.of(), List.of("SIGINT"), false);
        CompletableFuture<Integer> exit = start(config(freePort()), null);
        assertTrue(started.await(10, TimeUnit.SECONDS), err.toString());
        hard.get().run();
        assertEquals(0, exit.get(10, TimeUnit.SECONDS));
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("[WARNING]  (1) : cannot handle SIGINT: ignored when the process was started"), text);
    }
}
