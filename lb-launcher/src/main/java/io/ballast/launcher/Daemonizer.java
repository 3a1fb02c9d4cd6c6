package io.ballast.launcher;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Daemon mode ({@code daemon} or {@code -D}) for a JVM, which cannot fork.
 *
 * <p>The parent re-executes the same Java command (same JVM, same JVM options, same jar or class path) with
 * {@code -db} added and the private environment marker {@value #CHILD_MARKER} set, under {@code setsid} when
 * it exists so that the child leads a new session without a terminal. The child's stdin and stdout are
 * {@code /dev/null}; its stderr is a pipe to the parent. The parent relays what the child writes there (the
 * startup warnings and alerts) to its own stderr until the child reports that its listeners are bound, then
 * exits 0; if the child dies first, the parent exits 1, and if it does neither within {@link #READY_TIMEOUT},
 * the parent kills it and exits 1.
 *
 * <p>Once started, the child writes the ready line, then sends {@link System#out} and {@link System#err}
 * to nowhere. It does not close file descriptor 2 itself: Java cannot point it at {@code /dev/null}
 * afterwards, and a closed descriptor 2 would be reused by the next socket, where any message from the JVM
 * would then land. The parent stops reading and exits on the ready line, which closes the pipe.
 */
final class Daemonizer {

    /** The environment variable that tells a process it is the background child. */
    static final String CHILD_MARKER = "BALLAST_DAEMON_CHILD";

    /** The line that tells the parent the child is serving; starts with a control character nobody prints. */
    static final String READY_LINE = "\u0001ballast-daemon-ready";

    private static final long CHILD_EXIT_WAIT_SECONDS = 10;

    /** How long the child may take to bind its listeners before the parent gives up on it. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private Daemonizer() {
    }

    /** Whether this process is the background child of a daemonizing parent. */
    static boolean isChild(Map<String, String> env) {
        return "1".equals(env.get(CHILD_MARKER));
    }

    /**
     * Starts the background child and waits for it to be listening or to die.
     *
     * @param args this process's command-line arguments
     * @return the parent's exit status: 0 when the child is serving, 1 otherwise
     */
    static int spawnAndWait(List<String> args, Console console) {
        List<String> command = new ArrayList<>();
        setsid().ifPresent(command::add);
        command.addAll(childCommand(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.PIPE);
        builder.environment().put(CHILD_MARKER, "1");
        Process child;
        try {
            child = builder.start();
        } catch (IOException e) {
            console.alert("[ballast.main()] Cannot start the background process: " + e.getMessage());
            return 1;
        }
        return awaitReady(child, console, READY_TIMEOUT);
    }

    /**
     * Relays what the child writes on its stderr until it reports ready (0), dies (1) or lets {@code timeout}
     * pass without doing either (1, after killing it).
     */
    static int awaitReady(Process child, Console console, Duration timeout) {
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread relay = new Thread(() -> ready.complete(relay(child, console)), "ballast-daemon-relay");
        relay.setDaemon(true);
        relay.start();
        boolean isReady;
        try {
            isReady = ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            kill(child);
            joinQuietly(relay);
            console.alert("[ballast.main()] The background process neither reported ready nor exited within "
                    + timeout.toSeconds() + " s; stopped it.");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(child);
            return 1;
        } catch (ExecutionException e) {
            isReady = false;
        }
        console.err().flush();
        if (isReady) {
            return 0;
        }
        try {
            if (!child.waitFor(CHILD_EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                console.alert("[ballast.main()] The background process did not start; stopping it.");
                kill(child);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 1;
    }

    /** Copies the child's stderr lines to ours until the ready line ({@code true}) or the end ({@code false}). */
    private static boolean relay(Process child, Console console) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.equals(READY_LINE)) {
                    return true;
                }
                console.err().println(line);
                console.err().flush();
            }
        } catch (IOException e) {
            console.alert("[ballast.main()] Lost contact with the background process: " + e.getMessage());
        }
        return false;
    }

    /** Kills the child and what it started (under {@code setsid} the child may be a fork of the process started). */
    private static void kill(Process child) {
        child.descendants().forEach(ProcessHandle::destroyForcibly);
        child.destroyForcibly();
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * In the child, once the listeners are bound and the pid file written: tells the parent, then stops
     * writing to the inherited pipe.
     */
    static void reportReady() {
        System.err.println(READY_LINE);
        System.err.flush();
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        System.setErr(nowhere);
        System.setOut(nowhere);
    }

    /**
     * The command that runs this same program in the foreground: this JVM's executable and options followed
     * by {@code -db} and {@code args}.
     */
    static List<String> childCommand(List<String> args) {
        List<String> command = new ArrayList<>(javaCommand(args));
        command.add("-db");
        command.addAll(args);
        return command;
    }

    /** The JVM part of this process's command line: executable, JVM options and {@code -jar x} or main class. */
    static List<String> javaCommand(List<String> programArgs) {
        ProcessHandle.Info info = ProcessHandle.current().info();
        Optional<String> executable = info.command();
        Optional<String[]> arguments = info.arguments();
        if (executable.isPresent() && arguments.isPresent()) {
            List<String> all = Arrays.asList(arguments.get());
            int jvmPart = all.size() - programArgs.size();
            if (jvmPart > 0 && all.subList(jvmPart, all.size()).equals(programArgs)) {
                List<String> command = new ArrayList<>();
                command.add(executable.get());
                command.addAll(all.subList(0, jvmPart));
                return command;
            }
        }
        // The operating system did not tell (or the arguments were rewritten): rebuild from system properties.
        // JVM options are lost in that case; JAVA_TOOL_OPTIONS and JDK_JAVA_OPTIONS are inherited anyway.
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return List.of(executable.orElse(java.toString()), "-cp", System.getProperty("java.class.path"),
                Main.class.getName());
    }

    private static Optional<String> setsid() {
        String path = System.getenv("PATH");
        List<String> dirs = new ArrayList<>();
        if (path != null) {
            dirs.addAll(Arrays.asList(path.split(File.pathSeparator)));
        }
        dirs.addAll(List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin"));
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "setsid");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }
}
