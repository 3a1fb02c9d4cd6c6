package io.ballast.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What runs a configuration: Ballast ({@code java -jar ballast.jar}) or the real HAProxy from the Debian
 * package, which takes the same command line ({@code -c}, {@code -db}, {@code -f}). Most tests run the
 * {@link #underTest() engine under test}; differential tests run both.
 */
enum Engine {
    BALLAST,
    HAPROXY;

    /** Ballast, or HAProxy with {@code -Dballast.reference=haproxy} (which checks the tests themselves). */
    static Engine underTest() {
        return "haproxy".equals(System.getProperty("ballast.reference")) ? HAPROXY : BALLAST;
    }

    /** Skips the calling test if this engine cannot run here. */
    void assumeAvailable() {
        if (this == HAPROXY) {
            assumeTrue(haproxyBinary() != null, "haproxy is not installed: run .ci/run or `apt-get install haproxy`");
        }
    }

    /** The command line that runs this engine with {@code args}. */
    List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        if (this == HAPROXY) {
            cmd.add("haproxy");
        } else {
            Path jar = BallastProcess.jar();
            assertTrue(Files.isRegularFile(jar), "ballast.jar not built: " + jar
                    + " (run `mvn -B verify` from the project root, which packages lb-launcher first)");
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("-jar");
            cmd.add(jar.toString());
        }
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * The configuration file this engine reads for {@code config}: the file itself for Ballast; for HAProxy a
     * sibling copy with the legacy {@code contimeout}/{@code clitimeout}/{@code srvtimeout} (which HAProxy 2.1+
     * rejects and Ballast accepts with a warning) translated to {@code timeout connect/client/server}.
     */
    Path configFor(Path config) {
        if (this == BALLAST) {
            return config;
        }
        try {
            String text = Files.readString(config)
                    .replaceAll("(?m)^(\\s*)contimeout\\s", "$1timeout connect ")
                    .replaceAll("(?m)^(\\s*)clitimeout\\s", "$1timeout client ")
                    .replaceAll("(?m)^(\\s*)srvtimeout\\s", "$1timeout server ");
            Path translated = config.resolveSibling(config.getFileName() + ".haproxy.cfg");
            Files.writeString(translated, text);
            return translated;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path haproxyBinary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "haproxy");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return this == HAPROXY ? "haproxy" : "ballast";
    }
}
