package io.ballast.proxy.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runtime API's line protocol over real UNIX and TCP sockets, with the bytes HAProxy 2.6.12 sends for the same
 * input: one command per line or {@code ;}, an empty line after each answer, {@code prompt} mode, payloads,
 * {@code stats timeout}, levels, socket files.
 */
@Timeout(30)
class CliProtocolTest {

    @RegisterExtension
    final RunningCli cli = new RunningCli();

    private void startWith(String globalLines) throws Exception {
        cli.start("global\n" + globalLines + "defaults\n  mode http\n  timeout connect 1s\n  timeout client 5s\n"
                + "  timeout server 5s\nfrontend fe\n  bind 127.0.0.1:" + RunningCli.freePort() + "\n"
                + "  default_backend be\nbackend be\n  server s1 127.0.0.1:" + cli.server() + "\n");
    }

    @Test
    void oneAnswerPerCommandThenTheConnectionCloses() throws Exception {
        startWith("  stats socket DIR/admin.sock level admin\n");
        assertEquals("# name\nbe\n\n", cli.send("admin.sock", "show backend\n"));
        assertEquals("# name\nbe\n\nadmin\n\n", cli.send("admin.sock", "show backend;show cli level\n"));
        assertEquals("# name\nbe\n\nadmin\n\n", cli.send("admin.sock", "show backend\r\nshow cli level\r\n"));
        assertEquals("", cli.send("admin.sock", "show backend"), "a line without its end is dropped");
        assertEquals("", cli.send("admin.sock", "quit;show backend\n"));
        try (CliClient c = CliClient.unix(cli.dir().resolve("admin.sock"))) {
            assertEquals("# name\nbe\n\n", c.send("show backend\n").readToEnd(), "closes without waiting for EOF");
        }
    }

    @Test
    void escapedSemicolonsStayInTheWord() throws Exception {
        startWith("  stats socket DIR/admin.sock level admin\n");
        String answer = cli.send("admin.sock", "show backend\\;x\n");
        assertTrue(answer.startsWith("Unknown command, but maybe one of the following ones is a better match:\n"
                + "  show backend                            : list backends in the current running config\n"), answer);
    }

    @Test
    void promptModeKeepsTheSessionOpen() throws Exception {
        startWith("  stats socket DIR/admin.sock level admin\n");
        try (CliClient c = CliClient.unix(cli.dir().resolve("admin.sock"))) {
            assertEquals("\n> ", c.send("prompt\n").readUntil("> "));
            assertEquals("admin\n\n> ", c.send("show cli level\n").readUntil("> "));
            assertEquals("\n> operator\n\n> ", c.send("operator;show cli level\n").readUntil("operator\n\n> "));
            assertEquals("\n", c.send("prompt\n").readUntil("\n"), "prompt again leaves interactive mode");
            assertEquals("", c.readToEnd());
        }
        try (CliClient c = CliClient.unix(cli.dir().resolve("admin.sock"))) {
            c.send("prompt\n").readUntil("> ");
            assertEquals("", c.send("quit\n").readToEnd());
        }
    }

    @Test
    void payloadsEndAtAnEmptyLine() throws Exception {
        startWith("  stats socket DIR/admin.sock level admin\n");
        assertEquals("\n> + + + admin\n\n> ", promptThenRead("prompt\nshow cli level <<\nfoo\nbar\n\n"));
        assertEquals("admin\n\n", cli.send("admin.sock", "show cli level <<\nfoo;bar\n\n"));
    }

    private String promptThenRead(String input) throws Exception {
        try (CliClient c = CliClient.unix(cli.dir().resolve("admin.sock"))) {
            return c.send(input).readUntil("\n\n> ");
        }
    }

    @Test
    void anIdleSessionClosesAfterStatsTimeout() throws Exception {
        startWith("  stats socket DIR/admin.sock level admin\n  stats timeout 300ms\n");
        try (CliClient c = CliClient.unix(cli.dir().resolve("admin.sock"))) {
            c.send("prompt\n").readUntil("> ");
            long start = System.nanoTime();
            assertTrue(c.closedWithin(3000));
            assertTrue(System.nanoTime() - start >= 250_000_000L, "not before the timeout");
        }
    }

    @Test
    void levelsLimitWhatASessionMayDo() throws Exception {
        startWith("  stats socket DIR/user.sock level user\n  stats socket DIR/default.sock\n");
        assertEquals("user\n\n", cli.send("user.sock", "show cli level\n"));
        assertEquals("Permission denied\n\n", cli.send("user.sock", "set server be/s1 state drain\n"));
        assertEquals("Permission denied\n\n", cli.send("user.sock", "operator\n"));
        assertEquals("Permission denied\n\n", cli.send("user.sock", "show sess\n"));
        assertEquals("operator\n\n", cli.send("default.sock", "show cli level\n"), "HAProxy's default level");
        assertEquals("\n", cli.send("default.sock", "clear counters\n"));
        assertEquals("Permission denied\n\n", cli.send("default.sock", "clear counters all\n"));
        assertEquals("Permission denied\n\n", cli.send("default.sock", "set weight be/s1 2\n"));
        assertEquals("user\n\n", cli.send("default.sock", "user -;show cli level\n"), "'-' drops the empty line");
    }

    @Test
    void unknownCommandsGetTheNearestCommands() throws Exception {
        startWith("  stats socket DIR/admin.sock level admin\n");
        String tail = "  help [<command>]                        : list matching or all commands\n"
                + "  prompt                                  : toggle interactive mode with prompt\n"
                + "  quit                                    : disconnect\n\n";
        assertEquals("Unknown command, but maybe one of the following ones is a better match:\n"
                + "  show stat [desc|json|no-maint|typed|up]*: report counters for each proxy and server\n" + tail,
                cli.send("admin.sock", "sho stat\n"));
        String all = cli.send("admin.sock", "\n");
        assertTrue(all.startsWith("Unknown command. Please enter one of the following commands only:\n"
                + "  add server <bk>/<srv>                   : create a new server\n"), all);
        assertTrue(all.endsWith(tail));
        assertEquals(all.replace("Unknown command. Please enter one of the following commands only:",
                "The following commands are valid at this level:"), cli.send("admin.sock", "help\n"));
        assertEquals("The following commands are valid at this level:\n"
                + "  get weight <bk>/<srv>                   : report a server's current weight\n" + tail,
                cli.send("admin.sock", "help get\n"));
    }

    @Test
    void unixSocketFilesGetTheirModeAndReplaceStaleOnes() throws Exception {
        Path stale = cli.dir().resolve("admin.sock");
        Files.writeString(stale, "left by a previous process");
        startWith("  stats socket DIR/admin.sock mode 600 level admin\n");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(stale)));
        assertFalse(Files.isRegularFile(stale), "replaced by the socket");
        assertEquals("admin\n\n", cli.send("admin.sock", "show cli level\n"));
        try (var files = Files.list(cli.dir())) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    @Test
    void unixSocketFilesGetTheirOwnerAndGroup() throws Exception {
        Path probe = Files.createTempFile(cli.dir(), "probe", "");
        String user = Files.getOwner(probe).getName();
        String group = Files.readAttributes(probe, java.nio.file.attribute.PosixFileAttributes.class).group().getName();
        Files.delete(probe);
        startWith("  stats socket DIR/admin.sock mode 640 user " + user + " group " + group + " level admin\n");
        Path socket = cli.dir().resolve("admin.sock");
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        assertEquals(user, Files.getOwner(socket).getName());
        assertEquals(group, Files.readAttributes(socket, java.nio.file.attribute.PosixFileAttributes.class).group()
                .getName());
    }

    @Test
    void tcpSockets() throws Exception {
        int port = RunningCli.freePort();
        startWith("  stats socket ipv4@127.0.0.1:" + port + " level admin\n");
        try (CliClient c = CliClient.tcp(port)) {
            assertEquals("# name\nbe\n\n", c.send("show backend\n").shutdownOutput().readToEnd());
        }
        try (CliClient c = CliClient.tcp(port)) {
            String sessions = c.send("show sess\n").readToEnd();
            assertTrue(sessions.matches("0x[0-9a-f]+: proto=tcpv4 src=127\\.0\\.0\\.1:\\d+ fe=GLOBAL be=<NONE> srv=<none>"
                    + " age=0s\n\n"), sessions);
        }
    }

    @Test
    void aSocketThatCannotBeBoundIsReportedAndLeftOut() throws Exception {
        startWith("  stats socket DIR/missing/admin.sock level admin\n  stats socket DIR/admin.sock level admin\n");
        assertTrue(cli.log.contains("WARNING Binding [test.cfg:2] for frontend GLOBAL: cannot bind UNIX socket (No such"
                + " file or directory) [" + cli.dir() + "/missing/admin.sock]; starting without this runtime API"
                + " socket."), cli.log.toString());
        assertEquals("admin\n\n", cli.send("admin.sock", "show cli level\n"), "the other socket works");
    }
}
