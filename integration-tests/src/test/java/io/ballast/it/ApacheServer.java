package io.ballast.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Apache httpd from the Debian package ({@code /usr/sbin/apache2}), run in the foreground on a
 * free loopback port with a minimal generated {@code httpd.conf} in its own temporary directory. Made with
 * {@link #createEcho}, it answers every path with {@link EchoCgi}'s report of the request it received instead.
 *
 * <p>Every instance also serves {@code /health} ({@code OK}) and can be told, while it runs, to answer one
 * path with an error status instead ({@link #answer}); that switch is a marker file that a {@code mod_rewrite}
 * condition tests on each request, so no reload is needed.
 */
final class ApacheServer implements WebServer {
    static final Path APACHE = Path.of("/usr/sbin/apache2");
    static final Path MODULES = Path.of("/usr/lib/apache2/modules");
    /** The statuses {@link #answer} can force. */
    static final List<Integer> FORCEABLE_STATUSES = List.of(404, 500, 502, 503);
    static final String HEALTH_PATH = "/health";

    private final String name;
    private final boolean echo;
    private final int port;
    private final Path dir;
    private final Path conf;
    private Process process;

    private ApacheServer(String name, boolean echo, int port, Path dir) {
        this.name = name;
        this.echo = echo;
        this.port = port;
        this.dir = dir;
        this.conf = dir.resolve("httpd.conf");
    }

    /** Skips the calling test if Apache is not installed (.ci/run installs it, so CI never skips). */
    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(APACHE), "apache2 is not installed (" + APACHE
                + " missing): run .ci/run or `apt-get install apache2`");
    }

    /** Creates (does not start) an Apache serving an index page that names {@code name}. */
    static ApacheServer create(String name) {
        return create(name, false);
    }

    /**
     * Creates (does not start) an Apache that answers every path with {@link EchoCgi}'s report of the request
     * it received, naming {@code name}.
     */
    static ApacheServer createEcho(String name) {
        return create(name, true);
    }

    private static ApacheServer create(String name, boolean echo) {
        assumeInstalled();
        try {
            Path dir = Reaper.trackDir(Files.createTempDirectory("ballast-apache-" + name + "-"));
            ApacheServer server = new ApacheServer(name, echo, Net.freePort(), dir);
            server.writeFiles();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int port() {
        return port;
    }

    Path documentRoot() {
        return dir.resolve("htdocs");
    }

    private Path statusMarkers() {
        return dir.resolve("status");
    }

    /**
     * From now on answer {@code path} (an exact URL path such as {@code /health}) with {@code status}, one of
     * {@link #FORCEABLE_STATUSES}, instead of its content; takes effect on the next request.
     */
    void answer(String path, int status) {
        if (!FORCEABLE_STATUSES.contains(status) || !path.startsWith("/") || path.contains("..")) {
            throw new IllegalArgumentException(path + " -> " + status + " (forceable: " + FORCEABLE_STATUSES + ")");
        }
        answerNormally(path);
        try {
            Files.writeString(statusMarkers().resolve(status + path), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes it serve HTTPS (mod_ssl) instead of HTTP on its port, with {@code certificate} and {@code key} (PEM
     * files); call before {@link #start}.
     */
    void enableTls(Path certificate, Path key) {
        try {
            Files.writeString(conf, loadModule("ssl") + "SSLEngine on\nSSLCertificateFile \"" + certificate
                    + "\"\nSSLCertificateKeyFile \"" + key + "\"\n", java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes it speak HTTP/2 (mod_http2): in clear text with prior knowledge ({@code h2c}), or over TLS by ALPN
     * ({@code h2}) once {@link #enableTls} was called too; HTTP/1.1 still works. Call before {@link #start}.
     */
    void enableHttp2() {
        try {
            Files.writeString(conf, loadModule("http2") + "Protocols h2 h2c http/1.1\nH2Direct on\n",
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Undoes {@link #answer}: {@code path} is served normally again from the next request. */
    void answerNormally(String path) {
        try {
            for (int status : FORCEABLE_STATUSES) {
                Files.deleteIfExists(statusMarkers().resolve(status + path));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page at {@code /}, as Apache serves it. */
    static String indexPage(String name) {
        return "<!DOCTYPE html>\n<html><head><title>" + name + "</title></head>\n<body><h1>" + name
                + "</h1><p>Served by " + name + "</p></body></html>\n";
    }

    private void writeFiles() throws IOException {
        boolean root = isRoot();
        Path htdocs = Files.createDirectories(documentRoot());
        Files.createDirectories(dir.resolve("logs"));
        Files.createDirectories(dir.resolve("run"));
        Files.writeString(htdocs.resolve("index.html"), indexPage(name));
        Files.writeString(htdocs.resolve(HEALTH_PATH.substring(1)), "OK\n");
        for (int status : FORCEABLE_STATUSES) {
            Files.createDirectories(statusMarkers().resolve(Integer.toString(status)));
        }
        if (root) {
            // Apache's children run as www-data: they must be able to reach and read the DocumentRoot.
            var readable = PosixFilePermissions.fromString("rwxr-xr-x");
            Files.setPosixFilePermissions(dir, readable);
            Files.setPosixFilePermissions(htdocs, readable);
            for (String f : List.of("index.html", HEALTH_PATH.substring(1))) {
                Files.setPosixFilePermissions(htdocs.resolve(f), PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.setPosixFilePermissions(statusMarkers(), readable);
            for (int status : FORCEABLE_STATUSES) {
                Files.setPosixFilePermissions(statusMarkers().resolve(Integer.toString(status)), readable);
            }
        }
        String mpm = Files.exists(MODULES.resolve("mod_mpm_event.so")) ? "mpm_event" : "mpm_prefork";
        StringBuilder c = new StringBuilder();
        c.append("ServerRoot \"").append(dir).append("\"\n");
        c.append("DefaultRuntimeDir \"").append(dir.resolve("run")).append("\"\n");
        c.append("PidFile \"").append(dir.resolve("run/httpd.pid")).append("\"\n");
        c.append("Listen ").append(Net.LOOPBACK).append(':').append(port).append('\n');
        c.append("ServerName ").append(name).append('\n');
        c.append(loadModule(mpm));
        for (String m : List.of("authz_core", "dir", "mime")) {
            c.append(loadModule(m));
        }
        c.append("<IfModule !unixd_module>\n").append(loadModule("unixd")).append("</IfModule>\n");
        if (root) {
            c.append("User www-data\nGroup www-data\n");
        }
        c.append("ErrorLog \"").append(dir.resolve("logs/error.log")).append("\"\n");
        c.append("LogLevel warn\n");
        c.append("CustomLog \"").append(accessLog()).append("\" \"%r\"\n");
        c.append("TypesConfig /etc/mime.types\n");
        c.append("DocumentRoot \"").append(htdocs).append("\"\n");
        c.append("<Directory />\n  Require all denied\n</Directory>\n");
        c.append("<Directory \"").append(htdocs).append("\">\n  Require all granted\n</Directory>\n");
        c.append("DirectoryIndex index.html\n");
        c.append(statusSwitches());
        if (echo) {
            c.append(EchoCgi.install(dir, name, mpm, root));
        }
        c.append("KeepAlive On\n");
        if (mpm.equals("mpm_event")) {
            c.append("StartServers 1\nServerLimit 2\nThreadsPerChild 25\nMaxRequestWorkers 50\n");
            c.append("MinSpareThreads 5\nMaxSpareThreads 50\n");
        }
        Files.writeString(conf, c.toString());
    }

    private Path accessLog() {
        return dir.resolve("logs/access.log");
    }

    /** The request lines this server logged so far, oldest first (its access log, one line per request). */
    List<String> requestLines() {
        try {
            return Files.exists(accessLog()) ? Files.readAllLines(accessLog()) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The request lines once at least {@code count} are logged, or after 5 s: Apache writes a line after its
     * response has gone (mod_http2 when the stream is cleaned up), so a client may have its answer first.
     */
    List<String> requestLines(int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<String> lines = requestLines();
        while (lines.size() < count && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            lines = requestLines();
        }
        return lines;
    }

    /** mod_rewrite rules: {@code status/<code>/<path>} existing makes {@code <path>} answer {@code <code>}. */
    private String statusSwitches() {
        StringBuilder c = new StringBuilder(loadModule("rewrite")).append("RewriteEngine On\n");
        for (int status : FORCEABLE_STATUSES) {
            c.append("RewriteCond \"").append(statusMarkers().resolve(Integer.toString(status)))
                    .append("%{REQUEST_URI}\" -f\n");
            c.append("RewriteRule ^ - [R=").append(status).append(",L]\n");
        }
        return c.toString();
    }

    private static String loadModule(String module) {
        return "LoadModule " + module + "_module " + MODULES.resolve("mod_" + module + ".so") + "\n";
    }

    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    @Override
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            process = Reaper.track(new ProcessBuilder(APACHE.toString(), "-DFOREGROUND", "-f", conf.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("logs/console.log").toFile())
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process p = process;
        Net.await(() -> {
            if (!p.isAlive()) {
                throw new AssertionError("apache2 " + name + " exited with " + p.exitValue() + ": " + diagnostics());
            }
            return Net.accepts(port);
        }, Duration.ofSeconds(20), () -> "apache2 " + name + " on port " + port + ": " + diagnostics());
    }

    /** Stops it the way {@code apachectl stop} does (SIGTERM): requests in progress are cut off. */
    @Override
    public synchronized void stop() {
        stop(false);
    }

    /**
     * Stops it the way {@code apachectl graceful-stop} does (SIGWINCH): it stops accepting connections at once,
     * lets the requests in progress finish, closes idle keep-alive connections and exits.
     */
    synchronized void stopGracefully() {
        stop(true);
    }

    private void stop(boolean graceful) {
        Process p = process;
        process = null;
        if (p == null) {
            return;
        }
        List<ProcessHandle> tree = Stream.concat(Stream.of(p.toHandle()), p.descendants()).collect(Collectors.toList());
        if (graceful) {
            signal(p, "WINCH");
        } else {
            p.destroy(); // SIGTERM: Apache's parent stops its children and exits
        }
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                tree.forEach(ProcessHandle::destroyForcibly);
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // children of the tree we started must not linger with the listening socket
        for (ProcessHandle h : tree) {
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
        Net.awaitClosed(port, Duration.ofSeconds(10));
    }

    private static void signal(Process p, String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).redirectErrorStream(true).start();
            if (kill.waitFor() != 0) {
                p.destroy(); // already gone, or no kill(1): fall back to SIGTERM
            }
        } catch (IOException e) {
            p.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroy();
        }
    }

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " is not running");
        }
        return process.pid();
    }

    String diagnostics() {
        StringBuilder b = new StringBuilder();
        for (String f : List.of("logs/console.log", "logs/error.log")) {
            Path p = dir.resolve(f);
            if (Files.exists(p)) {
                try {
                    b.append('[').append(f).append("] ").append(Files.readString(p, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    b.append(e);
                }
            }
        }
        return b.toString();
    }

    @Override
    public void close() {
        try {
            stop();
        } finally {
            deleteTree(dir);
        }
    }

    static void deleteTree(Path root) {
        Reaper.untrackDir(root);
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "apache2 " + name + " on " + Net.LOOPBACK + ":" + port;
    }
}
