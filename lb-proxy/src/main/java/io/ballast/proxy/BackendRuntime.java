package io.ballast.proxy;

import io.ballast.core.config.BackendConfig;
import io.ballast.core.config.Endpoint;
import io.ballast.core.config.FrontendConfig;
import io.ballast.core.config.InetEndpoint;
import io.ballast.core.config.UnixEndpoint;
import io.ballast.core.request.RequestView;
import io.ballast.core.server.Backend;
import io.ballast.core.server.Server;
import io.netty.channel.unix.DomainSocketAddress;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.IdentityHashMap;
import java.util.Map;

/** A backend as the engine uses it: the balancing model plus resolved server addresses and error pages. */
final class BackendRuntime {

    private final Backend backend;
    final ProxyRules rules;
    final BackendQueue queue;
    final ServerSessions sessions;
    private final Map<Server, SocketAddress> addresses = new IdentityHashMap<>();
    private final Map<Server, Integer> ports = new IdentityHashMap<>();

    BackendRuntime(Backend backend, ProxyRules rules) throws UnknownHostException {
        this.backend = backend;
        this.rules = rules;
        this.queue = new BackendQueue(backend);
        this.sessions = new ServerSessions(backend);
        for (Server server : backend.servers()) {
            Endpoint endpoint = server.config().address();
            if (endpoint instanceof InetEndpoint inet) {
                InetAddress host = InetAddress.getByName(inet.host() == null ? "0.0.0.0" : inet.host());
                addresses.put(server, new InetSocketAddress(host, inet.firstPort()));
                ports.put(server, inet.firstPort());
            } else if (endpoint instanceof UnixEndpoint unix) {
                addresses.put(server, new DomainSocketAddress(unix.path()));
                ports.put(server, -1);
            } else {
                throw new IllegalArgumentException("server " + server.qualifiedName() + ": cannot connect to " + endpoint.text());
            }
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
        SocketAddress address = addresses.get(server);
        if (ports.get(server) == 0 && address instanceof InetSocketAddress inet
                && clientLocal instanceof InetSocketAddress local) {
            return new InetSocketAddress(inet.getAddress(), local.getPort());
        }
        return address;
    }

    /**
     * Whether the server was written without a port, so that its address depends on the client's
     * connection: such connections are never pooled, since the pool knows servers, not ports.
     */
    boolean followsClientPort(Server server) {
        return ports.get(server) == 0;
    }

    /** The error pages of a request routed from {@code frontend} to this backend. */
    ErrorPages errorPagesFor(FrontendConfig frontend) {
        return new ErrorPages(backend.config().errorFiles(), frontend.errorFiles());
    }
}
