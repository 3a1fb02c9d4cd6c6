package io.ballast.core.config;

import java.nio.file.Path;

/**
 * TLS to a server: a {@code server} line with {@code ssl}.
 *
 * @param settings      the handshake settings ({@code verify} is {@code none} or {@code required}, the latter with a
 *                      {@code ca-file})
 * @param sni           {@code sni}: the server name to send, or {@code null} to send none
 * @param verifyHost    {@code verifyhost}: the name the server's certificate must carry when no SNI is sent, or
 *                      {@code null}; with an SNI, the certificate must carry the SNI
 * @param clientCertificate {@code crt}: the PEM with the certificate (and key) to present, or {@code null}
 * @param clientKey     where that certificate's key is when the PEM lacks it, or {@code null}
 * @param sessionReuse  resume earlier TLS sessions with the server ({@code no-ssl-reuse} turns it off)
 */
public record ServerTlsConfig(TlsSettings settings, ServerSni sni, String verifyHost, Path clientCertificate,
                              Path clientKey, boolean sessionReuse) {
}
