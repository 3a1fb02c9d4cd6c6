package io.ballast.core.log;

/**
 * Where Ballast reports events for operators: server state changes, startup warnings, alerts.
 * HAProxy prints these on stderr in the foreground and sends them to its {@code log} targets.
 */
public interface EventLog {

    /** Event severities, in HAProxy's order. */
    enum Level {
        /** The process cannot go on, or a backend lost all its servers. */
        ALERT,
        /** Something an operator should look at: a server went down, a feature is missing. */
        WARNING,
        /** A normal but significant event: a server came up, the process started. */
        NOTICE
    }

    /** Reports {@code message} at {@code level}. Must not block the caller for long. */
    void log(Level level, String message);

    /** An event log printing HAProxy-style lines on standard error: {@code [WARNING]  (pid) : message}. */
    static EventLog stderr() {
        return StderrEventLog.INSTANCE;
    }
}
