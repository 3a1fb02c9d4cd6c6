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
    private final CountDownLatch started = new CountDownLatch(1);
    private final AtomicReference<InetSocketAddress> bound = new AtomicReference<>();

    private static BallastConfig config(int port) throws Exception {
        return ConfigLoader.create().parse("test.cfg", String.join("\n",
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
                "")).config();
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
        }, (softStop, hardStop) -> {
            soft.set(softStop);
            hard.set(hardStop);
            return List.of();
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
}
