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

    private final Map<Server, ArrayDeque<ServerConnection>> idle = new IdentityHashMap<>();

    /**
     * An idle, still open connection to {@code server}, or {@code null}.
     *
     * @param provenOnly only a connection that already carried more than one exchange ({@code http-reuse
     *                   aggressive} for a first request)
     */
    ServerConnection poll(Server server, boolean provenOnly) {
        ArrayDeque<ServerConnection> connections = idle.get(server);
        if (connections == null) {
            return null;
        }
        var it = connections.descendingIterator();
        while (it.hasNext()) {
            ServerConnection c = it.next();
            if (!c.channel().isActive()) {
                it.remove();
            } else if (!provenOnly || c.exchanges() > 1) {
                it.remove();
                return c;
            }
        }
        return null;
    }

    void offer(ServerConnection connection) {
        idle.computeIfAbsent(connection.server(), s -> new ArrayDeque<>()).addLast(connection);
    }

    void remove(ServerConnection connection) {
        ArrayDeque<ServerConnection> connections = idle.get(connection.server());
        if (connections != null) {
            connections.remove(connection);
        }
    }
}
