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
 * Where a server's checks connect: its address, with {@code port} overriding the service port. Host names
 * are resolved once, when checks start (this may block, so it is done on the caller's thread).
 *
 * @param address the address to connect to, or {@code null} when the server cannot be checked
 * @param unix    whether it is a UNIX domain socket
 * @param problem why the server cannot be checked, or {@code null}
 */
record CheckTarget(SocketAddress address, boolean unix, String problem) {

    /** Resolves the check target of {@code server} in {@code backend}. */
    static CheckTarget of(String backend, ServerConfig server) {
        Endpoint endpoint = server.address();
        if (endpoint instanceof UnixEndpoint u) {
            return new CheckTarget(new DomainSocketAddress(u.path()), true, null);
        }
        if (!(endpoint instanceof InetEndpoint inet)) {
            return failed("backend '" + backend + "': server '" + server.name() + "' has address '"
                    + endpoint.text() + "' which cannot be health-checked. Check has been disabled.");
        }
        int port = server.checkPort() > 0 ? server.checkPort() : inet.firstPort();
        if (port <= 0) {
            return failed("backend '" + backend + "': server '" + server.name()
                    + "' has neither service port nor check port. Check has been disabled.");
        }
        try {
            return new CheckTarget(new InetSocketAddress(resolve(inet), port), false, null);
        } catch (UnknownHostException e) {
            return failed("backend '" + backend + "': server '" + server.name() + "': could not resolve address '"
                    + inet.host() + "'. Check has been disabled.");
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
