package io.ballast.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ballast.launcher.CommandLine.Action;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    private static CommandLine parse(String... args) throws CommandLine.UsageException {
        return CommandLine.parse(Arrays.asList(args));
    }

    private static void rejected(String... args) {
        assertThrows(CommandLine.UsageException.class, () -> parse(args), String.join(" ", args));
    }

    @Test
    void noArgumentsMeansRunWithNothing() throws Exception {
        CommandLine c = parse();
        assertEquals(Action.RUN, c.action());
        assertTrue(c.configPaths().isEmpty());
        assertFalse(c.daemon());
        assertFalse(c.foreground());
        assertFalse(c.quiet());
        assertNull(c.pidFile());
    }

    @Test
    void configFilesAreRepeatableAndKeepTheirOrder() throws Exception {
        CommandLine c = parse("-f", "a.cfg", "-f", "conf.d", "-f", "b.cfg");
        assertEquals(List.of("a.cfg", "conf.d", "b.cfg"), c.configPaths());
    }

    @Test
    void doubleDashEndsOptions() throws Exception {
        CommandLine c = parse("-f", "a.cfg", "-c", "--", "b.cfg", "-d", "--demo");
        assertEquals(List.of("a.cfg", "b.cfg", "-d", "--demo"), c.configPaths());
        assertEquals(Action.CHECK, c.action());
        assertFalse(c.foreground());
    }

    @Test
    void checkAndQuiet() throws Exception {
        CommandLine c = parse("-c", "-q", "-f", "x.cfg");
        assertEquals(Action.CHECK, c.action());
        assertTrue(c.quiet());
        assertFalse(parse("-c", "-q", "-V").quiet(), "-V disables quiet mode");
        assertTrue(parse("-V").verbose());
    }

    @Test
    void conditionTakesAnArgument() throws Exception {
        CommandLine c = parse("-cc", "version_atleast(2.4)");
        assertEquals(Action.CHECK_CONDITION, c.action());
        assertEquals("version_atleast(2.4)", c.condition());
        rejected("-cc");
    }

    @Test
    void foregroundAndDebugForms() throws Exception {
        assertTrue(parse("-d").foreground());
        assertTrue(parse("-db").foreground());
        for (String flag : List.of("-dM", "-dM0x55", "-de", "-dp", "-dS", "-dG", "-dR", "-dL", "-dKall", "-dr",
                "-dV", "-dD", "-dZ")) {
            // accepted (no UsageException) and without effect
            CommandLine c = parse(flag);
            assertFalse(c.foreground(), flag);
            assertFalse(c.zeroWarning(), flag);
        }
        assertTrue(parse("-dW").zeroWarning());
        assertFalse(parse("-db").zeroWarning());
    }

    @Test
    void daemonAndPidfile() throws Exception {
        CommandLine c = parse("-D", "-p", "/run/ballast.pid", "-f", "x.cfg");
        assertTrue(c.daemon());
        assertEquals("/run/ballast.pid", c.pidFile());
        assertEquals(Action.RUN, c.action());
        CommandLine both = parse("-D", "-db");
        assertTrue(both.daemon());
        assertTrue(both.foreground());
        rejected("-p");
    }

    @Test
    void localPeerChangeDirAndNumbers() throws Exception {
        // -L is accepted with its argument and unused: the argument must not be taken for something else
        CommandLine c = parse("-L", "node1", "-C", "/etc/haproxy", "-n", "1000", "-N", "50", "-m", "512");
        assertTrue(c.configPaths().isEmpty());
        assertEquals("/etc/haproxy", c.changeDir());
        assertEquals(1000, c.maxconn());
        assertEquals(50, c.defaultMaxconn());
        assertEquals(512, c.memoryLimit());
        rejected("-n", "lots");
        rejected("-L");
        rejected("-C");
    }

    @Test
    void versions() throws Exception {
        assertEquals(Action.VERSION, parse("-v").action());
        assertEquals(Action.BUILD_INFO, parse("-vv").action());
        assertEquals(Action.BUILD_INFO, parse("-v", "-vv").action());
        assertEquals(Action.VERSION, parse("-c", "-v", "-f", "x.cfg").action(), "-v wins over -c");
    }

    @Test
    void helpWinsOverEverything() throws Exception {
        assertEquals(Action.HELP, parse("-h").action());
        assertEquals(Action.HELP, parse("--help", "-v").action());
    }

    @Test
    void hotReloadOptionsCollectPids() throws Exception {
        CommandLine c = parse("-f", "x.cfg", "-sf", "12", "34", "-st", "56", "-f", "y.cfg");
        assertEquals(List.of(12L, 34L), c.softStopPids());
        assertEquals(List.of(56L), c.hardStopPids());
        assertEquals(List.of("x.cfg", "y.cfg"), c.configPaths());
        assertEquals(List.of(-1L), parse("-sf").softStopPids(), "an empty list is still remembered");
        assertTrue(parse("-f", "x.cfg").softStopPids().isEmpty());
    }

    @Test
    void masterWorkerOptions() throws Exception {
        assertTrue(parse("-W").masterWorker());
        assertTrue(parse("-Ws").masterWorker());
        assertEquals("/run/haproxy-master.sock", parse("-S", "/run/haproxy-master.sock").masterCli());
        assertEquals("/run/haproxy.sock", parse("-x", "/run/haproxy.sock").fdSocket());
        rejected("-S");
        rejected("-x");
    }

    @Test
    void demo() throws Exception {
        assertEquals(Action.DEMO, parse("--demo").action());
        CommandLine c = parse("--demo", "--demo-port", "9090");
        assertEquals(9090, c.demoPort());
        assertEquals(Action.DEMO, parse("--demo-port", "9090").action(), "--demo-port implies --demo");
        assertEquals(0, parse("--demo").demoPort());
        rejected("--demo-port");
        rejected("--demo-port", "0");
        rejected("--demo-port", "70000");
        rejected("--demo-port", "http");
    }

    @Test
    void unknownOptionsAndStrayArgumentsAreRejected() {
        rejected("-Z");
        rejected("--frobnicate");
        rejected("-vvv");
        rejected("-f");
        rejected("haproxy.cfg");
        rejected("-f", "a.cfg", "b.cfg");
        rejected("-");
    }

    @Test
    void usageMentionsTheMainOptions() {
        String usage = CommandLine.usage();
        assertTrue(usage.startsWith("Usage : ballast"));
        for (String option : List.of("-f", "-c", "-cc", "-q", "-d", "-db", "-D", "-p", "-v", "-vv", "-sf", "--demo")) {
            assertTrue(usage.contains(option + " ") || usage.contains(option + "/"), option);
        }
    }
}
