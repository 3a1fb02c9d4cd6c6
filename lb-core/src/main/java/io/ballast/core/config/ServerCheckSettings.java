package io.ballast.core.config;

/**
 * The check options of a {@code server} line beyond the basic timing (cfg §5.2): the check address, the agent
 * check and passive observation.
 *
 * @param addr                       {@code addr}: the host checks connect to instead of the server's, or {@code null}
 * @param agentCheck                 {@code agent-check}: an agent check runs
 * @param agentPort                  {@code agent-port}, 0 when unset
 * @param agentInter                 {@code agent-inter} in ms, 0 for the server's {@code inter}
 * @param agentAddr                  {@code agent-addr}: the agent's host, or {@code null} for the check address
 * @param agentSend                  {@code agent-send}: what is sent to the agent once connected, or {@code null}
 * @param observe                    {@code observe}: which outcomes of real traffic count
 * @param errorLimit                 {@code error-limit}: consecutive observed errors that trigger {@code on-error}
 * @param onError                    {@code on-error}: what observed errors do
 * @param shutdownSessionsOnDown     {@code on-marked-down shutdown-sessions}
 * @param shutdownBackupSessionsOnUp {@code on-marked-up shutdown-backup-sessions}
 */
public record ServerCheckSettings(String addr, boolean agentCheck, int agentPort, long agentInter, String agentAddr,
                                  String agentSend, Observe observe, int errorLimit, OnError onError,
                                  boolean shutdownSessionsOnDown, boolean shutdownBackupSessionsOnUp) {

    /** HAProxy's default {@code error-limit}. */
    public static final int DEFAULT_ERROR_LIMIT = 10;

    /** No check option set. */
    public static final ServerCheckSettings DEFAULTS = new ServerCheckSettings(null, false, 0, 0, null, null,
            Observe.NONE, DEFAULT_ERROR_LIMIT, OnError.FAIL_CHECK, false, false);

    /** {@code observe}: which outcomes of real traffic are watched. */
    public enum Observe {
        /** Nothing is watched (the default). */
        NONE,
        /** Connection failures count as errors, established connections as successes. */
        LAYER4,
        /** Connection failures and HTTP responses count (5xx but 501 and 505 are errors). */
        LAYER7
    }

    /** {@code on-error}: what reaching {@code error-limit} does. */
    public enum OnError {
        /** Only runs the next check after {@code fastinter}. */
        FASTINTER,
        /** Counts as one failed check (the default). */
        FAIL_CHECK,
        /** Leaves one more failed check before DOWN. */
        SUDDEN_DEATH,
        /** Marks the server DOWN at once. */
        MARK_DOWN
    }
}
