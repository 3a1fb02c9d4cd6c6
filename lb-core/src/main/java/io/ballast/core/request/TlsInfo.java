package io.ballast.core.request;

/**
 * What is known of a TLS connection that the load balancer terminated: the facts behind the {@code ssl_fc*} and
 * {@code ssl_c_*} fetches and the {@code %sslv}/{@code %sslc} log variables. Before the handshake completes the
 * connection is known to be TLS, but its facts are {@code null} (or {@code false}).
 */
public interface TlsInfo {

    /** The protocol version, e.g. {@code TLSv1.3} ({@code ssl_fc_protocol}), or {@code null} before the handshake. */
    String protocol();

    /**
     * The cipher in OpenSSL's name, e.g. {@code ECDHE-RSA-AES128-GCM-SHA256} or {@code TLS_AES_256_GCM_SHA384}
     * ({@code ssl_fc_cipher}), or {@code null} before the handshake.
     */
    String cipher();

    /** The server name the client sent (SNI, {@code ssl_fc_sni}), or {@code null} when it sent none. */
    String serverName();

    /** The protocol agreed by ALPN ({@code ssl_fc_alpn}), or {@code null}. */
    String alpn();

    /** Whether the handshake resumed an earlier session ({@code ssl_fc_is_resumed}). */
    boolean resumed();

    /** Whether the client presented a certificate ({@code ssl_c_used}). */
    boolean clientCertificate();

    /**
     * The result of the client certificate's verification ({@code ssl_c_verify}): 0 when it passed or when none was
     * asked for, else an OpenSSL {@code X509_V_ERR_*} code.
     */
    int clientVerifyResult();

    /** The client certificate's subject, as OpenSSL writes it ({@code /C=FR/O=Example/CN=alice}), or {@code null}. */
    String clientSubject();

    /** The client certificate's issuer, as OpenSSL writes it, or {@code null}. */
    String clientIssuer();
}
