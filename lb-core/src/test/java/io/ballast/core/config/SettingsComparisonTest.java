package io.ballast.core.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsComparisonTest {

    @TempDir
    Path dir;

    private BallastConfig parse(String text) throws Exception {
        return ConfigLoader.create().parse("t.cfg", text).config();
    }

    private String config(String extraFirstLines) throws Exception {
        Path page = dir.resolve("503.http");
        Files.writeString(page, "HTTP/1.0 503 Service Unavailable\r\n\r\ndown\n");
        return extraFirstLines
                + "defaults\n  mode http\n  timeout connect 1s\n  timeout client 1s\n  timeout server 1s\n"
                + "frontend fe\n  bind :8080\n  errorfile 503 " + page + "\n  default_backend be\n"
                + "backend be\n  option tcp-check\n  tcp-check send PING\\r\\n\n  tcp-check expect rstring ^\\+PONG\n"
                + "  server s1 127.0.0.1:6379 check\n";
    }

    @Test
    void theSameTextReadTwiceIsTheSameWhereverItIsWritten() throws Exception {
        BallastConfig first = parse(config(""));
        BallastConfig moved = parse(config("# a comment moves every line down\n\n"));
        assertTrue(SettingsComparison.same(first.frontends().get(0), moved.frontends().get(0)),
                "an errorfile's bytes compare by content");
        assertTrue(SettingsComparison.sameExcept(first.backends().get(0), moved.backends().get(0), "servers"),
                "a tcp-check's payload and regex compare by content");
    }

    @Test
    void aDifferentRegexIsADifference() throws Exception {
        BallastConfig first = parse(config(""));
        BallastConfig other = parse(config("").replace("^\\+PONG", "^\\+PANG"));
        assertFalse(SettingsComparison.sameExcept(first.backends().get(0), other.backends().get(0), "servers"));
    }
}
