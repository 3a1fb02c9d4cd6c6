package io.ballast.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class DaemonizerTest {

    @Test
    void childIsRecognisedByTheEnvironmentMarker() {
        assertTrue(Daemonizer.isChild(Map.of(Daemonizer.CHILD_MARKER, "1")));
        assertFalse(Daemonizer.isChild(Map.of()));
        assertFalse(Daemonizer.isChild(Map.of(Daemonizer.CHILD_MARKER, "0")));
    }

    @Test
    void childCommandRunsTheSameJavaInTheForegroundBeforeTheOriginalArguments() {
        List<String> args = List.of("-D", "-f", "a.cfg", "--", "b.cfg");
        List<String> command = Daemonizer.childCommand(args);
        int db = command.indexOf("-db");
        assertTrue(db > 0, command.toString());
        assertEquals(args, command.subList(db + 1, command.size()), "-db comes before --");
        assertTrue(command.get(0).endsWith("java"), command.toString());
    }

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Console console = new Console(new PrintStream(new ByteArrayOutputStream(), true),
            new PrintStream(err, true, StandardCharsets.UTF_8), 1);

    private static Process shell(String script) throws IOException {
        return new ProcessBuilder("sh", "-c", script).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    @Test
    @Timeout(30)
    void readyChildRelaysItsMessagesAndSucceeds() throws IOException {
        Process child = shell("echo 'a warning' >&2; printf '\\001ballast-daemon-ready\\n' >&2; sleep 20");
        try {
            assertEquals(0, Daemonizer.awaitReady(child, console, Duration.ofSeconds(20)));
            assertEquals("a warning" + System.lineSeparator(), err.toString(StandardCharsets.UTF_8));
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    @Timeout(30)
    void childThatDiesFails() throws IOException {
        Process child = shell("echo 'an alert' >&2; exit 1");
        assertEquals(1, Daemonizer.awaitReady(child, console, Duration.ofSeconds(20)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("an alert"), err.toString());
    }

    @Test
    @Timeout(30)
    void childThatNeitherReportsNorExitsIsKilled() throws Exception {
        Process child = shell("echo 'binding...' >&2; exec sleep 60");
        long start = System.nanoTime();
        assertEquals(1, Daemonizer.awaitReady(child, console, Duration.ofSeconds(1)));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "gave up in time");
        assertTrue(child.waitFor(5, TimeUnit.SECONDS), "child killed");
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("binding..."), text);
        assertTrue(text.contains("neither reported ready nor exited within 1 s"), text);
    }

    @Test
    void readyTimeoutIsGenerous() {
        assertTrue(Daemonizer.READY_TIMEOUT.toSeconds() >= 60);
    }
}
