package io.ballast.core.config;

/** Peer certificate verification ({@code verify none|optional|required}). */
public enum TlsVerify {
    /** No certificate is asked for (bind) or checked (server). */
    NONE,
    /** A client certificate is asked for and checked when given; a client without one is let in (bind only). */
    OPTIONAL,
    /** The peer must present a certificate that the {@code ca-file} authorities signed. */
    REQUIRED
}
