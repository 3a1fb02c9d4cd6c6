package io.ballast.proxy.tls;

import io.netty.handler.ssl.CipherSuiteConverter;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The TLS library handshakes run on: BoringSSL through netty-tcnative when its native library loads (the normal
 * case on Linux), the JDK's own provider otherwise. The system property {@code ballast.tls.provider=jdk} forces the
 * JDK's. Knows what each offers: cipher suites by their OpenSSL names, and protocol versions.
 */
final class TlsLibrary {

    /** The one in use. */
    static final TlsLibrary CURRENT = pick();

    private final SslProvider provider;
    /** OpenSSL name to the name the library takes, for TLS 1.2-and-older suites, in the library's order. */
    private final Map<String, String> ciphers;
    private final Set<String> protocols;

    private TlsLibrary(SslProvider provider, Map<String, String> ciphers, Set<String> protocols) {
        this.provider = provider;
        this.ciphers = ciphers;
        this.protocols = protocols;
    }

    private static TlsLibrary pick() {
        boolean native_ = !"jdk".equalsIgnoreCase(System.getProperty("ballast.tls.provider")) && OpenSsl.isAvailable();
        if (native_) {
            Map<String, String> ciphers = new LinkedHashMap<>();
            for (String c : OpenSsl.availableOpenSslCipherSuites()) {
                if (!c.startsWith("TLS_")) {
                    ciphers.put(c, c);
                }
            }
            return new TlsLibrary(SslProvider.OPENSSL, ciphers, Set.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"));
        }
        try {
            SSLParameters supported = SSLContext.getDefault().getSupportedSSLParameters();
            Map<String, String> ciphers = new LinkedHashMap<>();
            for (String java : supported.getCipherSuites()) {
                String openSsl = CipherSuiteConverter.toOpenSsl(java, false);
                if (openSsl != null && !java.startsWith("TLS_AES") && !java.startsWith("TLS_CHACHA20")) {
                    ciphers.putIfAbsent(openSsl, java);
                }
            }
            return new TlsLibrary(SslProvider.JDK, ciphers, Set.copyOf(Arrays.asList(supported.getProtocols())));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no TLS implementation available", e);
        }
    }

    SslProvider provider() {
        return provider;
    }

    boolean isNative() {
        return provider != SslProvider.JDK;
    }

    /** The TLS 1.2-and-older suites it offers, by OpenSSL name. */
    List<String> cipherNames() {
        return new ArrayList<>(ciphers.keySet());
    }

    /** The name the library takes for the suite OpenSSL calls {@code openSslName}. */
    String libraryCipherName(String openSslName) {
        return ciphers.getOrDefault(openSslName, openSslName);
    }

    /** Whether it offers the protocol version called {@code protocolName} by JSSE ({@code TLSv1.2}). */
    boolean supportsProtocol(String protocolName) {
        return protocols.contains(protocolName);
    }

    /** For messages: {@code BoringSSL (netty-tcnative)} or {@code JDK}. */
    String describe() {
        return isNative() ? OpenSsl.versionString() + " (netty-tcnative)" : "JDK " + System.getProperty("java.version");
    }
}
