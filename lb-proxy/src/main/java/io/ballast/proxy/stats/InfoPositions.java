package io.ballast.proxy.stats;

import java.util.List;

/**
 * The position of each {@code show info} field in HAProxy 2.6's list, which the typed and JSON outputs print: a
 * field that is left out (for example {@code description} when none is set) keeps its number free, as in HAProxy.
 */
final class InfoPositions {

    private static final List<String> NAMES = List.of("Name", "Version", "Release_date", "Nbthread", "Nbproc",
            "Process_num", "Pid", "Uptime", "Uptime_sec", "Memmax_MB", "PoolAlloc_MB", "PoolUsed_MB", "PoolFailed",
            "Ulimit-n", "Maxsock", "Maxconn", "Hard_maxconn", "CurrConns", "CumConns", "CumReq", "MaxSslConns",
            "CurrSslConns", "CumSslConns", "Maxpipes", "PipesUsed", "PipesFree", "ConnRate", "ConnRateLimit",
            "MaxConnRate", "SessRate", "SessRateLimit", "MaxSessRate", "SslRate", "SslRateLimit", "MaxSslRate",
            "SslFrontendKeyRate", "SslFrontendMaxKeyRate", "SslFrontendSessionReuse_pct", "SslBackendKeyRate",
            "SslBackendMaxKeyRate", "SslCacheLookups", "SslCacheMisses", "CompressBpsIn", "CompressBpsOut",
            "CompressBpsRateLim", "ZlibMemUsage", "MaxZlibMemUsage", "Tasks", "Run_queue", "Idle_pct", "node",
            "description", "Stopping", "Jobs", "Unstoppable Jobs", "Listeners", "ActivePeers", "ConnectedPeers",
            "DroppedLogs", "BusyPolling", "FailedResolutions", "TotalBytesOut", "TotalSplicdedBytesOut",
            "BytesOutRate", "DebugCommandsIssued", "CumRecvLogs", "Build info", "Memmax_bytes", "PoolAlloc_bytes",
            "PoolUsed_bytes", "Start_time_sec", "Tainted");

    private InfoPositions() {
    }

    /**
     * The position of the field called {@code name}; a field HAProxy does not have comes after all of HAProxy's, at
     * {@code fallback} (its index in the list being written) plus their count.
     */
    static int of(String name, int fallback) {
        int i = NAMES.indexOf(name);
        return i >= 0 ? i : NAMES.size() + fallback;
    }
}
