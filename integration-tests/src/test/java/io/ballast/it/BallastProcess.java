package io.ballast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ballast as a child process: {@code java -jar ballast.jar -db -f cfg}, its stdout and stderr captured
 * for assertions, stopped by pid with SIGTERM. Always use it in try-with-resources or close it in an
 * {@code @AfterEach}: {@link #close()} kills it if it is still running and writes its output to
 * {@code target/it-logs/}.
 *
 * <p>With {@code -Dballast.reference=haproxy} the same tests drive the real HAProxy from the Debian
 * package instead (legacy {@code contimeout}/{@code clitimeout}/{@code srvtimeout}, which HAProxy 2.1+
 * rejects, are translated to {@code timeout connect/client/server}); that checks the tests themselves.
 */
final class BallastProcess implements AutoCloseable {
    private static final AtomicInteger SEQ = new AtomicInteger();
    static final Path LOG_DIR = Path.of(System.getProperty("ballast.itLogs", "target/it-logs"));

    private final Process process;
    private final String label;
    private final StringBuffer stdout = new StringBuffer();
    private final StringBuffer stderr = new StringBuffer();
    private final StringBuffer combined = new StringBuffer();
    private final List<Thread> pumps = new ArrayList<>();
    private boolean closed;

    private BallastProcess(Process process, String label) {
        this.process = process;
        this.label = label;
        pumps.add(pump(process.getInputStream(), stdout));
        pumps.add(pump(process.getErrorStream(), stderr));
    }

    /** The runnable jar under test (system property {@code ballast.jar}, set by the pom). */
    static Path jar() {
        return Path.of(System.getProperty("ballast.jar", "../lb-launcher/target/ballast.jar")).toAbsolutePath().normalize();
    }

    static boolean referenceMode() {
        return Engine.underTest() == Engine.HAPROXY;
    }

    static List<String> command(String... args) {
        return Engine.underTest().command(args);
    }

    /** Exit code and merged stdout+stderr of a command that runs to completion. */
    record Result(int exitCode, String output) {
    }

    /** Runs {@code ballast -c -f cfg...}: checks the configuration without starting anything. */
    static Result check(Path... configs) {
        List<String> args = new ArrayList<>();
        args.add("-c");
        for (Path c : configs) {
            args.add("-f");
            args.add(forEngine(c).toString());
        }
        return run(args.toArray(String[]::new));
    }

    /** Runs ballast with {@code args} to completion (killed, and the test failed, after 60 s). */
    static Result run(String... args) {
        return runCommand(null, Duration.ofSeconds(60), Map.of(), command(args));
    }

    /**
     * Runs any command to completion, stdout and stderr merged, in {@code dir} ({@code null}: this process's) with
     * {@code environment} added; killed with its children, and the test failed, after {@code timeout}.
     */
    static Result runCommand(Path dir, Duration timeout, Map<String, String> environment, List<String> command) {
        Path out = null;
        try {
            out = Files.createTempFile("ballast-run-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            if (dir != null) {
                builder.directory(dir.toFile());
            }
            builder.environment().putAll(environment);
            Process p = Reaper.track(builder.start());
            p.getOutputStream().close();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout.toSeconds()
                        + " s; output:\n" + Files.readString(out));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (out != null) {
                out.toFile().delete();
            }
        }
    }

    /**
     * Starts {@code ballast -db -f cfg [extra...]} and waits until {@code frontendPort} accepts
     * connections (fails early with the output if the process exits).
     */
    static BallastProcess start(Path config, int frontendPort, String... extra) {
        return start(Engine.underTest(), config, frontendPort, extra);
    }

    /** {@link #start(Path, int, String...)} with more environment variables (systemd's {@code NOTIFY_SOCKET}...). */
    static BallastProcess startWithEnvironment(Path config, int frontendPort, Map<String, String> environment,
                                               String... extra) {
        List<String> args = new ArrayList<>(List.of("-db", "-f", config.toString()));
        args.addAll(List.of(extra));
        return launch(command(args.toArray(String[]::new)), environment, frontendPort);
    }

    /** {@link #start(Path, int, String...)} with a given engine, for tests that compare Ballast with HAProxy. */
    static BallastProcess start(Engine engine, Path config, int frontendPort, String... extra) {
        List<String> args = new ArrayList<>(List.of("-db", "-f", engine.configFor(config).toString()));
        args.addAll(List.of(extra));
        return launch(engine.command(args.toArray(String[]::new)), frontendPort);
    }

    /**
     * Starts {@code ballast -db -f cfg} with {@code extraClassPath} (a user's plug-in jar) next to
     * ballast.jar, as {@code java -cp ballast.jar:plugin.jar io.ballast.launcher.Main}.
     */
    static BallastProcess startWithClassPath(Path config, int frontendPort, Path extraClassPath) {
        return launch(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                jar() + java.io.File.pathSeparator + extraClassPath, "io.ballast.launcher.Main",
                "-db", "-f", config.toString()), frontendPort);
    }

    /** Runs {@code ballast -c -f cfg} with {@code extraClassPath} next to ballast.jar. */
    static Result checkWithClassPath(Path config, Path extraClassPath) {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                jar() + java.io.File.pathSeparator + extraClassPath, "io.ballast.launcher.Main", "-c", "-f", config.toString());
        try {
            Process p = Reaper.track(new ProcessBuilder(cmd).redirectErrorStream(true).start());
            p.getOutputStream().close();
            String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return new Result(p.waitFor(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts {@code ballast -db -f cfg} the way systemd socket activation does: a parent process binds and
     * listens on {@code 127.0.0.1:port}, then execs Ballast with that socket inherited and its number in
     * {@code $LISTEN_FD}, for a configuration that says {@code bind fd@${LISTEN_FD}}.
     */
    static BallastProcess startWithInheritedSocket(Path config, int port) {
        String activator = String.join("\n",
                "import os, socket, sys",
                "s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)",
                "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
                "s.bind(('127.0.0.1', int(sys.argv[1])))",
                "s.listen(128)",
                "os.set_inheritable(s.fileno(), True)",
                "os.environ['LISTEN_FD'] = str(s.fileno())",
                "os.execv(sys.argv[2], sys.argv[2:])");
        List<String> cmd = new ArrayList<>(List.of("python3", "-c", activator, String.valueOf(port)));
        cmd.addAll(command("-db", "-f", config.toString()));
        return launch(cmd, port);
    }

    /** Runs {@code cmd} and waits until {@code frontendPort} accepts (fails early with the output if it exits). */
    private static BallastProcess launch(List<String> cmd, int frontendPort) {
        return launch(cmd, Map.of(), frontendPort);
    }

    private static BallastProcess launch(List<String> cmd, Map<String, String> environment, int frontendPort) {
        BallastProcess b;
        try {
            ProcessBuilder builder = new ProcessBuilder(cmd);
            // As bin/ballast: SIGUSR2 reloads only when the JVM suspends its threads with another signal.
            builder.environment().put("_JAVA_SR_SIGNUM", "62");
            builder.environment().putAll(environment);
            Process p = Reaper.track(builder.start());
            p.getOutputStream().close();
            b = new BallastProcess(p, "ballast-" + SEQ.incrementAndGet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Net.await(() -> {
                if (!b.process.isAlive()) {
                    b.drain();
                    throw new AssertionError("ballast exited with " + b.process.exitValue()
                            + " before its frontend port " + frontendPort + " opened; output:\n" + b.output());
                }
                return Net.accepts(frontendPort);
            }, Duration.ofSeconds(30), () -> "ballast frontend; output so far:\n" + b.output());
        } catch (RuntimeException | Error e) {
            b.close();
            throw e;
        }
        return b;
    }

    private static Path forEngine(Path config) {
        return Engine.underTest().configFor(config);
    }

    private Thread pump(InputStream in, StringBuffer target) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    String s = new String(buf, 0, n, StandardCharsets.UTF_8);
                    target.append(s);
                    combined.append(s);
                }
            } catch (IOException ignored) {
                // process gone
            }
        }, label + "-pump");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void drain() {
        for (Thread t : pumps) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String stdout() {
        return stdout.toString();
    }

    String stderr() {
        return stderr.toString();
    }

    /** stdout and stderr interleaved as they arrived. */
    String output() {
        return combined.toString();
    }

    /** Waits until stderr contains {@code text}; returns the elapsed wait. */
    Duration awaitStderr(String text, Duration timeout) {
        long t0 = System.nanoTime();
        Net.await(() -> stderr.indexOf(text) >= 0, timeout,
                () -> "\"" + text + "\" on ballast's stderr; stderr so far:\n" + stderr + "\nstdout:\n" + stdout);
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** Sends a signal by pid, e.g. {@code "USR1"}. */
    void signal(String name) {
        Result r;
        try {
            Process k = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).redirectErrorStream(true).start();
            r = new Result(k.waitFor(), new String(k.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertEquals(0, r.exitCode(), "kill -" + name + " " + process.pid() + ": " + r.output());
    }

    /** Waits for the process to exit on its own; returns its exit status. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("ballast (pid " + process.pid() + ") still running after "
                        + timeout.toMillis() + " ms; output:\n" + output());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        drain();
        return process.exitValue();
    }

    /** SIGTERM by pid and wait (10 s) for the exit; returns the exit status. */
    int terminate() {
        process.destroy();
        return awaitExit(Duration.ofSeconds(10));
    }

    /** Stops it with SIGTERM and asserts HAProxy's exit status 0. */
    void stopAndAssertCleanExit() {
        int code = terminate();
        assertEquals(0, code, "exit status after SIGTERM; output:\n" + output());
    }

    /** Kills whatever is left (SIGKILL after a SIGTERM grace period) and saves the output. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            drain();
            saveLog();
        }
    }

    private void saveLog() {
        try {
            Files.createDirectories(LOG_DIR);
            String name = TestNames.current().orElse(label) + "-" + process.pid() + ".log";
            Files.writeString(LOG_DIR.resolve(name), "== stdout\n" + stdout + "\n== stderr\n" + stderr);
        } catch (IOException ignored) {
            // diagnostics only
        }
    }
}
