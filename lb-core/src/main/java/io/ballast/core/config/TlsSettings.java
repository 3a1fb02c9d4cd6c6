package io.ballast.core.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The handshake settings of one TLS context: a listener's (or one of its {@code crt-list} entries'), or a server's,
 * with the global {@code ssl-default-*} settings already applied.
 *
 * @param versions        the protocol versions offered, oldest first, never empty
 * @param ciphers         {@code ciphers}: the TLS 1.2-and-older cipher list in OpenSSL's syntax, or {@code null}
 *                        for the TLS library's default
 * @param cipherSuites    {@code ciphersuites}: the TLS 1.3 suites, colon-separated, or {@code null} for the default
 * @param curves          {@code curves}: the key exchange groups, colon-separated, or {@code null} for the default
 * @param alpn            {@code alpn}: the protocols offered, in order of preference; empty for no ALPN
 * @param ticketsDisabled {@code no-tls-tickets}: no session tickets (sessions resume from the session cache)
 * @param caFile          {@code ca-file}: the authorities that sign peer certificates, or {@code null}
 * @param verify          {@code verify}: whether peer certificates are asked for and checked
 */
public record TlsSettings(List<TlsVersion> versions, String ciphers, String cipherSuites, String curves,
                          List<String> alpn, boolean ticketsDisabled, Path caFile, TlsVerify verify) {

    /** Copies the lists. */
    public TlsSettings {
        versions = List.copyOf(versions);
        alpn = List.copyOf(alpn);
    }

    /** The oldest version offered. */
    public TlsVersion minVersion() {
        return versions.get(0);
    }

    /** The newest version offered. */
    public TlsVersion maxVersion() {
        return versions.get(versions.size() - 1);
    }
}
