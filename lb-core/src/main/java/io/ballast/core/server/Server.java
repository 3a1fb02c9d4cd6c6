package io.ballast.core.server;

import io.ballast.core.config.ServerConfig;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A server at run time: its configuration, its current state and weight, and load counters that
 * balancing algorithms read. State and counters are updated from any thread.
 */
public final class Server {

    private final ServerConfig config;
    private final String backendName;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder requests = new LongAdder();
    private volatile ServerState state;
    private volatile int weight;
    private volatile Backend backend;

    /**
     * @param backendName the backend it belongs to
     * @param config      its configuration
     */
    public Server(String backendName, ServerConfig config) {
        this.backendName = backendName;
        this.config = config;
        this.weight = config.weight();
        this.state = config.disabled() ? ServerState.MAINT : ServerState.UP;
    }

    /** Its configuration. */
    public ServerConfig config() {
        return config;
    }

    /** The server name. */
    public String name() {
        return config.name();
    }

    /** {@code backend/server}, as HAProxy names servers in logs. */
    public String qualifiedName() {
        return backendName + "/" + config.name();
    }

    /** Whether it is a {@code backup} server. */
    public boolean isBackup() {
        return config.backup();
    }

    /** Its current state. */
    public ServerState state() {
        return state;
    }

    /** Its current weight (0..256). */
    public int weight() {
        return weight;
    }

    /** Whether it may take new traffic now: up and with a weight above zero. */
    public boolean isUsable() {
        return state == ServerState.UP && weight > 0;
    }

    /** Requests being served right now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Requests sent to it since start. */
    public long totalRequests() {
        return requests.sum();
    }

    /** Counts a request that starts on this server; pair each call with {@link #requestEnded()}. */
    public void requestStarted() {
        inFlight.incrementAndGet();
        requests.increment();
    }

    /** Counts the end of a request started with {@link #requestStarted()}. */
    public void requestEnded() {
        inFlight.decrementAndGet();
    }

    /**
     * Moves the server to {@code newState}; the backend rebuilds its selector and tells its listeners.
     * Does nothing when the state does not change.
     */
    public void setState(ServerState newState) {
        ServerState previous;
        synchronized (this) {
            previous = state;
            if (previous == newState) {
                return;
            }
            state = newState;
        }
        Backend owner = backend;
        if (owner != null) {
            owner.serverChanged(this, previous);
        }
    }

    /** Changes the weight (0..256); the backend rebuilds its selector. */
    public void setWeight(int newWeight) {
        if (newWeight < 0 || newWeight > 256) {
            throw new IllegalArgumentException("weight must be within 0 and 256, not " + newWeight);
        }
        weight = newWeight;
        Backend owner = backend;
        if (owner != null) {
            owner.serverChanged(this, state);
        }
    }

    /** The backend it belongs to, or {@code null} while it is not attached to one. */
    public Backend backend() {
        return backend;
    }

    void attach(Backend owner) {
        backend = owner;
    }

    @Override
    public String toString() {
        return qualifiedName() + " " + state;
    }
}
