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
 * @param statsSockets the runtime API's sockets ({@code stats socket} lines), in order
 * @param statsTimeout {@code stats timeout}: how long a runtime API session may stay idle, in ms
 */
public record GlobalConfig(int maxconn, int nbthread, boolean daemon, String pidfile, int bufsize,
                           List<LogTarget> logs, long hardStopAfter, boolean zeroWarning,
                           int spreadChecks, long maxSpreadChecks, String logTag,
                           List<StatsSocketConfig> statsSockets, long statsTimeout) {

    /** The default buffer size ({@code tune.bufsize}). */
    public static final int DEFAULT_BUFSIZE = 16384;

    /** HAProxy's default {@code stats timeout}: 10 seconds. */
    public static final long DEFAULT_STATS_TIMEOUT = 10_000;

    /** The settings of an empty {@code global} section. */
    public static final GlobalConfig DEFAULTS = new GlobalConfig(0, 0, false, null, DEFAULT_BUFSIZE, List.of(), 0, false, 0, 0, null);

    /** Copies the lists. */
    public GlobalConfig {
        logs = List.copyOf(logs);
        statsSockets = List.copyOf(statsSockets);
    }

    /** This section with one more runtime API socket (the master CLI of {@code -S}). */
    public GlobalConfig withStatsSocket(StatsSocketConfig socket) {
        List<StatsSocketConfig> sockets = new java.util.ArrayList<>(statsSockets);
        sockets.add(socket);
        return new GlobalConfig(maxconn, nbthread, daemon, pidfile, bufsize, logs, hardStopAfter, zeroWarning,
                spreadChecks, maxSpreadChecks, logTag, sockets, statsTimeout);
    }

    /** A {@code global} section without runtime API socket, with the default {@code stats timeout}. */
    public GlobalConfig(int maxconn, int nbthread, boolean daemon, String pidfile, int bufsize, List<LogTarget> logs,
                        long hardStopAfter, boolean zeroWarning, int spreadChecks, long maxSpreadChecks,
                        String logTag) {
        this(maxconn, nbthread, daemon, pidfile, bufsize, logs, hardStopAfter, zeroWarning, spreadChecks,
                maxSpreadChecks, logTag, List.of(), DEFAULT_STATS_TIMEOUT);
    }
}
