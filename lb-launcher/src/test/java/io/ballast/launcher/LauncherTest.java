package io.ballast.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ballast.core.Version;
import io.ballast.core.config.ConfigException;
import io.ballast.core.config.Diagnostic;
import io.ballast.core.config.SourceLocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the launcher in-process and looks at the exit status and the two streams. */
class LauncherTest {

    private static final String VALID = String.join("\n",
            "defaults",
            "\tmode http",
            "\ttimeout connect 5s",
            "\ttimeout client 30s",
            "\ttimeout server 30s",
            "",
            "frontend fe",
            "\tbind 127.0.0.1:18089",
            "\tdefault_backend be",
            "",
            "backend be",
            "\tbalance roundrobin",
            "\tserver s1 127.0.0.1:9 check",
            "");

    private static final String INVALID = String.join("\n",
            "defaults",
            "\tmode http",
            "\ttimeout connect 5s",
            "\ttimeout client 30s",
            "\ttimeout server 30s",
            "",
            "frontend fe",
            "\tbind 127.0.0.1:18089",
            "\tfrobnicate yes",
            "\tdefault_backend be",
            "",
            "backend be",
            "\tserver s1 127.0.0.1:9",
            "");

    private static final String NO_LISTENER = String.join("\n",
            "defaults",
            "\tmode http",
            "\ttimeout connect 5s",
            "\ttimeout client 30s",
            "\ttimeout server 30s",
            "",
            "backend be",
            "\tserver s1 127.0.0.1:9",
            "");

    @TempDir
    Path dir;

    private ByteArrayOutputStream out;
    private ByteArrayOutputStream err;
    private Launcher launcher;

    @BeforeEach
    void setUp() {
        launcher = launcher(Map.of());
    }

    private Launcher launcher(Map<String, String> env) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        return new Launcher(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
    }

    private int run(String... args) {
        return launcher.run(Arrays.asList(args));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path file(String name, String text) throws IOException {
        Path path = dir.resolve(name);
        Files.writeString(path, text);
        return path;
    }

    @Test
    void versionLine() {
        assertEquals(0, run("-v"));
        assertEquals("Ballast version " + Version.BALLAST + " - HAProxy " + Version.HAPROXY_COMPATIBLE
                + " configuration compatible" + System.lineSeparator(), out());
        assertEquals("", err());
    }

    @Test
    void buildInfo() {
        assertEquals(0, run("-vv"));
        String text = out();
        assertTrue(text.startsWith(VersionInfo.version()), text);
        assertTrue(text.contains("epoll : "), text);
        assertTrue(text.contains("nio : "), text);
        assertTrue(text.contains(System.getProperty("java.version").split("[+-]")[0]), text);
        assertTrue(text.contains("roundrobin"), text);
        assertTrue(text.contains("TLS library: BoringSSL"), text);
    }

    @Test
    void helpGoesToStandardOutput() {
        assertEquals(0, run("--help"));
        assertTrue(out().startsWith("Usage : ballast"));
    }

    @Test
    void unknownOptionPrintsUsageOnStandardErrorAndFails() {
        assertEquals(1, run("-Z"));
        assertEquals("", out());
        assertTrue(err().contains("unknown option '-Z'"), err());
        assertTrue(err().contains("Usage : ballast"), err());
    }

    @Test
    void noConfigurationIsAnError() {
        assertEquals(1, run("-c"));
        assertTrue(err().contains("Usage : ballast"), err());
    }

    @Test
    void conditionExitCodes() {
        assertEquals(0, run("-cc", "1"));
        assertEquals(1, run("-cc", "0"));
        assertEquals(0, run("-cc", "version_atleast(2.4)"));
        assertEquals(1, run("-cc", "!1"));
        assertEquals(2, run("-cc", "foo("));
        assertTrue(err().contains("[ALERT]    ("), err());
        assertTrue(err().contains(" : config : Failed to evaluate condition: "), err());
    }

    @Test
    void conditionSeesTheEnvironment() {
        launcher = launcher(Map.of("BALLAST_TEST_VAR", "x"));
        assertEquals(0, run("-cc", "defined(BALLAST_TEST_VAR)"));
        assertEquals(1, run("-cc", "defined(BALLAST_TEST_UNSET)"));
    }

    @Test
    void checkValidConfiguration() throws IOException {
        Path cfg = file("valid.cfg", VALID);
        assertEquals(0, run("-c", "-f", cfg.toString()));
        assertEquals("Configuration file is valid" + System.lineSeparator(), out());
        assertEquals("", err());
    }

    @Test
    void checkValidConfigurationQuietly() throws IOException {
        Path cfg = file("valid.cfg", VALID);
        assertEquals(0, run("-c", "-q", "-f", cfg.toString()));
        assertEquals("", out());
        assertEquals("", err());
    }

    @Test
    void checkInvalidConfiguration() throws IOException {
        Path cfg = file("invalid.cfg", INVALID);
        assertEquals(1, run("-c", "-f", cfg.toString()));
        assertEquals("", out());
        String[] lines = err().split("\\R");
        assertTrue(lines.length >= 3, err());
        assertTrue(lines[0].matches("\\[ALERT]    \\(\\d+\\) : config : parsing \\[.*invalid\\.cfg:9] : .*"), err());
        assertTrue(lines[lines.length - 2].matches(
                "\\[ALERT]    \\(\\d+\\) : config : Error\\(s\\) found in configuration file : .*invalid\\.cfg"), err());
        assertTrue(lines[lines.length - 1].matches(
                "\\[ALERT]    \\(\\d+\\) : config : Fatal errors found in configuration\\."), err());
    }

    @Test
    void checkInvalidConfigurationQuietlyStillShowsTheErrors() throws IOException {
        Path cfg = file("invalid.cfg", INVALID);
        assertEquals(1, run("-c", "-q", "-f", cfg.toString()));
        assertEquals("", out());
        assertTrue(err().contains("Fatal errors found in configuration."), err());
    }

    @Test
    void checkWithWarnings() throws IOException {
        Path cfg = file("legacy.cfg", VALID.replace("\ttimeout connect 5s", "\tcontimeout 5000"));
        assertEquals(0, run("-c", "-f", cfg.toString()));
        assertEquals("Warnings were found." + System.lineSeparator() + "Configuration file is valid"
                + System.lineSeparator(), out());
        assertTrue(err().matches("(?s)\\[WARNING]  \\(\\d+\\) : config : parsing \\[.*legacy\\.cfg:3] : .*"), err());
    }

    @Test
    void quietHidesWarnings() throws IOException {
        Path cfg = file("legacy.cfg", VALID.replace("\ttimeout connect 5s", "\tcontimeout 5000"));
        assertEquals(0, run("-c", "-q", "-f", cfg.toString()));
        assertEquals("", out());
        assertEquals("", err());
    }

    @Test
    void zeroWarningMakesWarningsFatal() throws IOException {
        Path cfg = file("legacy.cfg", VALID.replace("\ttimeout connect 5s", "\tcontimeout 5000"));
        assertEquals(1, run("-c", "-dW", "-f", cfg.toString()));
        assertTrue(err().contains(" : config : Some warnings were found and 'zero-warning' is set. Aborting."),
                err());
    }

    @Test
    void checkWithoutListenerExitsTwo() throws IOException {
        Path cfg = file("nolisten.cfg", NO_LISTENER);
        assertEquals(2, run("-c", "-f", cfg.toString()));
        assertEquals("Configuration file has no error but will not start (no listener) => exit(2)."
                + System.lineSeparator(), out());
    }

    @Test
    void aStatsSocketIsAListenerAsInHaproxy() throws IOException {
        Path cfg = file("socket-only.cfg", "global\n\tstats socket " + dir.resolve("admin.sock")
                + " mode 660 level admin\ndefaults\n\tmode http\n");
        assertEquals(0, run("-c", "-f", cfg.toString()), err());
        assertEquals("Configuration file is valid" + System.lineSeparator(), out());
    }

    @Test
    void checkSeveralFilesAndDoubleDash() throws IOException {
        String[] halves = VALID.split("\nbackend be\n");
        Path front = file("10-front.cfg", halves[0]);
        Path back = file("20-back.cfg", "backend be\n" + halves[1]);
        assertEquals(0, run("-c", "-f", front.toString(), "--", back.toString()), err());
        assertEquals(0, run("-c", "-f", dir.toString()), err());
    }

    @Test
    void changeDirResolvesRelativeConfigurationFiles() throws IOException {
        file("valid.cfg", VALID);
        assertEquals(0, run("-c", "-C", dir.toString(), "-f", "valid.cfg"), err());
    }

    @Test
    void missingFileIsAFatalError() {
        assertEquals(1, run("-c", "-f", dir.resolve("nope.cfg").toString()));
        assertTrue(err().contains("Fatal errors found in configuration."), err());
    }

    @Test
    void aHandOverWithABadConfigurationNeverSignalsTheOldProcess() throws IOException {
        Path cfg = file("bad.cfg", VALID + "\tbogus_keyword\n");
        assertEquals(1, run("-f", cfg.toString(), "-sf", "1234"));
        assertTrue(err().contains("bogus_keyword"), err());
    }

    @Test
    void masterCliOptionsAreCheckedAndDebiansCheckLineWorks() throws IOException {
        Path cfg = file("valid.cfg", VALID);
        assertEquals(1, run("-W", "-S", dir.resolve("m.sock") + ",mode,99x", "-f", cfg.toString()));
        assertTrue(err().contains("-S " + dir.resolve("m.sock") + ",mode,99x: 'mode' : missing or invalid mode '99x'"),
                err());
        // Debian's unit reloads with "haproxy -Ws -f $CONFIG -c -q": that must keep working.
        assertEquals(0, run("-Ws", "-c", "-q", "-f", cfg.toString()));
    }

    @Test
    void runningWithoutListenerFails() throws IOException {
        Path cfg = file("nolisten.cfg", NO_LISTENER);
        assertEquals(1, run("-db", "-f", cfg.toString()));
        assertTrue(err().contains("No enabled listener found"), err());
    }

    @Test
    void runningAnInvalidConfigurationFailsBeforeStarting() throws IOException {
        Path cfg = file("invalid.cfg", INVALID);
        assertEquals(1, run("-db", "-f", cfg.toString()));
        assertTrue(err().contains("Fatal errors found in configuration."), err());
        assertFalse(out().contains("valid"));
    }
    private static final String LEGACY = VALID.replace("\ttimeout connect 5s", "\tcontimeout 5000");

    private static final String NOTICE_ONLY = ".notice \"hello from the configuration\"\n" + VALID;

    @Test
    void noticesArePrintedAsNoticesAndAreNotWarnings() throws IOException {
        Path cfg = file("notice.cfg", NOTICE_ONLY);
        assertEquals(0, run("-c", "-f", cfg.toString()), err());
        assertEquals("Configuration file is valid" + System.lineSeparator(), out(), "no 'Warnings were found.'");
        assertTrue(err().matches("(?s)\\[NOTICE]   \\(\\d+\\) : config : .*hello from the configuration.*"), err());
        assertFalse(err().contains("[WARNING]"), err());
    }

    @Test
    void noticesDoNotTripZeroWarning() throws IOException {
        Path cfg = file("notice.cfg", NOTICE_ONLY);
        assertEquals(0, run("-c", "-dW", "-f", cfg.toString()), err());
        Path global = file("notice-global.cfg",
                ".notice \"hello\"\nglobal\n\tzero-warning\n\n" + VALID);
        assertEquals(0, run("-c", "-f", global.toString()), err());
        assertFalse(err().contains("zero-warning"), err());
    }

    @Test
    void quietHidesNotices() throws IOException {
        Path cfg = file("notice.cfg", NOTICE_ONLY);
        assertEquals(0, run("-c", "-q", "-f", cfg.toString()));
        assertEquals("", err());
    }

    @Test
    void printDiagnosticsUsesOneLevelPerSeverity() {
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), 3);
        Launcher.printDiagnostics(console, false, List.of(
                new Diagnostic(Diagnostic.Severity.NOTICE, null, null, "n"),
                new Diagnostic(Diagnostic.Severity.WARNING, null, null, "w"),
                new Diagnostic(Diagnostic.Severity.ERROR, null, null, "e")));
        String nl = System.lineSeparator();
        assertEquals("[NOTICE]   (3) : config : n" + nl + "[WARNING]  (3) : config : w" + nl
                + "[ALERT]    (3) : config : e" + nl, err());
        Launcher.printDiagnostics(console, true, List.of(new Diagnostic(Diagnostic.Severity.WARNING, null, null, "q")));
        assertFalse(err().contains(": q"), "quiet");
        assertFalse(Launcher.isWarning(new Diagnostic(Diagnostic.Severity.NOTICE, null, null, "n")));
        assertTrue(Launcher.isWarning(new Diagnostic(Diagnostic.Severity.WARNING, null, null, "w")));
    }

    @Test
    void zeroWarningInGlobalActsLikeDashDW() throws IOException {
        Path cfg = file("zw.cfg", "global\n\tzero-warning\n\n" + LEGACY);
        assertEquals(1, run("-c", "-f", cfg.toString()));
        assertTrue(err().contains("[WARNING]"), err());
        assertTrue(err().contains(" : config : Some warnings were found and 'zero-warning' is set. Aborting."),
                err());
        assertEquals("", out());
        assertEquals(1, run("-db", "-f", cfg.toString()), "refuses to start too");
        Path clean = file("zw-clean.cfg", "global\n\tzero-warning\n\n" + VALID);
        assertEquals(0, run("-c", "-f", clean.toString()), err());
    }

    @Test
    void zeroWarningStillPrintsTheWarningsInDaemonMode() throws IOException {
        // The daemonizing parent stops before starting a child, so it must print the warnings itself, once.
        Path cfg = file("legacy.cfg", LEGACY);
        assertEquals(1, run("-D", "-dW", "-f", cfg.toString()));
        String text = err();
        assertEquals(1, text.split("\\[WARNING]", -1).length - 1, text);
        assertTrue(text.indexOf("[WARNING]") < text.indexOf("Aborting."), text);
    }

    @Test
    void noListenerInDaemonModePrintsTheWarningsOnce() throws IOException {
        Path cfg = file("nolisten.cfg", NO_LISTENER.replace("\ttimeout connect 5s", "\tcontimeout 5000"));
        assertEquals(1, run("-D", "-f", cfg.toString()));
        String text = err();
        assertEquals(1, text.split("\\[WARNING]", -1).length - 1, text);
        assertTrue(text.indexOf("[WARNING]") < text.indexOf("No enabled listener found"), text);
    }

    @Test
    void loadPrintsWarningsThenErrorsThenTheClosingAlerts() {
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), 5);
        SourceLocation at = new SourceLocation("x.cfg", 4);
        assertNull(Launcher.load(console, false, () -> {
            throw new ConfigException(List.of(new Diagnostic(Diagnostic.Severity.ERROR, at, "frob", "unknown")),
                    List.of(new Diagnostic(Diagnostic.Severity.WARNING, at, null, "old")));
        }));
        String[] lines = err().split("\\R");
        assertEquals(4, lines.length, err());
        assertTrue(lines[0].startsWith("[WARNING]  (5) : config : ") && lines[0].endsWith("old"), err());
        assertTrue(lines[1].startsWith("[ALERT]    (5) : config : ") && lines[1].endsWith("unknown"), err());
        assertEquals("[ALERT]    (5) : config : Error(s) found in configuration file : x.cfg", lines[2]);
        assertEquals("[ALERT]    (5) : config : Fatal errors found in configuration.", lines[3]);
    }
}
