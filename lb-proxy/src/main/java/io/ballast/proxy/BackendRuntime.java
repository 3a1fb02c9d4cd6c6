package io.ballast.proxy;

import io.ballast.core.config.BackendConfig;
import io.ballast.core.config.Endpoint;
import io.ballast.core.config.FrontendConfig;
import io.ballast.core.config.InetEndpoint;
import io.ballast.core.config.UnixEndpoint;
import io.ballast.core.request.RequestView;
import io.ballast.core.server.Backend;
import io.ballast.core.server.Server;
import io.ballast.proxy.tls.ServerTls;
import io.ballast.proxy.tls.TlsContexts;
import io.netty.channel.unix.DomainSocketAddress;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A backend as the engine uses it: the balancing model plus resolved server addresses and error pages. */
final class BackendRuntime {

    private final Backend backend;
    final ProxyRules rules;
    final BackendQueue queue;
    final ServerSessions sessions;
    /**
     * Each server's address as last resolved, with the line's endpoint it came from: the runtime API may give a
     * server another address ({@code set server addr}) or add servers ({@code add server}), with IP addresses only.
     */
    private final Map<Server, Resolved> addresses = new ConcurrentHashMap<>();

    /**
     * A server's endpoint, resolved; {@code port} 0 means "the client's", -1 a UNIX socket; with the TLS of its
     * connections ({@code null} for plain ones), found once rather than by name per request.
     */
    private record Resolved(Endpoint endpoint, SocketAddress address, int port, ServerTls tls) {
    }
    /** The TLS contexts of the configuration, whose servers' this backend's are. */
    private final TlsContexts tls;

    BackendRuntime(Backend backend, ProxyRules rules, TlsContexts tls) throws UnknownHostException {
        this.backend = backend;
        this.tls = tls;
        this.rules = rules;
        this.queue = new BackendQueue(backend);
        this.sessions = new ServerSessions(backend);
        for (Server server : backend.servers()) {
            addresses.put(server, resolve(server));
        }
    }

    /** Resolves {@code server}'s address now (host names may block: not on an event loop). */
    private Resolved resolve(Server server) throws UnknownHostException {
        Endpoint endpoint = server.config().address();
        ServerTls serverTls = tls.server(backend.name(), server.name());
        if (endpoint instanceof InetEndpoint inet) {
            InetAddress host = InetAddress.getByName(inet.host() == null ? "0.0.0.0" : inet.host());
            return new Resolved(endpoint, new InetSocketAddress(host, inet.firstPort()), inet.firstPort(), serverTls);
        } else if (endpoint instanceof UnixEndpoint unix) {
            return new Resolved(endpoint, new DomainSocketAddress(unix.path()), -1, serverTls);
        }
        throw new IllegalArgumentException("server " + server.qualifiedName() + ": cannot connect to " + endpoint.text());
    }

    /** The address of {@code server} as it is now: resolved again when the runtime API changed it. */
    private Resolved resolved(Server server) {
        Resolved known = addresses.get(server);
        if (known != null && known.endpoint() == server.config().address()) {
            return known;
        }
        try {
            Resolved fresh = resolve(server); // an IP address (the runtime API takes no host name): no lookup
            addresses.put(server, fresh);
            return fresh;
        } catch (UnknownHostException e) {
            throw new IllegalStateException("server " + server.qualifiedName() + ": " + e.getMessage(), e);
        }
    }

    Backend backend() {
        return backend;
    }

    BackendConfig config() {
        return backend.config();
    }

    /**
     * A usable server other than {@code avoid} for a redispatched request, or {@code null}: the algorithm's choice
     * when it offers one within as many picks as there are servers (HAProxy's "server to avoid"), else the first
     * other usable server, active ones before backups.
     */
    Server pickAvoiding(RequestView request, Server avoid) {
        for (int i = 0; i < backend.servers().size(); i++) {
            Server s = backend.pick(request);
            if (s == null) {
                return null;
            }
            if (s != avoid) {
                return s;
            }
        }
        Server backup = null;
        for (Server s : backend.servers()) {
            if (s != avoid && s.isUsable()) {
                if (!s.isBackup()) {
                    return s;
                }
                if (backup == null) {
                    backup = s;
                }
            }
        }
        return backup;
    }

    /**
     * Where to connect for {@code server}. A server written without a port takes the port the client
     * connected to, as in HAProxy.
     */
    SocketAddress address(Server server, SocketAddress clientLocal) {
        Resolved r = resolved(server);
        if (r.port() == 0 && r.address() instanceof InetSocketAddress inet
                && clientLocal instanceof InetSocketAddress local) {
            return new InetSocketAddress(inet.getAddress(), local.getPort());
        }
        return r.address();
    }

    /**
     * Whether the server was written without a port, so that its address depends on the client's
     * connection: such connections are never pooled, since the pool knows servers, not ports.
     */
    boolean followsClientPort(Server server) {
        return resolved(server).port() == 0;
    }

    /** Whether requests reach {@code server} in HTTP/2 ({@code proto h2}, or {@code alpn h2}), one stream each. */
    boolean speaksHttp2(Server server) {
        return server.config().http2() && backend.config().mode() == io.ballast.core.config.ProxyMode.HTTP;
    }

    /** How connections to {@code server} are encrypted, or {@code null} for plain ones. */
    ServerTls tls(Server server) {
        return resolved(server).tls();
    }

    /** The error pages of a request routed from {@code frontend} to this backend. */
    ErrorPages errorPagesFor(FrontendConfig frontend) {
        return new ErrorPages(backend.config().errorFiles(), frontend.errorFiles());
    }
}
