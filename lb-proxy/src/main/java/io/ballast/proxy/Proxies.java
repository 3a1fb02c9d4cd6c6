package io.ballast.proxy;

import io.ballast.core.balance.BalanceAlgorithm;
import io.ballast.core.balance.BalanceAlgorithms;
import io.ballast.core.config.BackendConfig;
import io.ballast.core.config.BallastConfig;
import io.ballast.core.config.FrontendConfig;
import io.ballast.core.server.Backend;
import io.ballast.core.stats.TrafficCounters;
import io.ballast.proxy.log.AccessLogger;
import io.ballast.proxy.log.LogOutputs;

import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runtime frontends and backends of a configuration with their compiled rules: what requests are routed
 * over. Building them binds nothing and starts no thread; the {@link Engine} serves traffic with them, the
 * {@link Explainer} traces one request through them.
 */
final class Proxies implements BackendLookup {

    /** By name, in configuration order. */
    final Map<String, BackendRuntime> backends;
    /** In configuration order. */
    final List<FrontendRuntime> frontends;
    /** The TLS contexts of the listeners and servers. */
    final io.ballast.proxy.tls.TlsContexts tls;

    /**
     * @param logOutputs where frontends send their access logs, or {@code null} to log nothing
     * @throws UnknownHostException when a server's address cannot be resolved
     */
    Proxies(BallastConfig config, RuleCompiler.CompiledRules rules, LogOutputs logOutputs)
            throws UnknownHostException {
        this(config, rules, logOutputs, null);
    }

    /**
     * @param previous the proxies these replace at a reload, whose backends, servers and frontends carry their state
     *                 and counters over by name (see {@link Backend#succeeding}); {@code null} at start-up
     */
    Proxies(BallastConfig config, RuleCompiler.CompiledRules rules, LogOutputs logOutputs, Proxies previous)
            throws UnknownHostException {
        Map<String, BackendRuntime> b = new LinkedHashMap<>();
        for (BackendConfig backend : config.backends()) {
            BackendRuntime before = previous == null ? null : previous.backends.get(backend.name());
            BalanceAlgorithm algorithm = BalanceAlgorithms.create(backend.balance());
            Backend model = before == null ? new Backend(backend, algorithm)
                    : Backend.succeeding(before.backend(), backend, algorithm);
            b.put(backend.name(), new BackendRuntime(model, rules.backend(backend.name()), rules.tls()));
        }
        int maxHead = config.global().bufsize();
        ConnectionLimit global = ConnectionLimit.global(config.global().maxconn());
        List<FrontendRuntime> f = new ArrayList<>();
        for (FrontendConfig frontend : config.frontends()) {
            BackendRuntime defaultBackend = frontend.defaultBackend() == null ? null : b.get(frontend.defaultBackend());
            AccessLogger accessLog = logOutputs == null ? null : AccessLogger.forFrontend(frontend, logOutputs);
            FrontendRuntime before = previous == null ? null : previous.frontend(frontend.name());
            f.add(new FrontendRuntime(frontend, rules.frontend(frontend.name()), defaultBackend, b.values(), maxHead,
                    ConnectionLimit.frontend(frontend.maxconn(), global), accessLog,
                    before == null ? new TrafficCounters() : before.counters));
        }
        this.backends = Collections.unmodifiableMap(b);
        this.frontends = List.copyOf(f);
        this.tls = rules.tls();
    }

    @Override
    public BackendRuntime backend(String name) {
        return backends.get(name);
    }

    /** The frontend (or {@code listen} section) called {@code name}, or {@code null}. */
    FrontendRuntime frontend(String name) {
        for (FrontendRuntime f : frontends) {
            if (f.config.name().equals(name)) {
                return f;
            }
        }
        return null;
    }
}
