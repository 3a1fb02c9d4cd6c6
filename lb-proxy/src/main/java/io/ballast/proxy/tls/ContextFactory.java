package io.ballast.proxy.tls;

import io.ballast.core.config.ServerTlsConfig;
import io.ballast.core.config.TlsSettings;
import io.ballast.core.config.TlsVerify;
import io.ballast.core.config.TlsVersion;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.OpenSslSessionContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.internal.tcnative.SSL;

import javax.net.ssl.SSLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds Netty {@link SslContext}s from the configuration's {@link TlsSettings}: protocol versions, ciphers, TLS 1.3
 * suites, curves, ALPN, peer verification, the session cache (HAProxy's defaults: 20000 sessions, 300 s) and
 * session tickets. Failures are {@link IllegalArgumentException}s in HAProxy's words, for the caller to place.
 */
final class ContextFactory {

    /** HAProxy's {@code tune.ssl.cachesize}. */
    static final int SESSION_CACHE_SIZE = 20_000;
    /** HAProxy's {@code tune.ssl.lifetime}, in seconds. */
    static final int SESSION_LIFETIME = 300;

    private static final Set<String> TLS13_SUITES = Set.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_CCM_SHA256", "TLS_AES_128_CCM_8_SHA256");
    private static final List<String> TLS13_DEFAULT = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256");
    /** The TLS 1.2 suites offered when only {@code ciphersuites} is set. */
    private static final String TLS12_DEFAULT = "ECDHE+AESGCM:ECDHE+CHACHA20:ECDHE+AES:AESGCM:AES";

    private final TlsLibrary library;

    ContextFactory(TlsLibrary library) {
        this.library = library;
    }

    /** A context serving {@code chain} for a listener. */
    SslContext server(PemFiles.KeyAndChain cert, TlsSettings s) {
        SslContextBuilder b = SslContextBuilder.forServer(cert.key(), cert.chain());
        common(b, s, "SSL");
        b.clientAuth(switch (s.verify()) {
            case NONE -> ClientAuth.NONE;
            case OPTIONAL -> ClientAuth.OPTIONAL;
            case REQUIRED -> ClientAuth.REQUIRE;
        });
        if (s.verify() != TlsVerify.NONE) {
            b.trustManager(PemFiles.certificates(s.caFile()));
        }
        SslContext ctx = build(b, s);
        ctx.sessionContext().setSessionCacheSize(SESSION_CACHE_SIZE);
        ctx.sessionContext().setSessionTimeout(SESSION_LIFETIME);
        return ctx;
    }

    /** A context for connections to a server. */
    SslContext client(ServerTlsConfig tls) {
        TlsSettings s = tls.settings();
        SslContextBuilder b = SslContextBuilder.forClient();
        common(b, s, "SSL");
        if (s.verify() == TlsVerify.REQUIRED) {
            b.trustManager(PemFiles.certificates(s.caFile()));
        } else {
            b.trustManager(InsecureTrustManagerFactory.INSTANCE);
        }
        if (tls.clientCertificate() != null) {
            PemFiles.KeyAndChain cert = PemFiles.read(tls.clientCertificate(), tls.clientKey());
            b.keyManager(cert.key(), cert.chain());
        }
        SslContext ctx = build(b, s);
        if (!tls.sessionReuse() && ctx.sessionContext() instanceof OpenSslSessionContext openSsl) {
            openSsl.setSessionCacheEnabled(false);
        }
        return ctx;
    }

    private void common(SslContextBuilder b, TlsSettings s, String what) {
        b.sslProvider(library.provider());
        List<String> protocols = new ArrayList<>();
        for (TlsVersion v : s.versions()) {
            if (library.supportsProtocol(v.protocolName())) {
                protocols.add(v.protocolName());
            }
        }
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("none of the SSL/TLS versions enabled (" + s.minVersion().configName()
                    + " to " + s.maxVersion().configName() + ") is available in " + library.describe() + ".");
        }
        b.protocols(protocols);
        if (s.ciphers() != null || s.cipherSuites() != null) {
            b.ciphers(ciphers(s), SupportedCipherSuiteFilter.INSTANCE);
        }
        if (s.curves() != null) {
            if (library.isNative()) {
                b.option(OpenSslContextOption.GROUPS, s.curves().split(":"));
            }
            // The JDK provider takes named groups only process-wide (jdk.tls.namedGroups): its defaults apply.
        }
        if (!s.alpn().isEmpty()) {
            b.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, s.alpn()));
        }
        b.sessionCacheSize(SESSION_CACHE_SIZE).sessionTimeout(SESSION_LIFETIME);
    }

    private List<String> ciphers(TlsSettings s) {
        List<String> out = new ArrayList<>();
        String spec = s.ciphers() != null ? s.ciphers() : TLS12_DEFAULT;
        List<String> tls12 = CipherList.select(spec, library.cipherNames());
        boolean wantsTls12 = s.minVersion().compareTo(TlsVersion.TLSV1_3) < 0;
        if (tls12.isEmpty() && wantsTls12) {
            throw new IllegalArgumentException("unable to set SSL cipher list to '" + spec + "'");
        }
        for (String c : tls12) {
            out.add(library.libraryCipherName(c));
        }
        List<String> tls13 = TLS13_DEFAULT;
        if (s.cipherSuites() != null) {
            tls13 = List.of(s.cipherSuites().split(":"));
            for (String c : tls13) {
                if (!TLS13_SUITES.contains(c)) {
                    throw new IllegalArgumentException("unable to set TLS 1.3 cipher suites to '" + s.cipherSuites()
                            + "' (unknown suite '" + c + "')");
                }
            }
        }
        out.addAll(tls13);
        return out;
    }

    private SslContext build(SslContextBuilder b, TlsSettings s) {
        SslContext ctx;
        try {
            ctx = b.build();
        } catch (SSLException | RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            if (s.curves() != null && message.contains("curves")) {
                throw new IllegalArgumentException("unable to set SSL curves list to '" + s.curves() + "'");
            }
            throw new IllegalArgumentException("unable to create the SSL context: " + message);
        }
        return ctx;
    }

    /**
     * Turns session tickets off for the handshake of {@code handler} ({@code no-tls-tickets}): sessions then resume
     * from the session cache only. Netty sets no such option per context, so it is set per connection, on BoringSSL;
     * the JDK's provider takes it only process-wide ({@code jdk.tls.server.enableSessionTicketExtension}).
     */
    static void disableTickets(io.netty.handler.ssl.SslHandler handler) {
        if (handler.engine() instanceof io.netty.handler.ssl.ReferenceCountedOpenSslEngine openSsl) {
            long ssl = openSsl.sslPointer();
            if (ssl != 0) {
                SSL.setOptions(ssl, SSL.SSL_OP_NO_TICKET);
            }
        }
    }
}
