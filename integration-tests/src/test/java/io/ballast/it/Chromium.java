package io.ballast.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A headless Chromium (the Debian package's {@code chromium}) started by a test with its DevTools endpoint on a free
 * loopback port, and stopped, with every process it started, by pid.
 */
final class Chromium implements AutoCloseable {

    private static final List<Path> BINARIES = List.of(Path.of("/usr/bin/chromium"),
            Path.of("/usr/bin/chromium-browser"), Path.of("/usr/bin/google-chrome"));

    private final Process process;
    private final int port;

    private Chromium(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The browser's executable, or {@code null} when none is installed. */
    static Path binary() {
        return BINARIES.stream().filter(Files::isExecutable).findFirst().orElse(null);
    }

    /** Starts the browser on {@code about:blank} with a fresh profile in {@code dir}. */
    static Chromium start(Path binary, Path dir) {
        int port = Net.freePort();
        try {
            Process p = Reaper.track(new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--hide-scrollbars",
                    "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=" + port,
                    "--user-data-dir=" + dir.resolve("chromium-profile"), "--window-size=1400,900", "about:blank")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("chromium.log").toFile())
                    .start());
            try {
                Chromium c = new Chromium(p, port);
                Net.await(() -> c.pageSocket() != null || !p.isAlive(), Duration.ofSeconds(30),
                        () -> "Chromium's DevTools on port " + port);
                if (!p.isAlive()) {
                    throw new IllegalStateException("Chromium exited: "
                            + Files.readString(dir.resolve("chromium.log")));
                }
                return c;
            } catch (IOException | RuntimeException | Error e) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A DevTools connection to the browser's first page. */
    Cdp openPage() {
        return Cdp.connect(URI.create(pageSocket()));
    }

    /** The WebSocket address of the first page target, or {@code null} while there is none. */
    private String pageSocket() {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/json/list")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode target : new ObjectMapper().readTree(r.body())) {
                if (target.path("type").asText().equals("page")) {
                    return target.path("webSocketDebuggerUrl").asText();
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
