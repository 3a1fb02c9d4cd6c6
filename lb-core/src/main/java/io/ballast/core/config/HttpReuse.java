package io.ballast.core.config;

/** {@code http-reuse}: which idle server connections a request may use. */
public enum HttpReuse {
    /** No sharing: a server connection serves one client connection only. */
    NEVER,
    /** The default: a client connection's first request gets a new connection; later ones may use idle ones. */
    SAFE,
    /** First requests may use idle connections that already carried a second request (proven reusable). */
    AGGRESSIVE,
    /** Any request may use any idle connection. */
    ALWAYS
}
