package io.ballast.core.config;

import java.util.List;

/**
 * TLS termination on a listener: a {@code bind} line with {@code ssl}.
 *
 * @param certificates the certificates in the order they were loaded; the first one is served when no other matches
 *                     the client's SNI (or when it sends none)
 * @param strictSni    {@code strict-sni}: refuse a handshake whose SNI matches no certificate
 * @param settings     the listener's own handshake settings (its certificates may override some)
 */
public record BindTlsConfig(List<TlsCertificate> certificates, boolean strictSni, TlsSettings settings) {

    /** Copies the list. */
    public BindTlsConfig {
        certificates = List.copyOf(certificates);
    }
}
