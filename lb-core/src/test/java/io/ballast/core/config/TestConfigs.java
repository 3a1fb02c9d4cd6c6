package io.ballast.core.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Helpers for configuration tests. */
final class TestConfigs {

    private TestConfigs() {
    }

    /** The test resource folder {@code config/}. */
    static Path resources() {
        try {
            return Path.of(TestConfigs.class.getResource("/config").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String resource(String name) {
        try {
            return Files.readString(resources().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The walkthrough's configuration with its errorfile paths pointing at the test resources. */
    static String seed() {
        return resource("seed-haproxy.cfg").replace("/etc/haproxy/errors/", resources().resolve("errors") + "/");
    }

    static LoadedConfig load(String text) throws ConfigException {
        return ConfigLoader.withEnvironment(Map.of()).parse("t.cfg", text);
    }

    static LoadedConfig load(String text, Map<String, String> env) throws ConfigException {
        return ConfigLoader.withEnvironment(env).parse("t.cfg", text);
    }

    /** The lines joined with newlines. */
    static String cfg(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    /** A valid HTTP frontend/backend pair with timeouts, followed by {@code extra} lines in the backend. */
    static String minimal(String... backendLines) {
        return cfg("defaults", "  mode http", "  timeout connect 5s", "  timeout client 30s", "  timeout server 30s",
                "frontend fe", "  bind :8080", "  default_backend be", "backend be")
                + cfg(backendLines);
    }

    static ConfigException fails(String text) {
        return assertThrows(ConfigException.class, () -> load(text));
    }

    static String errors(ConfigException e) {
        return e.errors().stream().map(Diagnostic::toString).collect(Collectors.joining("\n"));
    }

    static String warnings(List<Diagnostic> warnings) {
        return warnings.stream().map(Diagnostic::toString).collect(Collectors.joining("\n"));
    }
}
