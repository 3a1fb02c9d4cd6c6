package io.ballast.core.config;

/**
 * One listening address of a {@code bind} line ({@code bind :80,:8080} gives two).
 *
 * @param endpoint    where to listen
 * @param name        the {@code name} option, or {@code null}
 * @param location    where the line was written
 * @param tls         TLS termination ({@code ssl crt ...}), or {@code null} for a plain listener
 * @param acceptProxy {@code accept-proxy}: every connection starts with a PROXY protocol header (version 1 or 2),
 *                    whose addresses stand for the client's
 */
public record BindConfig(Endpoint endpoint, String name, SourceLocation location, BindTlsConfig tls,
                         boolean acceptProxy) {

    /** A plain (not TLS) listener without {@code accept-proxy}. */
    public BindConfig(Endpoint endpoint, String name, SourceLocation location) {
        this(endpoint, name, location, null, false);
    }
}
