package io.ballast.proxy.log;

import io.ballast.core.log.EventLog;

/**
 * The syslog level HAProxy 2.6 gives an event. Its stderr level says less: server state changes are all
 * {@code [WARNING]} there, but syslog gets {@code alert} for a server going DOWN (check or maintenance),
 * {@code notice} for other server state changes, and {@code emerg} for a backend left without servers.
 */
final class EventSeverity {

    private EventSeverity() {
    }

    static int of(EventLog.Level level, String message) {
        if (message.endsWith("has no server available!")) {
            return Syslog.EMERG;
        }
        if (message.startsWith("Server ")) {
            return message.contains(" is DOWN") || message.contains(" going DOWN") ? Syslog.ALERT : Syslog.NOTICE;
        }
        return switch (level) {
            case ALERT -> Syslog.ALERT;
            case WARNING -> Syslog.WARNING;
            case NOTICE -> Syslog.NOTICE;
        };
    }
}
