package io.ballast.core.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.ballast.core.config.TestConfigs.cfg;
import static io.ballast.core.config.TestConfigs.errors;
import static io.ballast.core.config.TestConfigs.fails;
import static io.ballast.core.config.TestConfigs.load;
import static io.ballast.core.config.TestConfigs.minimal;
import static io.ballast.core.config.TestConfigs.warnings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code http-errors} sections, {@code errorfiles} and {@code http-error}, with HAProxy 2.6's messages. */
class ErrorPageConfigTest {

    @TempDir
    Path dir;

    private String page() throws Exception {
        Path file = dir.resolve("503.http");
        Files.writeString(file, "HTTP/1.0 503 X\r\ncontent-length: 1\r\n\r\nB", StandardCharsets.ISO_8859_1);
        return file.toString();
    }

    @Test
    void anUnknownSectionIsAnError() {
        assertTrue(errors(fails(minimal("  errorfiles nosuch"))).contains("unknown http-errors section 'nosuch'"));
    }

    @Test
    void aCodeMissingFromTheSectionIsAWarning() throws Exception {
        LoadedConfig c = load(cfg("http-errors site", "  errorfile 503 " + page()) + minimal("  errorfiles site 404"));
        assertTrue(warnings(c.warnings()).contains("status '404' not declared in http-errors section 'site'"));
        assertTrue(c.config().backend("be").orElseThrow().errorFiles().isEmpty());
    }

    @Test
    void aSectionNeedsAUniqueName() throws Exception {
        assertTrue(errors(fails(cfg("http-errors") + minimal())).contains("missing name for http-errors section."));
        String twice = cfg("http-errors site", "http-errors site") + minimal();
        assertTrue(errors(fails(twice)).contains("http-errors section 'site' already exists"));
    }

    @Test
    void aSectionHoldsOnlyErrorfileLines() {
        assertTrue(errors(fails(cfg("http-errors site", "  foo bar") + minimal()))
                .contains("unknown keyword 'foo' in 'http-errors' section"));
    }

    @Test
    void aPayloadNeedsAContentType() {
        assertTrue(errors(fails(minimal("  http-error status 503 string x")))
                .contains("a content type must be defined when non-empty payload is configured"));
    }

    @Test
    void httpErrorChecksItsStatus() {
        assertTrue(errors(fails(minimal("  http-error status 999"))).contains("Unexpected status code '999'"));
    }

    @Test
    void logFormatPayloadsAreRefusedClearly() {
        assertTrue(errors(fails(minimal("  http-error status 503 content-type text/plain lf-string %[src]")))
                .contains("'lf-string' is not supported yet"));
    }

    @Test
    void onlyOnePayloadIsAllowed() {
        assertTrue(errors(fails(minimal("  http-error status 503 content-type text/plain string a string b")))
                .contains("unexpected 'string' argument, 'string' already defined"));
    }

    @Test
    void httpErrorBuildsTheResponse() throws Exception {
        LoadedConfig c = load(minimal("  http-error status 503 content-type text/plain string hi"));
        assertEquals("HTTP/1.1 503 Service Unavailable\r\ncontent-length: 2\r\ncontent-type: text/plain\r\n\r\nhi",
                new String(c.config().backend("be").orElseThrow().errorFiles().get(503).content(),
                        StandardCharsets.ISO_8859_1));
    }
}
