package io.ballast.core.log;

/** {@link EventLog#stderr()}: HAProxy's stderr format, {@code [NOTICE]   (1234) : message}. */
final class StderrEventLog implements EventLog {

    static final StderrEventLog INSTANCE = new StderrEventLog();

    private static final long PID = ProcessHandle.current().pid();

    @Override
    public void log(Level level, String message) {
        String tag = "[" + level + "]";
        System.err.printf("%-10s (%d) : %s%n", tag, PID, message);
    }
}
