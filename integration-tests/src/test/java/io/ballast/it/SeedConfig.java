package io.ballast.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The walkthrough's configuration ({@code examples/haproxy.cfg}) as written, with only its addresses
 * rewritten by text substitution: the two servers to local ports, {@code bind *:80} to a free port.
 * Variants (for example a {@code default-server} line) are further text edits of the same file.
 */
final class SeedConfig {
    static final String WEB01 = "172.31.6.124:80";
    static final String WEB02 = "172.31.6.125:80";
    static final String BIND = "bind *:80";

    private final String text;
    private final int frontendPort;

    private SeedConfig(String text, int frontendPort) {
        this.text = text;
        this.frontendPort = frontendPort;
    }

    static Path seedPath() {
        return Path.of(System.getProperty("ballast.seed", "../examples/haproxy.cfg")).toAbsolutePath().normalize();
    }

    static String seedText() {
        try {
            return Files.readString(seedPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The seed with web01/web02 at {@code host:port} of the given servers and the frontend on a free port. */
    static SeedConfig forServers(String web01, String web02) {
        int frontend = Net.freePort();
        String t = replaceOnce(seedText(), WEB01, web01);
        t = replaceOnce(t, WEB02, web02);
        t = replaceOnce(t, BIND, "bind *:" + frontend);
        return new SeedConfig(t, frontend);
    }

    static SeedConfig forServers(WebServer web01, WebServer web02) {
        return forServers(Net.LOOPBACK + ":" + web01.port(), Net.LOOPBACK + ":" + web02.port());
    }

    static String replaceOnce(String text, String from, String to) {
        int i = text.indexOf(from);
        if (i < 0 || text.indexOf(from, i + 1) >= 0) {
            throw new IllegalStateException("expected exactly one \"" + from + "\" in " + seedPath());
        }
        return text.substring(0, i) + to + text.substring(i + from.length());
    }

    /** Adds {@code default-server <args>} to the backend, right after {@code balance roundrobin}. */
    SeedConfig withDefaultServer(String args) {
        return withBackendLine("default-server " + args);
    }

    /** Adds a directive line to the backend, right after {@code balance roundrobin} (so before the servers). */
    SeedConfig withBackendLine(String line) {
        return new SeedConfig(replaceOnce(text, "balance roundrobin\n", "balance roundrobin\n\t" + line + "\n"),
                frontendPort);
    }

    /** Appends {@code args} to the {@code server <name> ...} line, after its {@code check}. */
    SeedConfig withServerArgs(String server, String args) {
        String prefix = "\tserver " + server + " ";
        int start = text.indexOf(prefix);
        if (start < 0 || text.indexOf(prefix, start + 1) >= 0) {
            throw new IllegalStateException("expected exactly one server " + server + " in " + seedPath());
        }
        int end = text.indexOf('\n', start);
        return new SeedConfig(text.substring(0, end) + " " + args + text.substring(end), frontendPort);
    }

    /** Any other exact, single-occurrence text edit. */
    SeedConfig replace(String from, String to) {
        return new SeedConfig(replaceOnce(text, from, to), frontendPort);
    }

    String text() {
        return text;
    }

    int frontendPort() {
        return frontendPort;
    }

    /** 1-based number of the first directive line (not a comment) starting with {@code keyword}. */
    int lineOf(String keyword) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.startsWith(keyword) && (l.length() == keyword.length() || Character.isWhitespace(l.charAt(keyword.length())))) {
                return i + 1;
            }
        }
        throw new IllegalStateException("no line starts with " + keyword);
    }

    /** Writes it as {@code haproxy.cfg} in {@code dir}. */
    Path writeTo(Path dir) {
        try {
            return Files.writeString(dir.resolve("haproxy.cfg"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
