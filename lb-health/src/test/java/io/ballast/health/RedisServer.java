package io.ballast.health;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A real redis-server on a free loopback port, without persistence, optionally a replica of another. */
final class RedisServer implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/redis-server");

    final int port;
    private final Process process;

    RedisServer(Integer replicaOf) throws IOException, InterruptedException {
        this(Listener.freePort(), replicaOf);
    }

    RedisServer(int port, Integer replicaOf) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(BINARY), "redis-server is not installed: apt-get install redis-server");
        this.port = port;
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"));
        if (replicaOf != null) {
            cmd.addAll(List.of("--replicaof", "127.0.0.1", replicaOf.toString()));
        }
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    close();
                    throw e;
                }
                Thread.sleep(20);
            }
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
