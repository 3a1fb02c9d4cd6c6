package io.ballast.health;

import io.ballast.core.log.EventLog;
import io.ballast.core.server.Server;

/**
 * Writes server state changes in HAProxy 2.6's exact wording on stderr ({@code server.c}), e.g.
 * <pre>
 * Server be_web/s3 is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms. 2 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.
 * Server be_web/s3 is UP, reason: Layer4 check passed, check duration: 1ms. 3 active and 0 backup servers online. 0 sessions requeued, 0 total in queue.
 * backend 'be_web' has no server available!
 * </pre>
 * Ballast has no server queues, so the requeued and queue counts are always 0.
 */
final class StateLog {

    private final EventLog log;

    StateLog(EventLog log) {
        this.log = log;
    }

    /** Reports that {@code server} went down; counts are taken after the change. */
    void down(Server server, CheckResult result, int activeLeft, int backupLeft) {
        log.log(EventLog.Level.WARNING, downMessage(server.qualifiedName(), result, activeLeft, backupLeft,
                server.inFlight()));
    }

    /** Reports that {@code server} came up; counts are taken after the change. */
    void up(Server server, CheckResult result, int activeOnline, int backupOnline) {
        log.log(EventLog.Level.WARNING, upMessage(server.qualifiedName(), result, activeOnline, backupOnline));
    }

    /** Reports that {@code backend} lost its last usable server. */
    void noServerAvailable(String backend) {
        log.log(EventLog.Level.ALERT, "backend '" + backend + "' has no server available!");
    }

    /** Reports a problem that prevents checking a server. */
    void warning(String message) {
        log.log(EventLog.Level.WARNING, message);
    }

    static String downMessage(String server, CheckResult result, int active, int backup, int sessions) {
        return "Server " + server + " is DOWN" + reason(result) + ". "
                + active + " active and " + backup + " backup servers left. "
                + sessions + " sessions active, 0 requeued, 0 remaining in queue.";
    }

    static String upMessage(String server, CheckResult result, int active, int backup) {
        return "Server " + server + " is UP" + reason(result) + ". "
                + active + " active and " + backup + " backup servers online. "
                + "0 sessions requeued, 0 total in queue.";
    }

    private static String reason(CheckResult result) {
        StringBuilder sb = new StringBuilder(", reason: ").append(result.status().reason());
        if (result.info() != null && !result.info().isEmpty()) {
            sb.append(", info: \"").append(result.info()).append('"');
        }
        return sb.append(", check duration: ").append(result.durationMs()).append("ms").toString();
    }
}
