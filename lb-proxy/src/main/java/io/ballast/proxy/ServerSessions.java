package io.ballast.proxy;

import io.ballast.core.server.Backend;
import io.ballast.core.server.Server;
import io.ballast.core.server.ServerState;
import io.ballast.core.server.ServerStateListener;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client sessions using each server of a backend, for {@code on-marked-down shutdown-sessions} (a server
 * marked DOWN by its checks ends the sessions on it, tunnels included) and {@code on-marked-up
 * shutdown-backup-sessions} (an active server coming UP ends the sessions on the backup servers). Only servers
 * that such an option concerns are tracked, so other requests cost nothing here.
 */
final class ServerSessions implements ServerStateListener {

    private final Backend backend;
    private final Map<Server, Set<ClientSession>> sessions = new ConcurrentHashMap<>();

    ServerSessions(Backend backend) {
        this.backend = backend;
        boolean backupsConcerned = backend.servers().stream()
                .anyMatch(s -> s.config().checks().shutdownBackupSessionsOnUp());
        for (Server s : backend.servers()) {
            if (s.config().checks().shutdownSessionsOnDown() || (backupsConcerned && s.isBackup())) {
                sessions.put(s, ConcurrentHashMap.newKeySet());
            }
        }
        if (!sessions.isEmpty()) {
            backend.addListener(this);
        }
    }

    /** {@code session} now sends its exchange to {@code server}. */
    void attach(Server server, ClientSession session) {
        Set<ClientSession> set = sessions.get(server);
        if (set != null) {
            set.add(session);
        }
    }

    /** {@code session} is done with {@code server}. */
    void detach(Server server, ClientSession session) {
        Set<ClientSession> set = sessions.get(server);
        if (set != null) {
            set.remove(session);
        }
    }

    @Override
    public void stateChanged(Server server, ServerState previous) {
        if (server.state() == ServerState.DOWN && previous != ServerState.DOWN
                && server.config().checks().shutdownSessionsOnDown()) {
            shutDown(server);
        } else if (server.state() == ServerState.UP && previous != ServerState.UP && !server.isBackup()
                && server.config().checks().shutdownBackupSessionsOnUp()) {
            backend.servers().stream().filter(Server::isBackup).forEach(this::shutDown);
        }
    }

    private void shutDown(Server server) {
        Set<ClientSession> set = sessions.get(server);
        if (set != null) {
            set.forEach(session -> session.shutDownFor(server));
        }
    }
}
