package io.ballast.core.stats;

/**
 * The cumulative counters kept for each frontend, backend and server, named after the HAProxy stats columns they
 * feed ({@code show stat}, the stats page, the Prometheus exporter). Not every counter applies to every kind of
 * proxy: a frontend has no connection errors, a server denies nothing.
 */
public enum Counter {
    /** {@code conn_tot}: connections accepted (frontends). */
    CONNECTIONS,
    /** {@code stot}: sessions: accepted connections for a frontend, requests assigned for a backend or server. */
    SESSIONS,
    /** {@code req_tot}: HTTP requests. */
    REQUESTS,
    /** {@code bin}: bytes received from clients. */
    BYTES_IN,
    /** {@code bout}: bytes sent to clients. */
    BYTES_OUT,
    /** {@code dcon}: connections refused by {@code tcp-request connection} rules. */
    DENIED_CONNECTIONS,
    /** {@code dses}: sessions refused by {@code tcp-request session} rules. */
    DENIED_SESSIONS,
    /** {@code dreq}: requests denied by a rule. */
    DENIED_REQUESTS,
    /** {@code dresp}: responses denied by a rule. */
    DENIED_RESPONSES,
    /** {@code ereq}: request errors: malformed requests, client timeouts and aborts before the request was complete. */
    REQUEST_ERRORS,
    /** {@code econ}: failed connections to a server, once retries were exhausted. */
    CONNECTION_ERRORS,
    /** {@code eresp}: response errors: malformed or missing responses, server timeouts. */
    RESPONSE_ERRORS,
    /** {@code wretr}: connection attempts retried. */
    RETRIES,
    /** {@code wredis}: requests redispatched to another server. */
    REDISPATCHES,
    /** {@code cli_abrt}: transfers aborted by the client. */
    CLIENT_ABORTS,
    /** {@code srv_abrt}: transfers aborted by the server. */
    SERVER_ABORTS,
    /** {@code intercepted}: requests answered by Ballast itself (redirect, return, auth, stats, services). */
    INTERCEPTED,
    /** {@code wrew}: header rewrites that failed. */
    REWRITE_FAILURES,
    /** {@code eint}: internal errors. */
    INTERNAL_ERRORS,
    /** {@code connect}: connections opened to servers. */
    CONNECTS,
    /** {@code reuse}: requests sent over an idle server connection taken from the pool. */
    REUSES,
    /** {@code hrsp_1xx}. */
    RESPONSES_1XX,
    /** {@code hrsp_2xx}. */
    RESPONSES_2XX,
    /** {@code hrsp_3xx}. */
    RESPONSES_3XX,
    /** {@code hrsp_4xx}. */
    RESPONSES_4XX,
    /** {@code hrsp_5xx}. */
    RESPONSES_5XX,
    /** {@code hrsp_other}: statuses outside 100..599. */
    RESPONSES_OTHER;

    /** The {@code hrsp_*} counter for an HTTP status. */
    public static Counter responses(int status) {
        return switch (status / 100) {
            case 1 -> RESPONSES_1XX;
            case 2 -> RESPONSES_2XX;
            case 3 -> RESPONSES_3XX;
            case 4 -> RESPONSES_4XX;
            case 5 -> RESPONSES_5XX;
            default -> RESPONSES_OTHER;
        };
    }
}
