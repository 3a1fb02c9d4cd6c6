package io.ballast.core.config;

/**
 * How HTTP connections are kept: {@code option http-keep-alive}, {@code option http-server-close} or
 * {@code option httpclose}. The effective mode of a request is the stronger of its frontend's and backend's.
 */
public enum HttpConnectionMode {
    /** Both sides persistent (the default). */
    KEEP_ALIVE,
    /** The server connection closes after each response; the client's stays open. */
    SERVER_CLOSE,
    /** Both connections close after the response. */
    CLOSE;

    /** The stronger (more closing) of this mode and {@code other}. */
    public HttpConnectionMode strongest(HttpConnectionMode other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
