package io.ballast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The runtime API's client as an administrator uses it: {@code echo "<command>" | socat stdio unix-connect:<socket>}. */
final class Socat {

    private Socat() {
    }

    /** Skips the test when {@code socat} is not on the PATH (.ci/run installs it). */
    static void assumeInstalled() {
        boolean found = false;
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            found |= Files.isExecutable(Path.of(d, "socat"));
        }
        assumeTrue(found, "socat is not installed");
    }

    /** Sends {@code command} and returns the answer; {@code -T 10} ends a silent exchange, and socat must exit 0. */
    static String send(Path socket, String command) {
        try {
            Process p = Reaper.track(new ProcessBuilder("socat", "-T", "10", "stdio", "unix-connect:" + socket)
                    .redirectErrorStream(true).start());
            p.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "socat did not exit");
            assertEquals(0, p.exitValue(), "socat: " + out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
