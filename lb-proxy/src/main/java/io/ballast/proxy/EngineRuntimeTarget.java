package io.ballast.proxy;

import io.ballast.core.config.BindConfig;
import io.ballast.core.config.DynamicServerLine;
import io.ballast.core.config.ServerConfig;
import io.ballast.core.server.ServerState;
import io.netty.util.NetUtil;
import io.ballast.core.config.ConfigException;
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
import java.util.concurrent.CompletableFuture;

/** What the runtime API ({@code stats socket}) acts on: a running {@link Engine}. */
final class EngineRuntimeTarget implements RuntimeTarget {

    private final Engine engine;
    private final Iterable<Channel> clients;

    private EngineRuntimeTarget(Engine engine, Iterable<Channel> clients) {
        this.engine = engine;
        this.clients = clients;
    }

    /**
     * Starts the runtime API of {@code engine}'s configuration on its event loops; call it once the health checks
     * run, from a thread that may block.
     *
     * @param clients the engine's client connections, for {@code show sess}
     */
    static RuntimeApi start(Engine engine, Iterable<Channel> clients, GlobalConfig global, EventLog log) {
        Transport transport = engine.transport();
        return RuntimeApi.start(global, new EngineRuntimeTarget(engine, clients), transport.group(),
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
        return engine.healthChecks();
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
                if (all) {
                    s.history().clearTransitions(); // a server's chkdown, not its backend's (HAProxy 2.6)
                }
            }
        }
        HealthChecks checks = engine.healthChecks();
        if (all && checks != null) {
            checks.clearFailedChecks();
        }
    }

    @Override
    public CompletableFuture<String> reload() {
        Engine.Reloader reloader = engine.reloader();
        if (reloader == null) {
            return null;
        }
        // Reading files and binding sockets block: not on the event loop that runs the command.
        return CompletableFuture.supplyAsync(() -> {
            try {
                return "Success=1\n--\n" + String.join("\n", reloader.reload().lines()) + "\n";
            } catch (ConfigException e) {
                StringBuilder out = new StringBuilder("Success=0\n--\n");
                e.errors().forEach(error -> out.append(error).append('\n'));
                return out.toString();
            } catch (Exception e) {
                return "Success=0\n--\n" + e.getMessage() + "\n";
            }
        });
    }

    @Override
    public String addServer(Backend backend, String name, List<String> args) {
        ServerConfig line;
        try {
            line = DynamicServerLine.parse(backend.name(), name, args);
        } catch (IllegalArgumentException e) {
            return e.getMessage() + "\n";
        }
        if (line.address() instanceof InetEndpoint inet && !isIpAddress(inet.host())) {
            return "Ballast resolves no host name at run time: give '" + inet.host() + "' as an IP address.\n";
        }
        Server added;
        try {
            added = backend.addServer(line);
        } catch (IllegalArgumentException e) {
            return e.getMessage() + "\n";
        }
        HealthChecks checks = engine.healthChecks();
        if (checks != null) {
            checks.add(backend, added);
        }
        return "New server registered.\n";
    }

    @Override
    public String deleteServer(Server server) {
        if (server.state() != ServerState.MAINT) {
            return "Only servers in maintenance mode can be deleted.\n";
        }
        if (server.inFlight() > 0) {
            return "Server still has connections attached to it, cannot remove it.\n";
        }
        server.backend().removeServer(server);
        HealthChecks checks = engine.healthChecks();
        if (checks != null) {
            checks.remove(server);
        }
        engine.closeIdleConnections(server);
        return "Server deleted.\n";
    }

    @Override
    public String setServerAddress(Server server, String address, String port) {
        if (!isIpAddress(address) || !(server.config().address() instanceof InetEndpoint current)) {
            return "Invalid addr '" + address + "' by 'stats socket command'\n";
        }
        StringBuilder answer = new StringBuilder();
        String oldIp = current.host() == null ? "0.0.0.0" : current.host();
        answer.append(oldIp.equals(address) ? "no need to change the addr"
                : "IP changed from '" + oldIp + "' to '" + address + "'");
        int newPort = current.firstPort();
        if (port != null) {
            try {
                newPort = Integer.parseInt(port);
                if (newPort < 1 || newPort > 65535) {
                    throw new NumberFormatException();
                }
                answer.append(newPort == current.firstPort() ? ", no need to change the port"
                        : ", port changed from '" + current.firstPort() + "' to '" + newPort + "'");
            } catch (NumberFormatException e) {
                newPort = current.firstPort();
                answer.append(", problem converting port '").append(port).append("' to an int");
            }
        }
        if (!oldIp.equals(address) || newPort != current.firstPort()) {
            String host = address.indexOf(':') >= 0 ? "[" + address + "]" : address;
            server.setAddress(new InetEndpoint(host + ":" + newPort, address, current.family(), newPort, newPort));
            HealthChecks checks = engine.healthChecks();
            if (checks != null) {
                checks.readdressed(server.backend(), server);
            }
            engine.closeIdleConnections(server);
        }
        return answer.append(" by 'stats socket command'\n").toString();
    }

    private static boolean isIpAddress(String host) {
        return host != null && (NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host));
    }

    @Override
    public Reloads reloads() {
        return engine.reloads();
    }

    @Override
    public List<Integer> listenerDescriptors() {
        return engine.listenerDescriptors();
    }

    @Override
    public List<Connection> connections() {
        List<Connection> out = new ArrayList<>();
        for (Channel c : clients) {
            // The client as its PROXY protocol header gave it, if any; the frontend by the socket that accepted it.
            out.add(RuntimeTarget.Connection.from(Integer.toUnsignedLong(System.identityHashCode(c)),
                    ClientAddresses.remote(c), c.id().asShortText(), frontendOf(c.localAddress()), null, null, -1));
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
