package io.ballast.core.config;

/** The {@code mode} of a proxy. HAProxy's default is {@code tcp}. */
public enum ProxyMode {
    /** Layer 4: bytes are relayed without being parsed. */
    TCP,
    /** Layer 7: HTTP messages are parsed, routed and rewritten. */
    HTTP
}
