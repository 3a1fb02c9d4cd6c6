package io.ballast.proxy;

import io.ballast.core.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code http-errors} sections, {@code errorfiles} and {@code http-error} on the wire: a backend without servers
 * answers 503 with the page its lines select, the last line for a status winning as in HAProxy 2.6.
 */
class ErrorPagesTest {

    @RegisterExtension
    final RunningBallast running = new RunningBallast();

    @TempDir
    Path dir;

    private static final String GET = "GET / HTTP/1.1\r\nHost: t\r\n\r\n";

    /** A file holding a complete 503 response whose body is {@code body}. */
    private String page(String body) throws Exception {
        Path file = dir.resolve(body + ".http");
        Files.writeString(file, "HTTP/1.0 503 Custom\r\ncontent-length: " + body.length() + "\r\n\r\n" + body,
                StandardCharsets.ISO_8859_1);
        return file.toString();
    }

    /** Starts a proxy without servers, {@code defaults} and {@code listen} lines as given, then sends a GET. */
    private RawClient.Response answer(String sections, String defaultsLines, String listenLines) throws Exception {
        String cfg = sections + """
                defaults
                  mode http
                  timeout connect 1s
                  timeout client 5s
                  timeout server 5s
                %s
                listen web
                  bind 127.0.0.1:%d
                %s
                """.formatted(defaultsLines, TestConfigs.freePort(), listenLines);
        SocketAddress lb = running.start(ConfigLoader.create().parse("errors.cfg", cfg).config());
        try (RawClient c = new RawClient(lb)) {
            return c.send(GET).read();
        }
    }

    @Test
    void errorfilesTakesThePagesOfAnHttpErrorsSection() throws Exception {
        String sections = "http-errors site\n  errorfile 503 " + page("from-section") + "\n";
        assertEquals("from-section", answer(sections, "", "  errorfiles site").body());
    }

    @Test
    void errorfilesMayNameASectionDeclaredFurtherDown() throws Exception {
        String cfg = """
                defaults
                  mode http
                  timeout connect 1s
                  timeout client 5s
                  timeout server 5s
                listen web
                  bind 127.0.0.1:%d
                  errorfiles later
                http-errors later
                  errorfile 503 %s
                """.formatted(TestConfigs.freePort(), page("declared-later"));
        SocketAddress lb = running.start(ConfigLoader.create().parse("errors.cfg", cfg).config());
        try (RawClient c = new RawClient(lb)) {
            assertEquals("declared-later", c.send(GET).read().body());
        }
    }

    @Test
    void errorfilesWithCodesTakesOnlyThoseCodes() throws Exception {
        String sections = "http-errors site\n  errorfile 503 " + page("from-section") + "\n";
        RawClient.Response r = answer(sections, "", "  errorfiles site 404");
        assertTrue(r.body().contains("No server is available"), r.body());
    }

    @Test
    void theLastErrorLineOfAProxyWins() throws Exception {
        String sections = "http-errors site\n  errorfile 503 " + page("from-section") + "\n";
        assertEquals("from-section", answer(sections, "",
                "  errorfile 503 " + page("errorfile") + "\n  errorfiles site").body());
        running.afterEach(null);
        assertEquals("errorfile", answer(sections, "",
                "  errorfiles site\n  errorfile 503 " + page("errorfile")).body());
    }

    @Test
    void aProxyLineOverridesItsDefaults() throws Exception {
        String sections = "http-errors site\n  errorfile 503 " + page("from-section") + "\n";
        assertEquals("from-section", answer(sections, "  errorfile 503 " + page("defaults"),
                "  errorfiles site").body());
    }

    @Test
    void httpErrorStringIsAnsweredAsHaproxyWritesIt() throws Exception {
        RawClient.Response r = answer("", "",
                "  http-error status 503 content-type text/plain string \"try later\" hdr Retry-After 30");
        assertEquals("HTTP/1.1 503 Service Unavailable\r\nretry-after: 30\r\ncontent-length: 9\r\n"
                + "content-type: text/plain\r\n\r\n", r.head());
        assertEquals("try later", r.body());
    }

    @Test
    void httpErrorDefaultErrorfilesRestoresTheBuiltInPage() throws Exception {
        RawClient.Response r = answer("", "  errorfile 503 " + page("defaults"),
                "  http-error status 503 default-errorfiles");
        assertTrue(r.body().contains("No server is available"), r.body());
    }

    @Test
    void httpErrorErrorfilesTakesOneCodeFromASection() throws Exception {
        String sections = "http-errors site\n  errorfile 503 " + page("from-section") + "\n";
        assertEquals("from-section", answer(sections, "", "  http-error status 503 errorfiles site").body());
    }
}
