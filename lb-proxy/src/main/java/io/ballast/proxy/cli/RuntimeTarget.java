package io.ballast.proxy.cli;

import io.ballast.core.server.Backend;
import io.ballast.health.HealthChecks;
import io.ballast.proxy.stats.StatsSource;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;

/** What the runtime API reads and changes: a running configuration's backends, checks, statistics and connections. */
public interface RuntimeTarget {

    /** The backends, in configuration order. */
    List<Backend> backends();

    /** The health checks, through which server states are changed. */
    HealthChecks healthChecks();

    /** The statistics that {@code show stat} and {@code show info} print. */
    StatsSource stats();

    /**
     * Resets the counters of every frontend, backend and server ({@code clear counters}).
     *
     * @param all {@code false} to reset the highest values only, {@code true} to reset every counter
     */
    void clearCounters(boolean all);

    /** The client connections open now, for {@code show sess}. */
    List<Connection> connections();

    /**
     * A client connection.
     *
     * @param id       a number that identifies it while it is open
     * @param protocol {@code tcpv4}, {@code tcpv6} or {@code unix_stream}
     * @param source   the client's address ({@code 127.0.0.1:40000}, or {@code unix:<id>})
     * @param frontend   the frontend that accepted it
     * @param backend    the backend of its current request ({@code <NONE>} for none), or {@code null} when unknown
     * @param server     the server of its current request ({@code <none>} for none), or {@code null} when unknown
     * @param ageSeconds how long it has been open, or -1 when unknown
     */
    record Connection(long id, String protocol, String source, String frontend, String backend, String server,
                      long ageSeconds) {

        /**
         * A connection from {@code peer}: {@code tcpv4}/{@code tcpv6} with its address and port, or
         * {@code unix_stream} with {@code unix:<unixId>} for a peer without an internet address.
         */
        public static Connection from(long id, SocketAddress peer, String unixId, String frontend,
                                      String backend, String server, long ageSeconds) {
            if (peer instanceof InetSocketAddress inet) {
                return new Connection(id, inet.getAddress() instanceof Inet6Address ? "tcpv6" : "tcpv4",
                        inet.getAddress().getHostAddress() + ":" + inet.getPort(), frontend, backend, server,
                        ageSeconds);
            }
            return new Connection(id, "unix_stream", "unix:" + unixId, frontend, backend, server, ageSeconds);
        }
    }
}
