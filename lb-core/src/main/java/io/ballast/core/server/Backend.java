package io.ballast.core.server;

import io.ballast.core.balance.BalanceAlgorithm;
import io.ballast.core.balance.ServerSelector;
import io.ballast.core.config.BackendConfig;
import io.ballast.core.config.ServerConfig;
import io.ballast.core.request.RequestView;
import io.ballast.core.stats.TrafficCounters;
import io.ballast.core.stats.UpDownHistory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * A backend at run time: its servers and the selector that its balancing algorithm built from the usable
 * ones. The selector is rebuilt on every state or weight change, so picking is lock-free.
 *
 * <p>Active servers take all traffic while at least one is usable; otherwise the first usable
 * {@code backup} server does, or all usable backup servers share it with {@code option allbackups}, as in HAProxy.
 *
 * <p>While a server ramps up after a {@code slowstart}, and the algorithm
 * {@linkplain BalanceAlgorithm#followsSlowStart() follows slow starts}, the first pick after each step of the ramp
 * rebuilds the selector, so that the new effective weight applies; no timer is needed.
 */
public final class Backend {

    private final BackendConfig config;
    private final BalanceAlgorithm algorithm;
    /** In declaration order, then as the runtime API added them; replaced whole on each change. */
    private volatile List<Server> servers;
    /**
     * Each server's id ({@code sid} in the statistics), keyed by the server itself (servers compare by identity):
     * see {@link #serverId}. Written before {@link #servers} when a server is added, so that a server in the list
     * has its id.
     */
    private volatile Map<Server, Integer> serverIds;
    private final List<ServerStateListener> listeners = new CopyOnWriteArrayList<>();
    private final LongSupplier clock;
    private final TrafficCounters counters;
    private final UpDownHistory history;
    private volatile ServerSelector selector = ServerSelector.EMPTY;
    /** Usable active and backup servers, counted at each rebuild of the selector. */
    private volatile int usableActive;
    private volatile int usableBackups;
    /** Whether a slow-start step is pending; {@link #nextWeightStep} is then when it is due. */
    private volatile boolean rampPending;
    private volatile long nextWeightStep;

    /**
     * A backend whose clock is {@link System#nanoTime()}.
     *
     * @param config    the backend's configuration
     * @param algorithm the balancing algorithm made from {@code config.balance()}
     */
    public Backend(BackendConfig config, BalanceAlgorithm algorithm) {
        this(config, algorithm, System::nanoTime);
    }

    /**
     * @param config    the backend's configuration
     * @param algorithm the balancing algorithm made from {@code config.balance()}
     * @param clock     the time in nanoseconds, as {@link System#nanoTime()}, for {@code slowstart} and latencies
     */
    public Backend(BackendConfig config, BalanceAlgorithm algorithm, LongSupplier clock) {
        this.config = config;
        this.algorithm = algorithm;
        this.clock = clock;
        this.servers = config.servers().stream().map(s -> new Server(config.name(), s, clock)).toList();
        this.serverIds = idsInOrder(servers);
        servers.forEach(s -> s.attach(this));
        this.counters = new TrafficCounters(clock);
        rebuildSelector();
        this.history = new UpDownHistory(clock, !hasUsableServer());
    }

    private Backend(Backend previous, BackendConfig config, BalanceAlgorithm algorithm) {
        this.config = config;
        this.algorithm = algorithm;
        this.clock = previous.clock;
        List<Server> list = new ArrayList<>();
        for (ServerConfig line : config.servers()) {
            Server old = previous.server(line.name());
            if (old == null) {
                Server fresh = new Server(config.name(), line, clock);
                fresh.attach(this);
                list.add(fresh);
            } else if (old.config().sameSettings(line)) {
                list.add(old); // attached by takeOver(): until then it still serves the previous backend
            } else {
                Server replacement = new Server(old, line);
                replacement.attach(this);
                list.add(replacement);
            }
        }
        this.servers = List.copyOf(list);
        this.serverIds = idsInOrder(servers);
        this.counters = previous.counters;
        this.history = previous.history;
        // No selector yet: building one would register load listeners on servers the previous backend still uses.
    }

    /**
     * The backend that takes over from {@code previous} (the same name) when a reload brings {@code config}: its
     * counters and history go on, and so do its servers by name. A server whose line did not change (apart from where
     * it is written) is the very same {@link Server}, with its state, weight, load and counters; a changed one keeps
     * its counters, and its state when its address did not change (see the server's own rules); a new one starts
     * as at start-up. Nothing of {@code previous} changes until {@link #takeOver()}, so a reload that fails later
     * leaves it as it was.
     */
    public static Backend succeeding(Backend previous, BackendConfig config, BalanceAlgorithm algorithm) {
        return new Backend(previous, config, algorithm);
    }

    /**
     * Makes the servers carried over by {@link #succeeding} report their changes to this backend rather than to the
     * one it replaces, and builds its selector; call it once, when the new configuration starts serving. Until then
     * it picks no server.
     */
    public void takeOver() {
        for (Server s : servers) {
            s.attach(this);
            s.takenOver();
        }
        rebuildSelector();
    }

    /**
     * The ids of the configuration's servers, as HAProxy numbers them: an {@code id} of their own, else, in the
     * order of the lines, the lowest id above the previous line's that no server has.
     */
    private static Map<Server, Integer> idsInOrder(List<Server> servers) {
        Set<Integer> taken = new HashSet<>();
        servers.forEach(s -> taken.add(s.config().id()));
        Map<Server, Integer> ids = new HashMap<>();
        int next = 0;
        for (Server s : servers) {
            if (s.config().id() > 0) {
                ids.put(s, s.config().id());
            } else {
                next = lowestFree(taken, next + 1);
                ids.put(s, next);
            }
        }
        return Map.copyOf(ids);
    }

    private static int lowestFree(Set<Integer> taken, int from) {
        int id = from;
        while (taken.contains(id)) {
            id++;
        }
        return id;
    }

    /**
     * The id of {@code server} in this backend ({@code sid}): its place in the configuration, from 1, which stays
     * when other servers are deleted at run time; a server added at run time takes the lowest id no other server
     * has, as in HAProxy. 0 for a server not of this backend.
     */
    public int serverId(Server server) {
        return serverIds.getOrDefault(server, 0);
    }

    /** The backend name. */
    public String name() {
        return config.name();
    }

    /** Its configuration. */
    public BackendConfig config() {
        return config;
    }

    /** Its traffic statistics: requests assigned to it, whichever server took them. */
    public TrafficCounters counters() {
        return counters;
    }

    /** When it last went up or down (no usable server) and how long it was down. */
    public UpDownHistory history() {
        return history;
    }

    /** Whether its balancing algorithm reads the servers' response times, so that responses must be timed. */
    public boolean tracksLatency() {
        return algorithm.readsLatency();
    }

    /** Whether any server, active or backup, may take traffic: the backend's stats status is UP. */
    public boolean hasUsableServer() {
        return usableActiveServers() + usableBackupServers() > 0;
    }

    /** All servers: in declaration order, then those the runtime API added. A snapshot: it does not change later. */
    public List<Server> servers() {
        return servers;
    }

    /** The server called {@code name}, or {@code null}. */
    public Server server(String name) {
        for (Server s : servers) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /**
     * Picks a server for a request.
     *
     * @return a usable server, or {@code null} when the backend has none
     */
    public Server pick(RequestView request) {
        if (rampPending && clock.getAsLong() - nextWeightStep >= 0) {
            rebuildForRamp();
        }
        return selector.pick(request);
    }

    /** Usable non-backup servers. */
    public int usableActiveServers() {
        return usableActive;
    }

    /** Usable backup servers. */
    public int usableBackupServers() {
        return usableBackups;
    }

    /**
     * Adds a server at run time (the runtime API's {@code add server}), after the others, in maintenance as HAProxy
     * creates them: it takes traffic once made ready. Its id is its own {@code id}, else the lowest free one.
     *
     * @throws IllegalArgumentException when a server of that name, or with that {@code id}, already exists
     */
    public synchronized Server addServer(ServerConfig line) {
        if (server(line.name()) != null) {
            throw new IllegalArgumentException("Already exists a server with the same name in backend.");
        }
        Set<Integer> taken = new HashSet<>(serverIds.values());
        if (taken.contains(line.id())) {
            throw new IllegalArgumentException("'id' : custom id " + line.id() + " already used.");
        }
        int id = line.id() > 0 ? line.id() : lowestFree(taken, 1);
        Server added = new Server(config.name(), line, clock);
        added.startInMaintenance();
        added.attach(this);
        Map<Server, Integer> ids = new HashMap<>(serverIds);
        ids.put(added, id);
        serverIds = Map.copyOf(ids);
        List<Server> list = new ArrayList<>(servers);
        list.add(added);
        servers = List.copyOf(list);
        rebuildSelector();
        return added;
    }

    /**
     * Removes a server at run time (the runtime API's {@code del server}); the selector is rebuilt. Requests under
     * way on it finish there.
     *
     * @return whether it was one of this backend's servers
     */
    public synchronized boolean removeServer(Server server) {
        if (!servers.contains(server)) {
            return false;
        }
        List<Server> list = new ArrayList<>(servers);
        list.remove(server);
        servers = List.copyOf(list);
        Map<Server, Integer> ids = new HashMap<>(serverIds);
        ids.remove(server);
        serverIds = Map.copyOf(ids);
        rebuildSelector();
        return true;
    }

    /** Registers a listener told about every state change of this backend's servers. */
    public void addListener(ServerStateListener listener) {
        listeners.add(listener);
    }

    void serverChanged(Server server, ServerState previous) {
        rebuildSelector();
        if (server.state() != previous) {
            for (ServerStateListener l : listeners) {
                l.stateChanged(server, previous);
            }
        }
    }

    private synchronized void rebuildForRamp() {
        if (rampPending && clock.getAsLong() - nextWeightStep >= 0) {
            rebuildSelector();
        }
    }

    private synchronized void rebuildSelector() {
        List<Server> all = servers;
        List<Server> usable = new ArrayList<>();
        int backups = 0;
        for (Server s : all) {
            s.loadListener(null); // only servers of the selector built below may keep one
            if (s.isUsable()) {
                if (s.isBackup()) {
                    backups++;
                } else {
                    usable.add(s);
                }
            }
        }
        usableActive = usable.size();
        usableBackups = backups;
        if (usable.isEmpty()) {
            for (Server s : all) {
                if (s.isBackup() && s.isUsable()) {
                    usable.add(s);
                    if (!config.balance().allBackups()) {
                        break;
                    }
                }
            }
        }
        scheduleRamp(usable);
        selector = usable.isEmpty() ? ServerSelector.EMPTY : algorithm.build(List.copyOf(usable));
        if (history != null) { // null while the first constructor builds its first selector
            history.wentUpOrDown(!hasUsableServer()); // under the lock: changes from two loops land in order
        }
    }

    /** Notes when the earliest slow-start step of {@code usable} is due, if the algorithm follows them. */
    private void scheduleRamp(List<Server> usable) {
        boolean pending = false;
        long earliest = 0;
        if (algorithm.followsSlowStart()) {
            long now = clock.getAsLong();
            for (Server s : usable) {
                WarmUp ramp = s.warmUp();
                if (ramp != null && !ramp.over(now)) {
                    long step = ramp.nextStep(now);
                    if (!pending || step - earliest < 0) {
                        earliest = step;
                        pending = true;
                    }
                }
            }
        }
        nextWeightStep = earliest;
        rampPending = pending;
    }

    @Override
    public String toString() {
        return "Backend " + name() + " " + servers;
    }
}
