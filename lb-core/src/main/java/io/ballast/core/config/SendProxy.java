package io.ballast.core.config;

/** The PROXY protocol header a server connection starts with: none, {@code send-proxy} or {@code send-proxy-v2}. */
public enum SendProxy {
    /** No header: the connection starts with the traffic itself. */
    NONE,
    /** {@code send-proxy}: the text header of version 1. */
    V1,
    /** {@code send-proxy-v2}: the binary header of version 2. */
    V2
}
