package io.ballast.proxy.cli;

import io.ballast.core.config.ConfigLoader;
import io.ballast.core.log.EventLog;
import io.ballast.proxy.Ballast;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A Ballast with runtime API sockets in a temporary directory, started from configuration text by a test and
 * stopped after it, with TCP servers that accept connections (so that their checks pass) and its event log kept.
 */
final class RunningCli implements AfterEachCallback {

    final List<String> log = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> started = new ArrayList<>();
    Path dir;
    Ballast ballast;

    /** A directory for socket files, removed after the test. */
    Path dir() throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory("ballast-cli");
        }
        return dir;
    }

    /** Starts a Ballast from {@code config}, where {@code DIR} stands for the socket directory. */
    Ballast start(String config) throws Exception {
        String text = config.replace("DIR", dir().toString());
        ballast = Ballast.builder(ConfigLoader.create().parse("test.cfg", text).config())
                .eventLog((EventLog.Level level, String message) -> log.add(level + " " + message)).build();
        ballast.start();
        return ballast;
    }

    /** A TCP server on 127.0.0.1 that accepts connections and closes them; returns its port. */
    int server() throws IOException {
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    s.getInputStream().read(new byte[1]);
                } catch (IOException e) {
                    // closed
                }
            }
        }, "cli-test-server");
        t.setDaemon(true);
        t.start();
        started.add(socket);
        return socket.getLocalPort();
    }

    /** A port on 127.0.0.1 where nothing listens now. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Sends {@code commands} on the socket file {@code name}, as {@code echo ... | socat}, and returns the answer. */
    String send(String name, String commands) throws IOException {
        try (CliClient c = CliClient.unix(dir().resolve(name))) {
            return c.send(commands).shutdownOutput().readToEnd();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (ballast != null) {
            ballast.close();
        }
        for (AutoCloseable c : started) {
            c.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
