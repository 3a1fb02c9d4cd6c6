package io.ballast.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ballast explain}, run in-process: its exit status, its report and its errors. */
class ExplainCommandTest {

    private static final String CONFIG = String.join("\n",
            "defaults",
            "\tmode http",
            "frontend fe",
            "\tbind 127.0.0.1:18089",
            "\tacl local src 10.0.0.0/8",
            "\tuse_backend inside if local",
            "\tdefault_backend be",
            "backend be",
            "\tserver s1 127.0.0.1:9",
            "backend inside",
            "\tserver i1 127.0.0.1:10",
            "");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Launcher(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of()).run(List.of(args));
    }

    private String config(String text) throws IOException {
        return Files.writeString(dir.resolve("haproxy.cfg"), text).toString();
    }

    @Test
    void printsTheReportWithTheClientAddressGiven() throws IOException {
        assertEquals(0, run("explain", "-f", config(CONFIG), "GET /x", "-H", "Host: a", "--src", "10.1.2.3:5555"), err.toString());
        String report = out.toString(StandardCharsets.UTF_8);
        assertTrue(report.startsWith("frontend: fe at "), report);
        assertTrue(report.contains("client: 10.1.2.3:5555"), report);
        assertTrue(report.contains("      local -> true"), report);
        assertTrue(report.contains("result: forwarded to inside/i1"), report);
    }

    @Test
    void withoutSourceTheSrcAclDoesNotMatch() throws IOException {
        assertEquals(0, run("explain", "-f", config(CONFIG), "--frontend", "fe", "GET /x HTTP/1.0"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("result: forwarded to be/s1"), out.toString());
    }

    @Test
    void unknownFrontendIsAnError() throws IOException {
        assertEquals(1, run("explain", "-f", config(CONFIG), "--frontend", "fee", "GET /", "-H", "Host: a"));
        assertTrue(err.toString().contains("no frontend is called 'fee'"), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void configurationErrorsArePrintedAsCheckModePrintsThem() throws IOException {
        String bad = config(CONFIG.replace("use_backend inside if local", "use_backend inside if lokal"));
        assertEquals(1, run("explain", "-f", bad, "GET /", "-H", "Host: a"));
        assertTrue(err.toString().contains("haproxy.cfg:6"), err.toString());
        assertTrue(err.toString().contains("Fatal errors found in configuration."), err.toString());
    }

    @Test
    void malformedArgumentsAreUsageErrors() throws IOException {
        String cfg = config(CONFIG);
        assertEquals(1, run("explain", "-f", cfg, "GET"));
        assertTrue(err.toString().contains("malformed request line 'GET'"), err.toString());
        assertTrue(err.toString().contains("ballast explain -f"), "the usage follows:\n" + err);
        assertEquals(1, run("explain", "-f", cfg, "GET /", "-H", "no colon"));
        assertTrue(err.toString().contains("malformed header 'no colon'"), err.toString());
        assertEquals(1, run("explain", "-f", cfg, "GET /", "--src", "example.com"));
        assertTrue(err.toString().contains("--src expects an IP address"), err.toString());
        assertEquals(1, run("explain", "GET /"));
        assertTrue(err.toString().contains("no configuration file given"), err.toString());
    }
}
