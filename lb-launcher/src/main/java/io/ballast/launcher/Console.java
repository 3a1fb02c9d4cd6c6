package io.ballast.launcher;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Prints messages the way HAProxy does: {@code [ALERT]    (1234) : config : message} on standard error,
 * plain lines on standard output. Continuation lines of a multi-line message are prefixed with
 * {@code "   | "}, as HAProxy does.
 */
final class Console {

    private final Supplier<PrintStream> out;
    private final Supplier<PrintStream> err;
    private final long pid;

    Console(PrintStream out, PrintStream err, long pid) {
        this(() -> out, () -> err, pid);
    }

    private Console(Supplier<PrintStream> out, Supplier<PrintStream> err, long pid) {
        this.out = out;
        this.err = err;
        this.pid = pid;
    }

    /**
     * The console of this process: whatever {@link System#out} and {@link System#err} are at the time of each
     * message (a daemon's child silences them once started), and this process's id.
     */
    static Console system() {
        return new Console(() -> System.out, () -> System.err, ProcessHandle.current().pid());
    }

    PrintStream out() {
        return out.get();
    }

    PrintStream err() {
        return err.get();
    }

    long pid() {
        return pid;
    }

    /** A line on standard output. */
    void println(String line) {
        PrintStream stream = out();
        stream.println(line);
        stream.flush();
    }

    /** {@code [ALERT]    (pid) : message}. */
    void alert(String message) {
        emit("ALERT", null, message);
    }

    /** {@code [WARNING]  (pid) : message}. */
    void warning(String message) {
        emit("WARNING", null, message);
    }

    /** {@code [NOTICE]   (pid) : message}. */
    void notice(String message) {
        emit("NOTICE", null, message);
    }

    /** {@code [ALERT]    (pid) : config : message}. */
    void configAlert(String message) {
        emit("ALERT", "config", message);
    }

    /** {@code [WARNING]  (pid) : config : message}. */
    void configWarning(String message) {
        emit("WARNING", "config", message);
    }

    /** {@code [NOTICE]   (pid) : config : message}. */
    void configNotice(String message) {
        emit("NOTICE", "config", message);
    }

    /** Formats one message; exposed for tests. */
    static String format(String level, long pid, String context, String message) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("%-10s (%d) : ", "[" + level + "]", pid));
        if (context != null) {
            s.append(context).append(" : ");
        }
        String[] lines = String.valueOf(message).split("\r?\n", -1);
        s.append(lines[0]);
        for (int i = 1; i < lines.length; i++) {
            if (i == lines.length - 1 && lines[i].isEmpty()) {
                break;
            }
            s.append(System.lineSeparator());
            if (!lines[i].startsWith("   |")) {
                s.append("   | ");
            }
            s.append(lines[i]);
        }
        return s.toString();
    }

    private void emit(String level, String context, String message) {
        PrintStream stream = err();
        stream.println(format(level, pid, context, message));
        stream.flush();
    }
}
