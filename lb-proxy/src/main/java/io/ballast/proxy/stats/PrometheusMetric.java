package io.ballast.proxy.stats;

/**
 * The frontend, backend and server metrics of the Prometheus exporter, in HAProxy's order (its {@code show stat}
 * columns): the column each one reads, its name after {@code haproxy_frontend_}, {@code haproxy_backend_} or
 * {@code haproxy_server_}, its type, which kinds of objects have it ({@code F}, {@code B}, {@code S}), how its value
 * is shown and HAProxy's help text. Only what Ballast measures is listed: compression, cache, listener and slow-start
 * metrics, which Ballast does not have, are left out rather than exported as zeros.
 */
enum PrometheusMetric {
    QCUR(StatField.QCUR, "current_queue", false, "BS", Shape.VALUE, "Number of current queued connections"),
    QMAX(StatField.QMAX, "max_queue", false, "BS", Shape.VALUE,
            "Highest value of queued connections encountered since process started"),
    SCUR(StatField.SCUR, "current_sessions", false, "FBS", Shape.VALUE,
            "Number of current sessions on the frontend, backend or server"),
    SMAX(StatField.SMAX, "max_sessions", false, "FBS", Shape.VALUE,
            "Highest value of current sessions encountered since process started"),
    SLIM(StatField.SLIM, "limit_sessions", false, "FBS", Shape.VALUE,
            "Frontend/listener/server's maxconn, backend's fullconn"),
    STOT(StatField.STOT, "sessions_total", true, "FBS", Shape.VALUE, "Total number of sessions since process started"),
    BIN(StatField.BIN, "bytes_in_total", true, "FBS", Shape.VALUE, "Total number of request bytes since process started"),
    BOUT(StatField.BOUT, "bytes_out_total", true, "FBS", Shape.VALUE,
            "Total number of response bytes since process started"),
    DREQ(StatField.DREQ, "requests_denied_total", true, "FB", Shape.VALUE,
            "Total number of denied requests since process started"),
    DRESP(StatField.DRESP, "responses_denied_total", true, "FBS", Shape.VALUE,
            "Total number of denied responses since process started"),
    EREQ(StatField.EREQ, "request_errors_total", true, "F", Shape.VALUE,
            "Total number of invalid requests since process started"),
    ECON(StatField.ECON, "connection_errors_total", true, "BS", Shape.VALUE,
            "Total number of failed connections to server since the worker process started"),
    ERESP(StatField.ERESP, "response_errors_total", true, "BS", Shape.VALUE,
            "Total number of invalid responses since the worker process started"),
    WRETR(StatField.WRETR, "retry_warnings_total", true, "BS", Shape.VALUE,
            "Total number of server connection retries since the worker process started"),
    WREDIS(StatField.WREDIS, "redispatch_warnings_total", true, "BS", Shape.VALUE,
            "Total number of server redispatches due to connection failures since the worker process started"),
    STATUS(StatField.STATUS, "status", false, "FBS", Shape.STATE,
            "Current status of the service, per state label value."),
    WEIGHT(StatField.WEIGHT, "weight", false, "BS", Shape.VALUE,
            "Server's effective weight, or sum of active servers' effective weights for a backend"),
    ACT(StatField.ACT, "active_servers", false, "B", Shape.VALUE,
            "Total number of active UP servers with a non-zero weight"),
    BCK(StatField.BCK, "backup_servers", false, "B", Shape.VALUE,
            "Total number of backup UP servers with a non-zero weight"),
    CHKFAIL(StatField.CHKFAIL, "check_failures_total", true, "S", Shape.VALUE,
            "Total number of failed individual health checks per server/backend, since the worker process started"),
    CHKDOWN(StatField.CHKDOWN, "check_up_down_total", true, "BS", Shape.VALUE,
            "Total number of failed checks causing UP to DOWN server transitions, per server/backend, since the "
                    + "worker process started"),
    LASTCHG(StatField.LASTCHG, "check_last_change_seconds", false, "BS", Shape.VALUE,
            "How long ago the last server state changed, in seconds"),
    DOWNTIME(StatField.DOWNTIME, "downtime_seconds_total", true, "BS", Shape.VALUE,
            "Total time spent in DOWN state, for server or backend"),
    LBTOT(StatField.LBTOT, "loadbalanced_total", true, "BS", Shape.VALUE,
            "Total number of requests routed by load balancing since the worker process started (ignores queue pop "
                    + "and stickiness)"),
    RATE_MAX(StatField.RATE_MAX, "max_session_rate", false, "FBS", Shape.VALUE,
            "Highest value of sessions per second observed since the worker process started"),
    CHECK_STATUS(StatField.CHECK_STATUS, "check_status", false, "S", Shape.CHECK_STATE,
            "Status of last health check, per state label value."),
    CHECK_CODE(StatField.CHECK_CODE, "check_code", false, "S", Shape.CHECK_CODE,
            "layer5-7 code, if available of the last health check."),
    CHECK_DURATION(StatField.CHECK_DURATION, "check_duration_seconds", false, "S", Shape.SECONDS_IF_SET,
            "Total duration of the latest server health check, in seconds."),
    HRSP_1XX(StatField.HRSP_1XX, "http_responses_total", true, "FBS", Shape.HTTP_CODE,
            "Total number of HTTP responses with status 100-199 returned by this object since the worker process "
                    + "started"),
    HRSP_2XX(StatField.HRSP_2XX, "http_responses_total", true, "FBS", Shape.HTTP_CODE, null),
    HRSP_3XX(StatField.HRSP_3XX, "http_responses_total", true, "FBS", Shape.HTTP_CODE, null),
    HRSP_4XX(StatField.HRSP_4XX, "http_responses_total", true, "FBS", Shape.HTTP_CODE, null),
    HRSP_5XX(StatField.HRSP_5XX, "http_responses_total", true, "FBS", Shape.HTTP_CODE, null),
    HRSP_OTHER(StatField.HRSP_OTHER, "http_responses_total", true, "FBS", Shape.HTTP_CODE, null),
    REQ_RATE_MAX(StatField.REQ_RATE_MAX, "http_requests_rate_max", false, "F", Shape.HTTP_VALUE,
            "Highest value of http requests observed since the worker process started"),
    REQ_TOT(StatField.REQ_TOT, "http_requests_total", true, "FB", Shape.HTTP_VALUE,
            "Total number of HTTP requests processed by this object since the worker process started"),
    CLI_ABRT(StatField.CLI_ABRT, "client_aborts_total", true, "BS", Shape.VALUE,
            "Total number of requests or connections aborted by the client since the worker process started"),
    SRV_ABRT(StatField.SRV_ABRT, "server_aborts_total", true, "BS", Shape.VALUE,
            "Total number of requests or connections aborted by the server since the worker process started"),
    LASTSESS(StatField.LASTSESS, "last_session_seconds", false, "BS", Shape.VALUE,
            "How long ago some traffic was seen on this object on this worker process, in seconds"),
    QTIME(StatField.QTIME, "queue_time_average_seconds", false, "BS", Shape.SECONDS,
            "Avg. queue time for last 1024 successful connections."),
    CTIME(StatField.CTIME, "connect_time_average_seconds", false, "BS", Shape.SECONDS,
            "Avg. connect time for last 1024 successful connections."),
    RTIME(StatField.RTIME, "response_time_average_seconds", false, "BS", Shape.SECONDS,
            "Avg. response time for last 1024 successful connections."),
    TTIME(StatField.TTIME, "total_time_average_seconds", false, "BS", Shape.SECONDS,
            "Avg. total time for last 1024 successful connections."),
    CONN_RATE_MAX(StatField.CONN_RATE_MAX, "connections_rate_max", false, "F", Shape.VALUE,
            "Highest value of connections per second observed since the worker process started"),
    CONN_TOT(StatField.CONN_TOT, "connections_total", true, "F", Shape.VALUE,
            "Total number of new connections accepted on this frontend since the worker process started"),
    INTERCEPTED(StatField.INTERCEPTED, "intercepted_requests_total", true, "F", Shape.HTTP_VALUE,
            "Total number of HTTP requests intercepted on the frontend (redirects/stats/services) since the worker "
                    + "process started"),
    DCON(StatField.DCON, "denied_connections_total", true, "F", Shape.VALUE,
            "Total number of incoming connections blocked on a listener/frontend by a tcp-request connection rule "
                    + "since the worker process started"),
    WREW(StatField.WREW, "failed_header_rewriting_total", true, "FBS", Shape.VALUE,
            "Total number of failed HTTP header rewrites since the worker process started"),
    CONNECT(StatField.CONNECT, "connection_attempts_total", true, "BS", Shape.VALUE,
            "Total number of outgoing connection attempts on this backend/server since the worker process started"),
    REUSE(StatField.REUSE, "connection_reuses_total", true, "BS", Shape.VALUE,
            "Total number of reused connection on this backend/server since the worker process started"),
    QTIME_MAX(StatField.QTIME_MAX, "max_queue_time_seconds", false, "BS", Shape.SECONDS,
            "Maximum observed time spent in the queue"),
    CTIME_MAX(StatField.CTIME_MAX, "max_connect_time_seconds", false, "BS", Shape.SECONDS,
            "Maximum observed time spent waiting for a connection to complete"),
    RTIME_MAX(StatField.RTIME_MAX, "max_response_time_seconds", false, "BS", Shape.SECONDS,
            "Maximum observed time spent waiting for a server response"),
    TTIME_MAX(StatField.TTIME_MAX, "max_total_time_seconds", false, "BS", Shape.SECONDS,
            "Maximum observed total request+response time (request+queue+connect+response+processing)"),
    EINT(StatField.EINT, "internal_errors_total", true, "FBS", Shape.VALUE,
            "Total number of internal errors since process started"),
    USED_CONN_CUR(StatField.USED_CONN_CUR, "used_connections_current", false, "S", Shape.VALUE,
            "Current number of connections in use"),
    UWEIGHT(StatField.UWEIGHT, "uweight", false, "BS", Shape.VALUE,
            "Server's user weight, or sum of active servers' user weights for a backend"),
    AGG_SERVER_STATUS(StatField.AGG_SERVER_STATUS, "agg_server_status", false, "B", Shape.SERVER_STATES,
            "Backend's aggregated gauge of servers' status"),
    AGG_CHECK_STATUS(StatField.AGG_CHECK_STATUS, "agg_check_status", false, "B", Shape.CHECK_STATES,
            "Backend's aggregated gauge of servers' state check status");

    /** How a metric's samples are made from a row. */
    enum Shape {
        /** The column's number, {@code NaN} when empty. */
        VALUE,
        /** As {@link #VALUE}, for HTTP proxies only. */
        HTTP_VALUE,
        /** Milliseconds shown in seconds. */
        SECONDS,
        /** Milliseconds shown in seconds, only when set (a check has run). */
        SECONDS_IF_SET,
        /** One sample per state, 1 for the current one ({@code state} label). */
        STATE,
        /** One sample per check result, 1 for the last one; servers whose checks run only. */
        CHECK_STATE,
        /** The last check's layer 5-7 code, 0 when it had none; servers whose checks run only. */
        CHECK_CODE,
        /** One sample with a {@code code} label per response class, for HTTP proxies only. */
        HTTP_CODE,
        /** The backend's count of servers per state ({@code state} label). */
        SERVER_STATES,
        /** The backend's count of servers per last check result ({@code state} label). */
        CHECK_STATES
    }

    final StatField field;
    final String name;
    final boolean counter;
    private final String kinds;
    final Shape shape;
    /** HAProxy's help text; {@code null} for the later response classes, which share the first one's lines. */
    final String help;

    PrometheusMetric(StatField field, String name, boolean counter, String kinds, Shape shape, String help) {
        this.field = field;
        this.name = name;
        this.counter = counter;
        this.kinds = kinds;
        this.shape = shape;
        this.help = help;
    }

    /** Whether objects of {@code kind} have this metric. */
    boolean appliesTo(StatsRow.Kind kind) {
        return kinds.indexOf(kind.letter()) >= 0;
    }
}
