package io.ballast.health;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real server process (mariadbd, slapd, openssl s_server, a Python SMTP server) started privately on a free
 * loopback port as the current user, and stopped by its pid; the test is skipped when the binary is missing.
 */
final class LocalServer implements AutoCloseable {

    final int port;
    private final Process process;

    /** Starts {@code command} (its first word an absolute path) and waits up to 15 s for {@code port} to accept. */
    LocalServer(int port, Path workDir, List<String> command) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of(command.get(0))), command.get(0) + " is not installed");
        this.port = port;
        process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("server.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    close();
                    throw new IOException(command.get(0) + " did not start: " + Files.readString(
                            workDir.resolve("server.log")), e);
                }
                Thread.sleep(20);
            }
        }
    }

    /** Runs {@code command} to completion (setup such as mariadb-install-db), failing on a non-zero exit. */
    static void run(Path workDir, List<String> command) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of(command.get(0))), command.get(0) + " is not installed");
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("setup.log").toFile()).start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: "
                    + Files.readString(workDir.resolve("setup.log")));
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
