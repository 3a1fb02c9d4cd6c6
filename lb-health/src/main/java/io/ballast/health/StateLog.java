package io.ballast.health;

import io.ballast.core.log.EventLog;
import io.ballast.core.server.Server;

/**
 * Writes server state changes in HAProxy 2.6's exact wording on stderr ({@code server.c}), e.g.
 * <pre>
 * Server be_web/s3 is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms. 2 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.
 * Server be_web/s3 is UP, reason: Layer7 check passed, code: 200, check duration: 1ms. 3 active and 0 backup servers online. 0 sessions requeued, 0 total in queue.
 * Server be_web/s1 is stopping, reason: Layer7 check conditionally passed, code: 404, check duration: 0ms. 1 active and 0 backup servers online. 0 sessions requeued, 0 total in queue.
 * Server be_web/s1 enters drain state. 1 active and 0 backup servers online. 0 sessions requeued, 0 total in queue.
 * Server be_web/s1 is UP (leaving forced drain).
 * Server be_web/s1 is going DOWN for maintenance. 1 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.
 * Server be_web/s1 is UP/READY (leaving forced maintenance).
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
        warn(downMessage(server.qualifiedName(), result, activeLeft, backupLeft, server.inFlight()));
    }

    /** Reports that {@code server} came up; counts are taken after the change. */
    void up(Server server, CheckResult result, int activeOnline, int backupOnline) {
        warn(upMessage(server.qualifiedName(), result, activeOnline, backupOnline));
    }

    /** Reports that {@code server} entered NOLB after a conditional success; counts are taken after the change. */
    void stopping(Server server, CheckResult result, int activeOnline, int backupOnline) {
        warn("Server " + server.qualifiedName() + " is stopping" + reason(result) + ". " + online(activeOnline,
                backupOnline));
    }

    /** Reports that {@code server} entered DRAIN; counts are taken after the change. */
    void drain(Server server, int activeOnline, int backupOnline) {
        warn("Server " + server.qualifiedName() + " enters drain state. " + online(activeOnline, backupOnline));
    }

    /** Reports that {@code server} left DRAIN. */
    void leftDrain(Server server) {
        warn("Server " + server.qualifiedName() + " is UP (leaving forced drain).");
    }

    /** Reports that {@code server} entered MAINT; counts are taken after the change. */
    void maintenance(Server server, int activeLeft, int backupLeft) {
        warn("Server " + server.qualifiedName() + " is going DOWN for maintenance. " + left(activeLeft, backupLeft,
                server.inFlight()));
    }

    /** Reports that {@code server} left MAINT. */
    void leftMaintenance(Server server) {
        warn("Server " + server.qualifiedName() + " is UP/READY (leaving forced maintenance).");
    }

    /** Reports that {@code backend} lost its last usable server. */
    void noServerAvailable(String backend) {
        log.log(EventLog.Level.ALERT, "backend '" + backend + "' has no server available!");
    }

    /** Reports a problem that prevents checking a server. */
    void warning(String message) {
        warn(message);
    }

    private void warn(String message) {
        log.log(EventLog.Level.WARNING, message);
    }

    static String downMessage(String server, CheckResult result, int active, int backup, int sessions) {
        return "Server " + server + " is DOWN" + reason(result) + ". " + left(active, backup, sessions);
    }

    static String upMessage(String server, CheckResult result, int active, int backup) {
        return "Server " + server + " is UP" + reason(result) + ". " + online(active, backup);
    }

    private static String left(int active, int backup, int sessions) {
        return active + " active and " + backup + " backup servers left. " + sessions
                + " sessions active, 0 requeued, 0 remaining in queue.";
    }

    private static String online(int active, int backup) {
        return active + " active and " + backup + " backup servers online. 0 sessions requeued, 0 total in queue.";
    }

    private static String reason(CheckResult result) {
        StringBuilder sb = new StringBuilder(", reason: ").append(result.status().reason());
        if (result.status().hasCode()) {
            sb.append(", code: ").append(result.code());
        }
        if (result.info() != null && !result.info().isEmpty()) {
            sb.append(", info: \"").append(result.info()).append('"');
        }
        if (result.durationMs() >= 0) {
            sb.append(", check duration: ").append(result.durationMs()).append("ms");
        }
        return sb.toString();
    }
}
