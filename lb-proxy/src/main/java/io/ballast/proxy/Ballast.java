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

    private final BallastConfig config;
    private final RuleCompiler.CompiledRules rules;
    private final EventLog eventLog;
    private Engine engine;

    private Ballast(Builder builder, RuleCompiler.CompiledRules rules) {
        this.config = builder.config;
        this.rules = rules;
        this.eventLog = builder.eventLog;
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
        Engine created = new Engine(config, rules, eventLog);
        created.start();
        engine = created;
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

        private Builder(BallastConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Where server state changes and alerts go; standard error by default. */
        public Builder eventLog(EventLog eventLog) {
            this.eventLog = Objects.requireNonNull(eventLog, "eventLog");
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
