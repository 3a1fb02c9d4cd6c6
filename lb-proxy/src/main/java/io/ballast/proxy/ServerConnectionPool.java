package io.ballast.proxy;

import io.ballast.core.server.Server;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Idle server connections of one event loop, by server. Only that loop's thread touches it, so it needs
 * no lock; the most recently used connection is reused first (it is the least likely to have timed out).
 */
final class ServerConnectionPool {

    /**
     * Idle connections kept per server on one event loop. With {@code http-reuse safe} every client connection's
     * first request opens a connection that then goes idle, so with clients that close after one request the
     * pool would otherwise grow until the server's keep-alive timeout; HAProxy purges such surplus periodically,
     * Ballast closes the oldest idle connection beyond this bound.
     */
    static final int MAX_IDLE_PER_SERVER = 256;

    private final Map<Server, ArrayDeque<ServerConnection>> idle = new IdentityHashMap<>();

    /**
     * An idle, still open connection to {@code server} made for {@code tlsName} and {@code proxyHeader}, or
     * {@code null}: a connection whose SNI depends on the request is never reused for another name, nor one that
     * started with a PROXY protocol header for another client's addresses.
     *
     * @param provenOnly  only a connection that already carried more than one exchange ({@code http-reuse
     *                    aggressive} for a first request)
     * @param tlsName     the name ({@link ServerConnection#tlsName()}), or {@code null} when the server's connections
     *                    are all alike
     * @param proxyHeader the header ({@link ServerConnection#proxyHeader()}), or {@code null} when the server gets none
     */
    ServerConnection poll(Server server, boolean provenOnly, String tlsName, ProxyHeader proxyHeader) {
        ArrayDeque<ServerConnection> connections = idle.get(server);
        if (connections == null) {
            return null;
        }
        if (tlsName == null && proxyHeader == null && !provenOnly) { // the usual case: newest open, no iterator
            for (ServerConnection c; (c = connections.pollLast()) != null; ) {
                if (c.channel().isActive()) {
                    return c;
                }
            }
            return null;
        }
        var it = connections.descendingIterator();
        while (it.hasNext()) {
            ServerConnection c = it.next();
            if (!c.channel().isActive()) {
                it.remove();
            } else if ((tlsName == null || tlsName.equals(c.tlsName()))
                    && (proxyHeader == null || proxyHeader.equals(c.proxyHeader()))
                    && (!provenOnly || c.exchanges() > 1)) {
                it.remove();
                return c;
            }
        }
        return null;
    }

    void offer(ServerConnection connection) {
        ArrayDeque<ServerConnection> connections = idle.computeIfAbsent(connection.server(), s -> new ArrayDeque<>());
        if (connections.size() >= MAX_IDLE_PER_SERVER) {
            connections.pollFirst().close();
        }
        connections.addLast(connection);
    }

    /** Closes the idle connections to {@code server}: it moved, or left its backend. */
    void closeIdle(Server server) {
        ArrayDeque<ServerConnection> connections = idle.remove(server);
        if (connections != null) {
            connections.forEach(ServerConnection::close);
        }
    }

    void remove(ServerConnection connection) {
        ArrayDeque<ServerConnection> connections = idle.get(connection.server());
        if (connections != null) {
            connections.remove(connection);
        }
    }
}
