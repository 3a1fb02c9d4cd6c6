package io.ballast.proxy.tls;

import io.ballast.core.request.TlsInfo;
import io.netty.channel.Channel;
import io.netty.handler.ssl.CipherSuiteConverter;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslHandler;
import io.netty.internal.tcnative.SSL;
import io.netty.util.AttributeKey;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

/**
 * The TLS facts of one client connection, read once from its {@link SslHandler} when the handshake completes (see
 * {@link TlsHandshakeWatcher}) and kept for the connection's life, so that rules and the log lines written after the
 * connection closed read plain fields. Until then the connection is known to be TLS and its facts are empty.
 * Used on the connection's event loop only.
 */
public final class ConnectionTls implements TlsInfo {

    private static final AttributeKey<ConnectionTls> KEY = AttributeKey.valueOf(ConnectionTls.class, "tls");

    private String protocol;
    private String cipher;
    private String serverName;
    private String alpn;
    private boolean resumed;
    private boolean clientCertificate;
    private String clientSubject;
    private String clientIssuer;
    /** The listener's name for logs: its {@code name}, or its number in the frontend. */
    private final String listener;

    private ConnectionTls(String listener) {
        this.listener = listener;
    }

    /** The listener's name for logs ({@code fe/1: SSL handshake failure}): its {@code name}, or its number. */
    public String listener() {
        return listener;
    }

    /** The TLS facts of {@code channel}, or {@code null} when it is not a TLS connection of a listener. */
    public static ConnectionTls of(Channel channel) {
        return channel.attr(KEY).get();
    }

    /** Marks {@code channel} as a TLS connection whose facts will be read when its handshake completes. */
    static ConnectionTls attach(Channel channel, String listener) {
        ConnectionTls tls = new ConnectionTls(listener);
        channel.attr(KEY).set(tls);
        return tls;
    }

    /** Reads the facts of the completed handshake of {@code handler}. */
    void handshakeDone(SslHandler handler) {
        SSLEngine engine = handler.engine();
        SSLSession session = engine.getSession();
        protocol = session.getProtocol();
        alpn = handler.applicationProtocol();
        if (engine instanceof ReferenceCountedOpenSslEngine openSsl) {
            long ssl = openSsl.sslPointer();
            if (ssl != 0) {
                cipher = SSL.getCipherForSSL(ssl);
                resumed = SSL.isSessionReused(ssl);
            }
        }
        if (cipher == null) {
            String java = session.getCipherSuite();
            String openSsl = CipherSuiteConverter.toOpenSsl(java, false);
            cipher = openSsl != null ? openSsl : java;
        }
        if (session instanceof ExtendedSSLSession extended) {
            for (SNIServerName name : extended.getRequestedServerNames()) {
                if (name instanceof SNIHostName host) {
                    serverName = host.getAsciiName();
                }
            }
        }
        if (!engine.getNeedClientAuth() && !engine.getWantClientAuth()) {
            return; // no certificate was asked for; asking the session for one would build an exception to say so
        }
        try {
            Certificate[] peer = session.getPeerCertificates();
            if (peer.length > 0 && peer[0] instanceof X509Certificate x509) {
                clientCertificate = true;
                clientSubject = CertificateNames.oneLine(x509.getSubjectX500Principal());
                clientIssuer = CertificateNames.oneLine(x509.getIssuerX500Principal());
            }
        } catch (SSLPeerUnverifiedException e) {
            clientCertificate = false;
        }
    }

    @Override
    public String protocol() {
        return protocol;
    }

    @Override
    public String cipher() {
        return cipher;
    }

    @Override
    public String serverName() {
        return serverName;
    }

    @Override
    public String alpn() {
        return alpn;
    }

    @Override
    public boolean resumed() {
        return resumed;
    }

    @Override
    public boolean clientCertificate() {
        return clientCertificate;
    }

    /** 0: a handshake that asked for a certificate completes only when it verified. */
    @Override
    public int clientVerifyResult() {
        return 0;
    }

    @Override
    public String clientSubject() {
        return clientSubject;
    }

    @Override
    public String clientIssuer() {
        return clientIssuer;
    }
}
