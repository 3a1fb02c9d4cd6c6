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
 * Server be_web/s1 was DOWN and now enters maintenance.
 * Server be_web/s1 is UP/READY (leaving forced maintenance).
 * Server be_web/s1 is UP/DRAIN (leaving forced maintenance).
 * Server be_web/s1 remains in forced drain mode.
 * Server be_web/s2 is DOWN, changed from CLI. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.
 * backend 'be_web' has no server available!
 * </pre>
 * Ballast has no server queues, so the requeued and queue counts are always 0.
 */
final class StateLog {

    private final EventLog log;

    StateLog(EventLog log) {
        this.log = log;
    }

    /**
     * Reports that {@code server} went down; counts are taken after the change.
     *
     * @param why {@link #reason(CheckResult)}, or {@code ", changed from CLI"}
     */
    void down(Server server, String why, int activeLeft, int backupLeft) {
        warn(downMessage(server.qualifiedName(), why, activeLeft, backupLeft, server.inFlight()));
    }

    /** Reports that {@code server} came up; counts are taken after the change. */
    void up(Server server, String why, int activeOnline, int backupOnline) {
        warn(upMessage(server.qualifiedName(), why, activeOnline, backupOnline));
    }

    /** Reports that {@code server} entered NOLB; counts are taken after the change. */
    void stopping(Server server, String why, int activeOnline, int backupOnline) {
        warn("Server " + server.qualifiedName() + " is stopping" + why + ". " + online(activeOnline, backupOnline));
    }

    /**
     * Reports that {@code server} entered DRAIN; counts are taken after the change.
     *
     * @param down whether the server is down, so that HAProxy counts the servers left rather than online
     */
    void drain(Server server, boolean down, int active, int backup) {
        warn("Server " + server.qualifiedName() + " enters drain state. " + (down
                ? left(active, backup, server.inFlight()) : online(active, backup)));
    }

    /** Reports that {@code server} left DRAIN, to UP or, when its checks say so, to DOWN. */
    void leftDrain(Server server, boolean down) {
        warn("Server " + server.qualifiedName() + " is " + (down ? "DOWN" : "UP") + " (leaving forced drain).");
    }

    /** Reports that {@code server} was made ready again while in forced drain and down for maintenance. */
    void remainsDrained(Server server) {
        warn("Server " + server.qualifiedName() + " remains in forced drain mode.");
    }

    /** Reports that {@code server} entered MAINT; counts are taken after the change. */
    void maintenance(Server server, int activeLeft, int backupLeft) {
        warn("Server " + server.qualifiedName() + " is going DOWN for maintenance. " + left(activeLeft, backupLeft,
                server.inFlight()));
    }

    /** Reports that {@code server}, down already, entered MAINT. */
    void downEntersMaintenance(Server server) {
        warn("Server " + server.qualifiedName() + " was DOWN and now enters maintenance.");
    }

    /**
     * Reports that {@code server} left MAINT.
     *
     * @param now {@code UP/READY}, {@code UP/DRAIN} or {@code DOWN}
     */
    void leftMaintenance(Server server, String now) {
        warn("Server " + server.qualifiedName() + " is " + now + " (leaving forced maintenance).");
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

    static String downMessage(String server, String why, int active, int backup, int sessions) {
        return "Server " + server + " is DOWN" + why + ". " + left(active, backup, sessions);
    }

    static String upMessage(String server, String why, int active, int backup) {
        return "Server " + server + " is UP" + why + ". " + online(active, backup);
    }

    private static String left(int active, int backup, int sessions) {
        return active + " active and " + backup + " backup servers left. " + sessions
                + " sessions active, 0 requeued, 0 remaining in queue.";
    }

    private static String online(int active, int backup) {
        return active + " active and " + backup + " backup servers online. 0 sessions requeued, 0 total in queue.";
    }

    /** What a check result says in a state change line: {@code ", reason: ..., check duration: 1ms"}. */
    static String reason(CheckResult result) {
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
