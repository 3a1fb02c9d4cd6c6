package io.ballast.proxy;

import io.ballast.core.config.BallastConfig;
import io.ballast.core.config.ConfigException;
import io.ballast.core.log.EventLog;
import io.ballast.core.request.RequestView;
import io.ballast.core.server.Backend;
import io.ballast.proxy.stats.StatsSource;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A running load balancer: the entry point for programs that embed Ballast.
 *
 * <pre>{@code
 * LoadedConfig loaded = ConfigLoader.create().load(List.of(Path.of("haproxy.cfg")));
 * try (Ballast ballast = Ballast.builder(loaded.config()).build()) {
 *     ballast.start();
 *     ...
 * }
 * }</pre>
 */
public final class Ballast implements AutoCloseable {

    private volatile BallastConfig config;
    private volatile RuleCompiler.CompiledRules rules;
    private final EventLog eventLog;
    private final ConfigSource source;
    private final InheritedListeners inherited;
    private final ReloadListener reloadListener;
    private Engine engine;

    private Ballast(Builder builder, RuleCompiler.CompiledRules rules) {
        this.config = builder.config;
        this.rules = rules;
        this.eventLog = builder.eventLog;
        this.source = builder.source;
        this.inherited = builder.inherited;
        this.reloadListener = builder.reloadListener;
    }

    /** Where {@link #reload()} reads the configuration again: the files it came from, typically. */
    @FunctionalInterface
    public interface ConfigSource {

        /**
         * Reads the configuration afresh.
         *
         * @throws ConfigException listing every error, each with its file and line
         */
        BallastConfig load() throws ConfigException;
    }

    /** Starts building a load balancer that runs {@code config}. */
    public static Builder builder(BallastConfig config) {
        return new Builder(config);
    }

    /**
     * Binds every listener and starts health checks. Returns once all listeners accept connections.
     *
     * @throws IOException when a listener cannot be bound; the message names the frontend and the address,
     *                     and nothing stays bound
     */
    public synchronized void start() throws IOException {
        if (engine != null) {
            throw new IllegalStateException("already started");
        }
        Engine created = new Engine(config, rules, eventLog, Transport::create);
        if (source != null) {
            created.reloader(this::reload);
        }
        created.inherit(inherited);
        created.start();
        engine = created;
    }

    /**
     * Serves {@code newConfig} from now on, in place, without refusing or breaking a connection: listeners whose
     * address stays keep their sockets (new addresses are bound, the others closed); backends, servers and frontends
     * keep their state and counters by name (a server whose line changed keeps its state when its address did not);
     * health checks restart. Connections accepted before finish the exchange under way under the previous
     * configuration, then close; an idle keep-alive connection serves one more request first, as HAProxy 2.6's
     * {@code idle-close-on-response} does. The {@code global} section's settings apply at the next start only.
     *
     * <p>Everything is checked first: a configuration with an error, or an address that cannot be bound, changes
     * nothing. What changed is logged (as {@link ReloadReport#lines()}) on the event log.
     *
     * @return what changed
     * @throws ConfigException listing every ACL or rule error of {@code newConfig}, each with its file and line
     * @throws IOException     when a new listener cannot be bound or a server's address cannot be resolved
     */
    public ReloadReport reload(BallastConfig newConfig) throws ConfigException, IOException {
        Objects.requireNonNull(newConfig, "newConfig");
        return reloading(() -> newConfig);
    }

    /** One reload, between the listener's two calls, with the configuration {@code next} gives. */
    private synchronized ReloadReport reloading(ConfigSource next) throws ConfigException, IOException {
        Engine running = running();
        reloadListener.reloadStarting();
        boolean done = false;
        try {
            BallastConfig newConfig = next.load();
            RuleCompiler.CompiledRules newRules = RuleCompiler.compile(newConfig);
            ReloadReport report = running.reload(newConfig, newRules);
            config = newConfig;
            rules = newRules;
            done = true;
            return report;
        } catch (ConfigException e) {
            running.reloadFailed();
            throw e;
        } finally {
            reloadListener.reloadFinished(done);
        }
    }

    /** Told when a reload starts and ends, whatever asked for it (a call, a signal, the runtime API). */
    public interface ReloadListener {

        /** A reload starts. */
        default void reloadStarting() {
        }

        /** The reload ended: the new configuration serves ({@code done}), or nothing changed. */
        default void reloadFinished(boolean done) {
        }
    }

    /**
     * Reads the configuration again from the {@linkplain Builder#configSource source} given to the builder, then
     * {@linkplain #reload(BallastConfig) reloads} it; the runtime API's {@code reload} does the same.
     *
     * @throws IllegalStateException when the builder was given no source
     */
    public ReloadReport reload() throws ConfigException, IOException {
        if (source == null) {
            throw new IllegalStateException("no configuration source to reload from");
        }
        return reloading(source);
    }

    /**
     * Explains how this configuration handles {@code request}, without serving it: every rule the request
     * reaches, in HAProxy's order, with its file and line, the terms of its condition and their results, and what
     * it did (header and URI edits and variables apply to the request, so that later rules see them); the answer a
     * rule made; the backend chosen and why; {@code use-server}; and the server the balancing algorithm would
     * pick. The rules run exactly as the engine runs them.
     *
     * <p>Binds nothing and starts no thread or health check, whether or not this load balancer runs: the
     * backends are fresh models, their servers as at start (up unless {@code disabled}), and nothing is counted.
     *
     * <pre>{@code
     * RequestView request = SimpleRequestView.builder("GET", "/blog/x").header("Host", "a").build();
     * System.out.print(Ballast.builder(config).build().explain(null, request));
     * }</pre>
     *
     * @param frontendName the frontend that receives the request, or {@code null} for the first one in
     *                     {@code mode http}
     * @param request      the request, with the client's address when rules read {@code src}
     * @throws IllegalArgumentException when there is no such frontend, or it is not in {@code mode http}
     * @throws UnknownHostException     when a server's address cannot be resolved, as {@link #start()} would fail
     */
    public Explanation explain(String frontendName, RequestView request) throws UnknownHostException {
        Objects.requireNonNull(request, "request");
        return Explainer.explain(new Proxies(config, rules, null), frontendName, request);
    }

    /** The local addresses the listeners are bound to, in configuration order (useful with port 0). */
    public List<SocketAddress> boundAddresses() {
        return running().boundAddresses();
    }

    /** The runtime backends, in configuration order. */
    public List<Backend> backends() {
        return running().backends();
    }

    /**
     * The live statistics: the rows of HAProxy's {@code show stat} (one per frontend, server and backend, read afresh
     * at each call) and the process figures of {@code show info}.
     */
    public StatsSource stats() {
        return running().stats();
    }

    /**
     * Soft stop (HAProxy's SIGUSR1): closes the listeners at once, lets open connections finish their
     * current request, then releases everything.
     *
     * @return completes when the last connection is gone
     */
    public CompletableFuture<Void> softStop() {
        return running().softStop();
    }

    /** Immediate stop (HAProxy's SIGTERM): closes listeners and connections and releases every thread. */
    @Override
    public synchronized void close() {
        if (engine != null) {
            engine.close();
        }
    }

    /** The running engine, for the package's own views of it ({@link BallastMetrics}). */
    Engine engine() {
        return running();
    }

    private synchronized Engine running() {
        if (engine == null) {
            throw new IllegalStateException("not started");
        }
        return engine;
    }

    /** Builds a {@link Ballast}. */
    public static final class Builder {

        private final BallastConfig config;
        private EventLog eventLog = EventLog.stderr();
        private ConfigSource source;
        private InheritedListeners inherited = InheritedListeners.none();
        private ReloadListener reloadListener = new ReloadListener() { };

        private Builder(BallastConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Where server state changes and alerts go; standard error by default. */
        public Builder eventLog(EventLog eventLog) {
            this.eventLog = Objects.requireNonNull(eventLog, "eventLog");
            return this;
        }

        /**
         * Where {@link Ballast#reload()} and the runtime API's {@code reload} read the configuration again; without
         * one, only {@link Ballast#reload(BallastConfig)} reloads.
         */
        public Builder configSource(ConfigSource source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Told when each reload starts and ends ({@code sd_notify}'s {@code RELOADING=1}, a log line...). */
        public Builder reloadListener(ReloadListener listener) {
            this.reloadListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Listening sockets to take over from the process this one replaces ({@code -x}): {@link Ballast#start()}
         * listens on them where the configuration binds their addresses, binds the other addresses, and closes the
         * sockets no {@code bind} line asks for.
         */
        public Builder inheritListeners(InheritedListeners sockets) {
            this.inherited = Objects.requireNonNull(sockets, "sockets");
            return this;
        }

        /**
         * A load balancer, not started yet. The ACLs and rules of the configuration are compiled here: a
         * configuration that loaded may still be refused for a rule Ballast cannot run as written.
         *
         * @throws ConfigException listing every ACL or rule error, each with its file and line
         */
        public Ballast build() throws ConfigException {
            return new Ballast(this, RuleCompiler.compile(config));
        }
    }
}
