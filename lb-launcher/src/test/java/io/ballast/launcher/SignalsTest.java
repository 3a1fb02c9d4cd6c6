package io.ballast.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real signals sent to a real JVM running {@link SignalsProbe}. */
@Timeout(60)
class SignalsTest {

    private Process probe;
    private BufferedReader lines;

    @AfterEach
    void tearDown() {
        if (probe != null) {
            probe.destroyForcibly();
        }
    }

    /** Starts the probe under {@code sh -c "<prefix> exec java ..."}; returns its lines up to "ready". */
    private List<String> start(String shellPrefix) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = shellPrefix + " exec \"$0\" -cp \"$1\" " + SignalsProbe.class.getName();
        probe = new ProcessBuilder("sh", "-c", command, java, System.getProperty("java.class.path"))
                .redirectErrorStream(true).start();
        lines = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        String line;
        while ((line = lines.readLine()) != null) {
            seen.add(line);
            if (line.equals("ready")) {
                return seen;
            }
        }
        throw new AssertionError("probe ended before ready: " + seen);
    }

    private void kill(String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(probe.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
    }

    @Test
    void signalIgnoredAtStartIsReported() throws Exception {
        List<String> seen = start("trap '' INT;");
        assertTrue(seen.contains("ignored=SIGINT") || seen.stream().anyMatch(l -> l.startsWith("ignored=")
                && List.of(l.substring(8).split(",")).contains("SIGINT")), seen.toString());
        assertTrue(seen.stream().anyMatch(l -> l.startsWith("warning=cannot handle ") && l.contains("SIGINT")
                && l.contains("ignored when the process was started")), seen.toString());
        kill("TERM");
        assertTrue(probe.waitFor(20, TimeUnit.SECONDS));
    }

    @Test
    void sighupKeepsTheProcessRunning() throws Exception {
        List<String> seen = start("");
        assumeFalse(seen.stream().anyMatch(l -> l.startsWith("ignored=") && l.contains("SIGHUP")),
                "SIGHUP ignored by whoever started the tests (nohup?)");
        kill("HUP");
        assertEquals("dump", lines.readLine());
        assertFalse(probe.waitFor(300, TimeUnit.MILLISECONDS), "still running after SIGHUP");
        kill("USR1");
        assertEquals("soft", lines.readLine());
        kill("TERM");
        assertEquals("stopping", lines.readLine());
        assertTrue(probe.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, probe.exitValue());
    }

    @Test
    void sigusr2ReloadsOnceTheJvmSuspendsThreadsWithAnotherSignal() throws Exception {
        List<String> seen = start("_JAVA_SR_SIGNUM=62 export _JAVA_SR_SIGNUM;");
        assertFalse(seen.stream().anyMatch(l -> l.contains("SIGUSR2")), seen.toString());
        kill("USR2");
        assertEquals("dump", lines.readLine());
        kill("TERM");
        assertEquals("stopping", lines.readLine());
    }

    @Test
    void sigusr2IsLeftToTheJvmOtherwiseWithAWarning() throws Exception {
        List<String> seen = start("unset _JAVA_SR_SIGNUM;");
        assertTrue(seen.stream().anyMatch(l -> l.startsWith("warning=SIGUSR2 does not reload: the JVM suspends "
                + "threads with it")), seen.toString());
        kill("TERM");
        assertEquals("stopping", lines.readLine());
    }

    @Test
    void onlyASignalHotSpotWouldTakeMovesIt() {
        assertTrue(Signals.suspendSignalMoved("62"));
        assertFalse(Signals.suspendSignalMoved(null));
        assertFalse(Signals.suspendSignalMoved("12"), "SIGUSR2 itself");
        assertFalse(Signals.suspendSignalMoved("9"), "HotSpot ignores signals up to SIGSEGV");
        assertFalse(Signals.suspendSignalMoved("65"));
        assertFalse(Signals.suspendSignalMoved("usr1"));
    }
}
