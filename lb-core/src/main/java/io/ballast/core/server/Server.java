package io.ballast.core.server;

import io.ballast.core.balance.PeakEwma;
import io.ballast.core.config.Endpoint;
import io.ballast.core.config.ServerConfig;
import io.ballast.core.stats.Counter;
import io.ballast.core.stats.TrafficCounters;
import io.ballast.core.stats.UpDownHistory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * A server at run time: its configuration, its current state and weight, and load counters that
 * balancing algorithms read. State and counters are updated from any thread.
 */
public final class Server {

    /** Its line, or the line with the address the runtime API gave it. */
    private volatile ServerConfig config;
    private final String backendName;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongSupplier clock;
    private final PeakEwma latency;
    private final TrafficCounters counters;
    private final UpDownHistory history;
    private volatile ServerState state;
    private volatile int weight;
    private volatile Backend backend;
    private volatile WarmUp warmUp;
    private volatile Runnable loadListener;
    /** Whether a reload gave it another state than the server it replaces, not yet recorded (see {@link #takenOver()}). */
    private boolean changedByReload;

    /**
     * A server whose clock is {@link System#nanoTime()}.
     *
     * @param backendName the backend it belongs to
     * @param config      its configuration
     */
    public Server(String backendName, ServerConfig config) {
        this(backendName, config, System::nanoTime);
    }

    /**
     * @param backendName the backend it belongs to
     * @param config      its configuration
     * @param clock       the time in nanoseconds, as {@link System#nanoTime()}, for {@code slowstart} and latencies
     */
    public Server(String backendName, ServerConfig config, LongSupplier clock) {
        this.backendName = backendName;
        this.config = config;
        this.clock = clock;
        this.latency = new PeakEwma(clock);
        this.weight = config.weight();
        this.state = config.disabled() ? ServerState.MAINT : ServerState.UP;
        this.counters = new TrafficCounters(clock);
        this.history = new UpDownHistory(clock, isDown(state));
    }

    /**
     * The server that replaces {@code previous} (same backend, same name) after a reload changed its line. It keeps
     * the counters and the up/down history. At the same address it also keeps the state the checks or the runtime
     * API gave it (the line's {@code disabled}, added or removed, wins), its response-time estimate, and a weight
     * set at run time unless the line's weight changed; at another address it is a new server as at start-up.
     */
    Server(Server previous, ServerConfig config) {
        this.backendName = previous.backendName;
        this.config = config;
        this.clock = previous.clock;
        this.counters = previous.counters;
        this.history = previous.history;
        boolean sameAddress = previous.config.address().equals(config.address());
        this.latency = sameAddress ? previous.latency : new PeakEwma(clock);
        this.weight = sameAddress && previous.config.weight() == config.weight() ? previous.weight : config.weight();
        ServerState carried = previous.state;
        if (config.disabled()) {
            carried = ServerState.MAINT;
        } else if (!sameAddress || carried == ServerState.MAINT && previous.config.disabled()) {
            carried = ServerState.UP;
        }
        this.state = carried;
        this.changedByReload = carried != previous.state;
    }

    /**
     * Records in the history it shares with the server it replaces a state the reload changed; the backend calls it
     * when it takes over, so that a reload that fails before leaves the serving server's history as it was.
     */
    void takenOver() {
        if (changedByReload) {
            changedByReload = false; // once: the same server may be carried over again by a later reload
            history.changed(isDown(state));
        }
    }

    /** Puts a server that no backend uses yet in maintenance, as a dynamic server starts. */
    void startInMaintenance() {
        state = ServerState.MAINT;
        history.changed(true);
    }

    private static boolean isDown(ServerState state) {
        return state == ServerState.DOWN || state == ServerState.MAINT;
    }

    /** Its configuration; with the address the runtime API gave it ({@link #setAddress}), if it did. */
    public ServerConfig config() {
        return config;
    }

    /**
     * Gives the server another address ({@code set server addr}): new connections go there; those open go on.
     * Health checks must be told ({@code HealthChecks}), since they resolve addresses when they start.
     */
    public void setAddress(Endpoint address) {
        config = config.withAddress(address);
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

    /**
     * The weight that dynamic balancing algorithms use, on HAProxy's scale: {@code weight × 16} (its
     * {@code BE_WEIGHT_SCALE}) once the server is fully up. For {@code slowstart <time>} after the server came back
     * from DOWN or MAINT, it grows from {@code weight × 1} to {@code weight × 16} in 16 steps over that time (see
     * {@code BalanceAlgorithm.followsSlowStart()}); a server up since start-up is never ramped.
     */
    public int effectiveWeight() {
        int w = weight;
        WarmUp ramp = warmUp;
        if (ramp == null) {
            return w * WarmUp.SCALE;
        }
        long now = clock.getAsLong();
        if (ramp.over(now)) {
            warmUp = null;
            return w * WarmUp.SCALE;
        }
        return w * ramp.factor(now);
    }

    /** The slow-start ramp under way, or {@code null}. */
    WarmUp warmUp() {
        return warmUp;
    }

    /** Its response-time estimate, which {@code balance ewma} reads. */
    public PeakEwma latency() {
        return latency;
    }

    /**
     * Records the time between sending a request to this server and receiving the response head; the proxy calls
     * it for every response when its backend {@linkplain Backend#tracksLatency() tracks latency} (and may call it
     * with the elapsed time for a failed attempt, to steer traffic away).
     */
    public void recordLatency(long nanos) {
        latency.record(nanos);
    }

    /**
     * Sets the callback run after each change of {@link #inFlight()}, on the thread that made it; a balancing
     * algorithm that keeps servers ordered by load (leastconn) sets it at each build. It must be quick and must
     * not block for long.
     */
    public void loadListener(Runnable listener) {
        loadListener = listener;
    }

    /** Whether it may take new traffic now: up and with a weight above zero. */
    public boolean isUsable() {
        return state == ServerState.UP && weight > 0;
    }

    /** Its traffic statistics; {@code scur} is {@link #inFlight()} and {@code lbtot} is {@link #totalRequests()}. */
    public TrafficCounters counters() {
        return counters;
    }

    /** When it last changed state and how long it was down ({@code lastchg}, {@code downtime}, {@code chkdown}). */
    public UpDownHistory history() {
        return history;
    }

    /** Requests being served right now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Requests sent to it since start (or the last {@code clear counters all}): its {@code stot} and {@code lbtot}. */
    public long totalRequests() {
        return counters.get(Counter.SESSIONS);
    }

    /** Counts a request that starts on this server; pair each call with {@link #requestEnded()}. */
    public void requestStarted() {
        countStart(inFlight.incrementAndGet());
    }

    /**
     * Starts a request only if the server's {@code maxconn} leaves room for it (always, without {@code maxconn}).
     * Safe against concurrent callers: the limit is never exceeded.
     *
     * @return whether the request was counted as started; pair a {@code true} with {@link #requestEnded()}
     */
    public boolean tryRequestStarted() {
        int max = config.maxconn();
        if (max == 0) {
            requestStarted();
            return true;
        }
        int current;
        do {
            current = inFlight.get();
            if (current >= max) {
                return false;
            }
        } while (!inFlight.compareAndSet(current, current + 1));
        countStart(current + 1);
        return true;
    }

    private void countStart(int current) {
        counters.sessionStarted(current, clock.getAsLong());
        Runnable listener = loadListener;
        if (listener != null) {
            listener.run();
        }
    }

    /** Counts the end of a request started with {@link #requestStarted()}. */
    public void requestEnded() {
        inFlight.decrementAndGet();
        Runnable listener = loadListener;
        if (listener != null) {
            listener.run();
        }
    }

    /**
     * Moves the server to {@code newState}; the backend rebuilds its selector and tells its listeners.
     * Does nothing when the state does not change. Coming back UP from DOWN or MAINT starts the
     * {@code slowstart} ramp of {@link #effectiveWeight()} when one is configured.
     */
    public void setState(ServerState newState) {
        ServerState previous;
        synchronized (this) {
            previous = state;
            if (previous == newState) {
                return;
            }
            state = newState;
            history.changed(isDown(newState));
            long slowstart = config.slowstart();
            if (newState == ServerState.UP && (previous == ServerState.DOWN || previous == ServerState.MAINT)
                    && slowstart > 0) {
                warmUp = new WarmUp(clock.getAsLong(), TimeUnit.MILLISECONDS.toNanos(slowstart));
            }
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
