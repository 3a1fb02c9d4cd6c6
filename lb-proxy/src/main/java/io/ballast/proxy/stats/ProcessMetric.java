package io.ballast.proxy.stats;

/**
 * The {@code haproxy_process_*} metrics of the Prometheus exporter, in HAProxy's order: the {@code show info} field
 * each one reads, its name, its type and HAProxy's help text. Only what Ballast measures is listed (no SSL, pipes,
 * compression, peers or DNS figures).
 */
enum ProcessMetric {
    NBTHREAD("Nbthread", "nbthread", false, "Number of started threads (global.nbthread)"),
    NBPROC("Nbproc", "nbproc", false, "Number of started worker processes (historical, always 1)"),
    PROCESS_NUM("Process_num", "relative_process_id", false, "Relative worker process number (1)"),
    UPTIME("Uptime_sec", "uptime_seconds", false, "How long ago this worker process was started (seconds)"),
    MAXCONN("Maxconn", "max_connections", false,
            "Hard limit on the number of per-process connections (configured or imposed by Ulimit-n)"),
    HARD_MAXCONN("Hard_maxconn", "hard_max_connections", false,
            "Hard limit on the number of per-process connections (imposed by Memmax_MB or Ulimit-n)"),
    CURR_CONNS("CurrConns", "current_connections", false, "Current number of connections on this worker process"),
    CUM_CONNS("CumConns", "connections_total", true,
            "Total number of connections on this worker process since started"),
    CUM_REQ("CumReq", "requests_total", true, "Total number of requests on this worker process since started"),
    CONN_RATE("ConnRate", "current_connection_rate", false,
            "Number of front connections created on this worker process over the last second"),
    MAX_CONN_RATE("MaxConnRate", "max_connection_rate", false,
            "Highest ConnRate reached on this worker process since started (in connections per second)"),
    SESS_RATE("SessRate", "current_session_rate", false,
            "Number of sessions created on this worker process over the last second"),
    MAX_SESS_RATE("MaxSessRate", "max_session_rate", false,
            "Highest SessRate reached on this worker process since started (in sessions per second)"),
    STOPPING("Stopping", "stopping", false, "1 if the worker process is currently stopping, otherwise zero"),
    JOBS("Jobs", "jobs", false, "Current number of active jobs on the current worker process (frontend "
            + "connections, master connections, listeners)"),
    LISTENERS("Listeners", "listeners", false, "Current number of active listeners on the current worker process"),
    BYTES_OUT("TotalBytesOut", "bytes_out_total", true,
            "Total number of bytes emitted by current worker process since started"),
    BUILD_INFO("Build info", "build_info", false, "Build info"),
    POOL_ALLOC("PoolAlloc_bytes", "pool_allocated_bytes", false, "Amount of memory allocated in pools (in bytes)"),
    POOL_USED("PoolUsed_bytes", "pool_used_bytes", false, "Amount of pool memory currently used (in bytes)"),
    START_TIME("Start_time_sec", "start_time_seconds", false, "Start time in seconds");

    final String infoName;
    final String name;
    final boolean counter;
    final String help;

    ProcessMetric(String infoName, String name, boolean counter, String help) {
        this.infoName = infoName;
        this.name = name;
        this.counter = counter;
        this.help = help;
    }
}
