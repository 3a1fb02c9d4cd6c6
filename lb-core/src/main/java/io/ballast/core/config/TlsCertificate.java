package io.ballast.core.config;

import java.nio.file.Path;
import java.util.List;

/**
 * One certificate a TLS listener serves: a PEM file from {@code crt} (a file, or each file of a directory) or from a
 * {@code crt-list} line, with the settings its handshakes use.
 *
 * @param file       the PEM file with the certificate, its chain and, usually, its private key
 * @param keyFile    where the private key is when the PEM lacks it ({@code <file>.key}), or {@code null}
 * @param sniFilters the {@code crt-list} SNI filters, as written ({@code www.example.com}, {@code *.example.org},
 *                   {@code !secure.example.org}); empty to select the certificate by its own names (CN and SAN)
 * @param settings   the handshake settings: the listener's, with the {@code crt-list} line's options over them
 * @param origin     where it was named, for messages: {@code crt '/etc/certs/a.pem'} or
 *                   {@code crt-list '/etc/list.txt' line 3}
 */
public record TlsCertificate(Path file, Path keyFile, List<String> sniFilters, TlsSettings settings, String origin) {

    /** Copies the filter list. */
    public TlsCertificate {
        sniFilters = List.copyOf(sniFilters);
    }
}
