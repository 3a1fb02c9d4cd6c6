package io.ballast.proxy;

import io.ballast.core.config.BindConfig;
import io.ballast.core.config.GlobalConfig;
import io.ballast.core.config.InetEndpoint;
import io.ballast.core.config.UnixEndpoint;
import io.ballast.core.log.EventLog;
import io.ballast.core.server.Backend;
import io.ballast.core.server.Server;
import io.ballast.health.HealthChecks;
import io.ballast.proxy.cli.RuntimeApi;
import io.ballast.proxy.cli.RuntimeTarget;
import io.ballast.proxy.stats.StatsSource;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.unix.DomainSocketAddress;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

/** What the runtime API ({@code stats socket}) acts on: a running {@link Engine}. */
final class EngineRuntimeTarget implements RuntimeTarget {

    private final Engine engine;
    private final HealthChecks checks;
    private final Iterable<Channel> clients;

    private EngineRuntimeTarget(Engine engine, HealthChecks checks, Iterable<Channel> clients) {
        this.engine = engine;
        this.checks = checks;
        this.clients = clients;
    }

    /**
     * Starts the runtime API of {@code engine}'s configuration on its event loops; call it once the health checks
     * run, from a thread that may block.
     *
     * @param clients the engine's client connections, for {@code show sess}
     */
    static RuntimeApi start(Engine engine, HealthChecks checks, Iterable<Channel> clients, GlobalConfig global,
                            EventLog log) {
        Transport transport = engine.transport();
        return RuntimeApi.start(global, new EngineRuntimeTarget(engine, checks, clients), transport.group(),
                new RuntimeApi.Listeners() {
                    @Override
                    public ChannelFactory<? extends ServerChannel> unix() {
                        return transport.unixServer();
                    }

                    @Override
                    public ChannelFactory<? extends ServerChannel> inet(InternetProtocolFamily family) {
                        return transport.inetServer(family);
                    }
                }, log);
    }

    @Override
    public List<Backend> backends() {
        return engine.backends();
    }

    @Override
    public HealthChecks healthChecks() {
        return checks;
    }

    @Override
    public StatsSource stats() {
        return engine.stats();
    }

    @Override
    public void clearCounters(boolean all) {
        for (FrontendRuntime f : engine.frontends()) {
            f.counters.clear(all);
        }
        for (Backend b : engine.backends()) {
            b.counters().clear(all);
            for (Server s : b.servers()) {
                s.counters().clear(all);
            }
        }
    }

    @Override
    public List<Connection> connections() {
        List<Connection> out = new ArrayList<>();
        for (Channel c : clients) {
            out.add(RuntimeTarget.Connection.from(Integer.toUnsignedLong(System.identityHashCode(c)),
                    c.remoteAddress(), c.id().asShortText(), frontendOf(c.localAddress()), null, null, -1));
        }
        return out;
    }

    /** The frontend whose {@code bind} accepted a connection to {@code local}: the port's, the address's if several. */
    private String frontendOf(SocketAddress local) {
        String byPort = "?";
        for (FrontendRuntime f : engine.frontends()) {
            for (BindConfig bind : f.config.binds()) {
                if (bind.endpoint() instanceof InetEndpoint inet && local instanceof InetSocketAddress address
                        && address.getPort() >= inet.firstPort() && address.getPort() <= inet.lastPort()) {
                    if (inet.host() == null || inet.host().equals(address.getAddress().getHostAddress())) {
                        return f.config.name();
                    }
                    byPort = f.config.name();
                } else if (bind.endpoint() instanceof UnixEndpoint unix && local instanceof DomainSocketAddress path
                        && path.path().equals(unix.path())) {
                    return f.config.name();
                }
            }
        }
        return byPort;
    }
}
