package io.ballast.health;

import io.ballast.core.config.Endpoint;
import io.ballast.core.config.InetEndpoint;
import io.ballast.core.config.ServerConfig;
import io.ballast.core.config.UnixEndpoint;
import io.netty.channel.unix.DomainSocketAddress;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;

/**
 * Where a server's checks connect: its address, or {@code addr}, with {@code port} overriding the service port;
 * and where its agent listens ({@code agent-addr}, else that address, on {@code agent-port}). Host names are
 * resolved once, when checks start (this may block, so it is done on the caller's thread).
 *
 * @param address the address to connect to, or {@code null} when the server cannot be checked
 * @param unix    whether it is a UNIX domain socket
 * @param problem why the server cannot be checked, or {@code null}
 */
record CheckTarget(SocketAddress address, boolean unix, String problem) {

    /** Resolves the check target of {@code server} in {@code backend}. */
    static CheckTarget of(String backend, ServerConfig server) {
        Endpoint endpoint = server.address();
        String addr = server.checks().addr();
        if (endpoint instanceof UnixEndpoint u && addr == null) {
            return new CheckTarget(new DomainSocketAddress(u.path()), true, null);
        }
        InetEndpoint inet = endpoint instanceof InetEndpoint i ? i : null;
        if (inet == null && addr == null) {
            return failed("backend '" + backend + "': server '" + server.name() + "' has address '"
                    + endpoint.text() + "' which cannot be health-checked. Check has been disabled.");
        }
        int port = server.checkPort() > 0 ? server.checkPort() : inet != null ? inet.firstPort() : 0;
        if (port <= 0) {
            return failed("backend '" + backend + "': server '" + server.name()
                    + "' has neither service port nor check port. Check has been disabled.");
        }
        return resolved(backend, server, addr, inet, port);
    }

    /** Resolves where the agent of {@code server} listens. */
    static CheckTarget agent(String backend, ServerConfig server) {
        String host = server.checks().agentAddr() != null ? server.checks().agentAddr() : server.checks().addr();
        InetEndpoint inet = server.address() instanceof InetEndpoint i ? i : null;
        if (host == null && inet == null) {
            return failed("backend '" + backend + "': server '" + server.name() + "' has no address for its agent."
                    + " Agent check has been disabled.");
        }
        return resolved(backend, server, host, inet, server.checks().agentPort());
    }

    private static CheckTarget resolved(String backend, ServerConfig server, String host, InetEndpoint inet, int port) {
        try {
            InetAddress ip = host != null ? InetAddress.getByName(host) : resolve(inet);
            return new CheckTarget(new InetSocketAddress(ip, port), false, null);
        } catch (UnknownHostException e) {
            return failed("backend '" + backend + "': server '" + server.name() + "': could not resolve address '"
                    + (host != null ? host : inet.host()) + "'. Check has been disabled.");
        }
    }

    private static InetAddress resolve(InetEndpoint inet) throws UnknownHostException {
        if (inet.isWildcard()) {
            return InetAddress.getByName(inet.family() == InetEndpoint.AddressFamily.IPV6 ? "::" : "0.0.0.0");
        }
        InetAddress[] all = InetAddress.getAllByName(inet.host());
        for (InetAddress a : all) {
            boolean fits = switch (inet.family()) {
                case ANY -> true;
                case IPV4 -> a instanceof Inet4Address;
                case IPV6 -> a instanceof Inet6Address;
            };
            if (fits) {
                return a;
            }
        }
        throw new UnknownHostException(inet.host());
    }

    private static CheckTarget failed(String problem) {
        return new CheckTarget(null, false, problem);
    }
}
