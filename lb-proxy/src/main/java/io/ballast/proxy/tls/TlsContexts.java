package io.ballast.proxy.tls;

import io.ballast.core.config.BackendConfig;
import io.ballast.core.config.BallastConfig;
import io.ballast.core.config.BindConfig;
import io.ballast.core.config.BindTlsConfig;
import io.ballast.core.config.ConfigException;
import io.ballast.core.config.Diagnostic;
import io.ballast.core.config.FrontendConfig;
import io.ballast.core.config.ServerConfig;
import io.ballast.core.config.TlsCertificate;
import io.netty.handler.ssl.SslContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every TLS context of a configuration, built once before anything starts: one per certificate of each {@code ssl}
 * listener (selected by SNI) and one per {@code ssl} server. Building them reads and checks every certificate, key
 * and CA file, cipher list and curve list, so that {@code -c} reports their errors with the {@code file:line} of
 * the {@code bind} or {@code server} line, as HAProxy does.
 */
public final class TlsContexts {

    /** No TLS anywhere. */
    public static final TlsContexts NONE = new TlsContexts(Map.of(), Map.of());

    /** The default handshake timeout when {@code timeout client} is not set, as Netty's. */
    private static final long DEFAULT_HANDSHAKE_TIMEOUT = 10_000;

    private final Map<BindConfig, FrontendTls> binds;
    /**
     * By {@code backend/server} name: a reload keeps the {@code Server} of an unchanged line, with the configuration
     * object it was first made from.
     */
    private final Map<String, ServerTls> servers;

    private TlsContexts(Map<BindConfig, FrontendTls> binds, Map<String, ServerTls> servers) {
        this.binds = binds;
        this.servers = servers;
    }

    /**
     * Builds the contexts of {@code config}.
     *
     * @throws ConfigException listing every certificate, key, CA file, cipher or curve that cannot be used
     */
    public static TlsContexts build(BallastConfig config) throws ConfigException {
        ContextFactory factory = new ContextFactory(TlsLibrary.CURRENT);
        Map<BindConfig, FrontendTls> binds = new IdentityHashMap<>();
        Map<String, ServerTls> servers = new HashMap<>();
        List<Diagnostic> errors = new ArrayList<>();
        for (FrontendConfig fe : config.frontends()) {
            for (BindConfig bind : fe.binds()) {
                if (bind.tls() == null) {
                    continue;
                }
                try {
                    long timeout = fe.timeouts().client() > 0 ? fe.timeouts().client() : DEFAULT_HANDSHAKE_TIMEOUT;
                    binds.put(bind, frontend(bind.tls(), factory, timeout, fe.listenerName(bind)));
                } catch (IllegalArgumentException e) {
                    errors.add(new Diagnostic(Diagnostic.Severity.ERROR, bind.location(),
                            "bind " + bind.endpoint().text(), e.getMessage()));
                }
            }
        }
        for (BackendConfig be : config.backends()) {
            for (ServerConfig s : be.servers()) {
                if (s.tls() == null) {
                    continue;
                }
                try {
                    servers.put(be.name() + "/" + s.name(), new ServerTls(factory.client(s.tls()), s.tls()));
                } catch (IllegalArgumentException e) {
                    errors.add(new Diagnostic(Diagnostic.Severity.ERROR, s.location(),
                            "server " + be.name() + "/" + s.name(), e.getMessage()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors, List.of());
        }
        return binds.isEmpty() && servers.isEmpty() ? NONE : new TlsContexts(binds, servers);
    }

    private static FrontendTls frontend(BindTlsConfig tls, ContextFactory factory, long handshakeTimeout,
                                        String listener) {
        SniSelector<SslContext> selector = new SniSelector<>();
        for (TlsCertificate cert : tls.certificates()) {
            try {
                PemFiles.KeyAndChain pem = PemFiles.read(cert.file(), cert.keyFile());
                SslContext ctx = factory.server(pem, cert.settings());
                List<String> names = new ArrayList<>();
                List<String> excluded = new ArrayList<>();
                for (String filter : cert.sniFilters()) {
                    if (filter.startsWith("!")) {
                        excluded.add(filter.substring(1));
                    } else {
                        names.add(filter);
                    }
                }
                if (names.isEmpty()) {
                    names.addAll(CertificateNames.dnsNames(pem.chain()[0]));
                }
                selector.add(ctx, names, excluded);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + " (" + cert.origin() + ")", e);
            }
        }
        return new FrontendTls(selector, tls.strictSni(), handshakeTimeout, tls.settings().ticketsDisabled(),
                listener);
    }

    /** The TLS of listener {@code bind}, or {@code null} for a plain one. */
    public FrontendTls frontend(BindConfig bind) {
        return binds.get(bind);
    }

    /** The TLS of connections to server {@code server} of backend {@code backend}, or {@code null} for plain ones. */
    public ServerTls server(String backend, String server) {
        return servers.isEmpty() ? null : servers.get(backend + "/" + server);
    }

    /** The library handshakes run on, for the startup message: {@code BoringSSL (netty-tcnative)} or the JDK. */
    public static String library() {
        return TlsLibrary.CURRENT.describe();
    }
}
