package io.ballast.core.server;

/** Told each time a server changes state. Called on the thread that made the change; must not block. */
@FunctionalInterface
public interface ServerStateListener {

    /**
     * @param server   the server, already in its new state
     * @param previous the state it left
     */
    void stateChanged(Server server, ServerState previous);
}
