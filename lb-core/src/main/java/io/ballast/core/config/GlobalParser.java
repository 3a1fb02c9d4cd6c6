package io.ballast.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The keyword table of the {@code global} section. */
final class GlobalParser {

    private static final String RUN_AS_HINT = "run Ballast as that user and group instead (systemd 'User='/'Group=', "
            + "or a container's user)";

    private static final Set<String> TLS = Set.of("ca-base", "crt-base", "ssl-default-bind-ciphers",
            "ssl-default-bind-ciphersuites", "ssl-default-bind-options", "ssl-default-bind-curves",
            "ssl-default-bind-sigalgs", "ssl-default-server-ciphers", "ssl-default-server-ciphersuites",
            "ssl-default-server-options", "ssl-default-server-curves", "ssl-dh-param-file", "ssl-server-verify",
            "ssl-engine", "ssl-mode-async", "ssl-load-extra-files", "ssl-load-extra-del-ext", "ssl-skip-self-issued-ca",
            "ssl-security-level", "ssl-propquery", "ssl-provider", "ssl-provider-path", "issuers-chain-path");

    private static final Set<String> IGNORED = Set.of("log-send-hostname",
            "maxconnrate", "maxsessrate", "maxsslconn", "maxsslrate", "maxcomprate", "maxcompcpuusage",
            "maxpipes", "maxzlibmem", "cpu-map", "server-state-file", "server-state-base", "localpeer", "busy-polling",
            "noepoll", "nopoll", "nosplice", "nogetaddrinfo", "noreuseport", "profiling.tasks",
            "insecure-fork-wanted", "insecure-setuid-wanted", "set-dumpable", "strict-limits", "h1-case-adjust",
            "h1-case-adjust-file", "lua-load", "lua-prepend-path", "external-check", "unix-bind",
            "numa-cpu-mapping", "grace", "quiet", "mworker-max-reloads", "thread-groups",
            "default-path", "fd-hard-limit", "cluster-secret", "nbcores");

    /** The keywords handled by {@link #apply}'s switch (some of them only to explain why they are ignored). */
    private static final Set<String> WORKING = Set.of("log", "daemon", "maxconn", "nbthread", "pidfile",
            "tune.bufsize", "hard-stop-after", "description", "node", "setenv", "presetenv", "unsetenv", "resetenv",
            "chroot", "user", "group", "uid", "gid", "ulimit-n", "nbproc", "stats", "zero-warning", "spread-checks",
            "max-spread-checks", "log-tag", "master-worker");

    private final Diagnostics diagnostics;
    private final StatsSocketParser statsSockets;
    /** The TLS statements, which the {@code bind} and {@code server} lines that follow use. */
    final TlsDefaults tls = new TlsDefaults();
    int maxconn;
    int nbthread;
    boolean daemon;
    String pidfile;
    int bufsize = GlobalConfig.DEFAULT_BUFSIZE;
    final List<LogTarget> logs = new ArrayList<>();
    long hardStopAfter;
    boolean zeroWarning;
    int spreadChecks;
    long maxSpreadChecks;
    String logTag;
    final List<StatsSocketConfig> sockets = new ArrayList<>();
    long statsTimeout = GlobalConfig.DEFAULT_STATS_TIMEOUT;

    GlobalParser(Diagnostics diagnostics, EndpointParser endpoints) {
        this.diagnostics = diagnostics;
        this.statsSockets = new StatsSocketParser(endpoints, diagnostics);
    }

    GlobalConfig build() {
        return new GlobalConfig(maxconn, nbthread, daemon, pidfile, bufsize, logs, hardStopAfter, zeroWarning, spreadChecks,
                maxSpreadChecks, logTag, sockets, statsTimeout);
    }

    /** Applies one directive of the {@code global} section. */
    void apply(Directive d) {
        String kw = d.keyword();
        SourceLocation loc = d.location();
        try {
            switch (kw) {
                case "log" -> {
                    if ("global".equals(d.arg(1))) {
                        throw new IllegalArgumentException("'log global' is only valid in proxies");
                    }
                    LogTarget t = LogLineParser.parse(d);
                    logs.add(t);
                }
                // -W: Ballast's one process reloads in place and serves; there is no worker to fork
                case "master-worker" -> {
                    if (d.size() > 2 || d.size() == 2 && !d.arg(1).equals("no-exit-on-failure")) {
                        throw new IllegalArgumentException("only supports 'no-exit-on-failure' option");
                    }
                }
                case "daemon" -> {
                    args(d, 0, "nothing");
                    daemon = true;
                }
                case "maxconn" -> maxconn = positive(d, "a number of connections");
                case "nbthread" -> {
                    nbthread = positive(d, "a number of threads");
                    if (nbthread == 0) {
                        throw new IllegalArgumentException("expects a number of threads of at least 1");
                    }
                }
                case "pidfile" -> {
                    args(d, 1, "a file name");
                    pidfile = d.arg(1);
                }
                case "tune.bufsize" -> {
                    bufsize = positive(d, "a size in bytes");
                    if (bufsize < 1024) {
                        throw new IllegalArgumentException("expects a size of at least 1024 bytes, not '" + d.arg(1) + "'");
                    }
                }
                case "hard-stop-after" -> {
                    args(d, 1, "a time like 30s");
                    hardStopAfter = DurationParser.parse(d.arg(1), kw);
                }
                case "description", "node" -> {
                    if (d.size() < 2) {
                        throw new IllegalArgumentException("expects a text");
                    }
                }
                case "setenv", "presetenv" -> args(d, 2, "'<name> <value>'");
                case "unsetenv" -> {
                    if (d.size() < 2) {
                        throw new IllegalArgumentException("expects at least one variable name");
                    }
                }
                case "resetenv" -> {
                }
                case "chroot" -> {
                    args(d, 1, "a directory");
                    diagnostics.warning(loc, kw, "'chroot' is not supported: the JVM cannot change its root "
                            + "directory; ignored. To confine Ballast, run it in a container or use systemd's "
                            + "'RootDirectory='/'ProtectSystem='.");
                }
                case "user", "group", "uid", "gid" -> {
                    args(d, 1, kw.endsWith("id") ? "a number" : "a name");
                    diagnostics.warning(loc, kw, "'" + kw + " " + d.arg(1) + "' is not supported: the JVM cannot "
                            + "change its user or group after start; ignored. To drop privileges, " + RUN_AS_HINT + ".");
                }
                case "ulimit-n" -> {
                    positive(d, "a number of file descriptors");
                    diagnostics.warning(loc, kw, "'ulimit-n' is not supported: the JVM cannot raise its file "
                            + "descriptor limit; ignored. Set it before start (systemd 'LimitNOFILE=' or 'ulimit -n').");
                }
                case "zero-warning" -> {
                    args(d, 0, "nothing");
                    zeroWarning = true;
                }
                case "log-tag" -> {
                    args(d, 1, "a tag");
                    logTag = d.arg(1);
                }
                case "spread-checks" -> {
                    int pct;
                    try {
                        pct = d.size() == 2 ? Integer.parseInt(d.arg(1)) : -1;
                    } catch (NumberFormatException e) {
                        pct = -1;
                    }
                    if (pct < 0 || pct > 50) {
                        throw new IllegalArgumentException("'spread-checks' needs a positive value in range 0..50.");
                    }
                    spreadChecks = pct;
                }
                case "max-spread-checks" -> {
                    args(d, 1, "a time like 5s");
                    maxSpreadChecks = DurationParser.parse(d.arg(1), kw);
                }
                case "nbproc" -> throw new IllegalArgumentException("nbproc is not supported any more since HAProxy "
                        + "2.5. Threads will automatically be used on multi-processor machines if available.");
                case "stats" -> stats(d);
                default -> other(d);
            }
        } catch (IllegalArgumentException e) {
            diagnostics.error(loc, kw, e.getMessage());
        }
    }

    private void stats(Directive d) {
        String what = d.arg(1);
        if ("timeout".equals(what)) {
            if (d.size() != 3) {
                throw new IllegalArgumentException("'stats timeout' expects a time like 30s");
            }
            long timeout = DurationParser.parse(d.arg(2), "stats timeout");
            if (timeout == 0) {
                throw new IllegalArgumentException("'stats timeout' expects a positive value");
            }
            statsTimeout = timeout;
        } else if ("socket".equals(what)) {
            statsSockets.parse(d, sockets);
        } else if ("maxconn".equals(what) || "bind-process".equals(what)) {
            diagnostics.warning(d.location(), "stats " + what, "'stats " + what + "' is not supported yet; ignored");
        } else {
            throw new IllegalArgumentException("expects 'stats socket', 'stats timeout' or 'stats maxconn', not 'stats "
                    + (what == null ? "" : what) + "'");
        }
    }

    private void other(Directive d) {
        String kw = d.keyword();
        if (TLS.contains(kw)) {
            if (!tls.apply(d, message -> diagnostics.warning(d.location(), kw, message))) {
                diagnostics.warning(d.location(), kw, "'" + kw + "' is not supported yet; ignored");
            }
        } else if (IGNORED.contains(kw) || kw.startsWith("tune.")) {
            diagnostics.warning(d.location(), kw, "'" + kw + "' is not supported yet; ignored");
        } else {
            java.util.Set<String> all = new java.util.TreeSet<>(WORKING);
            all.addAll(TLS);
            all.addAll(IGNORED);
            diagnostics.error(d.location(), kw, "unknown keyword '" + kw + "' in 'global' section"
                    + Suggestions.didYouMean(kw, all));
        }
    }

    private static void args(Directive d, int count, String what) {
        if (d.size() - 1 != count) {
            throw new IllegalArgumentException("expects " + what);
        }
    }

    private static int positive(Directive d, String what) {
        args(d, 1, what);
        try {
            int v = Integer.parseInt(d.arg(1));
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expects " + what + ", not '" + d.arg(1) + "'");
        }
    }
}
