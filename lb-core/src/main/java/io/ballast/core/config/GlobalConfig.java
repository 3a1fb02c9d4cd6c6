package io.ballast.core.config;

import java.util.List;

/**
 * The {@code global} section.
 *
 * @param maxconn  process-wide concurrent connections, 0 when unset
 * @param nbthread event-loop threads, 0 for one per available core
 * @param daemon   run in the background
 * @param pidfile  where to write the process id, or {@code null}
 * @param bufsize  {@code tune.bufsize}: the largest request or response head, default 16384
 * @param logs     log targets
 * @param hardStopAfter the longest a soft stop may take in ms, 0 for no limit
 * @param zeroWarning {@code zero-warning}: refuse to start when the configuration produced warnings
 * @param spreadChecks {@code spread-checks}: the random jitter of check intervals, in percent (0..50)
 * @param maxSpreadChecks {@code max-spread-checks}: the longest delay before the first check in ms, 0 for none
 * @param logTag   {@code log-tag}: the program name in syslog headers, {@code null} for {@code haproxy}
 */
public record GlobalConfig(int maxconn, int nbthread, boolean daemon, String pidfile, int bufsize,
                           List<LogTarget> logs, long hardStopAfter, boolean zeroWarning,
                           int spreadChecks, long maxSpreadChecks, String logTag) {

    /** The default buffer size ({@code tune.bufsize}). */
    public static final int DEFAULT_BUFSIZE = 16384;

    /** The settings of an empty {@code global} section. */
    public static final GlobalConfig DEFAULTS = new GlobalConfig(0, 0, false, null, DEFAULT_BUFSIZE, List.of(), 0, false, 0, 0, null);

    /** Copies the log list. */
    public GlobalConfig {
        logs = List.copyOf(logs);
    }
}
