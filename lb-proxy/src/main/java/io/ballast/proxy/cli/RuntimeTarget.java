package io.ballast.proxy.cli;

import io.ballast.core.server.Backend;
import io.ballast.health.HealthChecks;
import io.ballast.proxy.stats.StatsSource;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

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

    /**
     * Reads the configuration again and reloads it ({@code reload}). Runs off the event loops: it may block.
     *
     * @return the outcome as HAProxy's master CLI prints it: {@code Success=1} or {@code Success=0}, a {@code --}
     *         line, then what changed or what was wrong, a line each; or {@code null} when this target cannot reload
     */
    CompletableFuture<String> reload();

    /**
     * The file descriptors of the listening TCP sockets, for {@code _getsocks}: a new process takes them over so
     * that no connection is refused while it replaces this one.
     */
    List<Integer> listenerDescriptors();

    /**
     * Adds a server to {@code backend} at run time ({@code add server <backend>/<name> <address> [options]}); the
     * backend exists and balances dynamically (the command checked both).
     *
     * @return HAProxy's answer: {@code New server registered.} or what was wrong
     */
    String addServer(Backend backend, String name, List<String> args);

    /**
     * Removes a server in maintenance with no request under way ({@code del server}).
     *
     * @return HAProxy's answer: {@code Server deleted.} or why not
     */
    String deleteServer(io.ballast.core.server.Server server);

    /**
     * Moves a server to another IP address and optionally port ({@code set server <b>/<s> addr <ip> [port <port>]}).
     *
     * @param port the new port, or {@code null} to keep it
     * @return HAProxy's answer: what changed, {@code by 'stats socket command'}
     */
    String setServerAddress(io.ballast.core.server.Server server, String address, String port);

    /** How many reloads succeeded and failed since start, for {@code show proc}. */
    Reloads reloads();

    /**
     * Reloads since start.
     *
     * @param done   those that took effect
     * @param failed those refused (errors in the configuration, an address that could not be bound)
     */
    record Reloads(int done, int failed) {
    }

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
                        io.netty.util.NetUtil.toAddressString(inet.getAddress()) + ":" + inet.getPort(), frontend,
                        backend, server, ageSeconds);
            }
            return new Connection(id, "unix_stream", "unix:" + unixId, frontend, backend, server, ageSeconds);
        }
    }
}
