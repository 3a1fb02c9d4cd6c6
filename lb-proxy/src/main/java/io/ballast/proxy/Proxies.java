package io.ballast.proxy;

import io.ballast.core.balance.BalanceAlgorithms;
import io.ballast.core.config.BackendConfig;
import io.ballast.core.config.BallastConfig;
import io.ballast.core.config.FrontendConfig;
import io.ballast.core.server.Backend;
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

    /**
     * @param logOutputs where frontends send their access logs, or {@code null} to log nothing
     * @throws UnknownHostException when a server's address cannot be resolved
     */
    Proxies(BallastConfig config, RuleCompiler.CompiledRules rules, LogOutputs logOutputs)
            throws UnknownHostException {
        Map<String, BackendRuntime> b = new LinkedHashMap<>();
        for (BackendConfig backend : config.backends()) {
            b.put(backend.name(), new BackendRuntime(new Backend(backend, BalanceAlgorithms.create(backend.balance())),
                    rules.backend(backend.name())));
        }
        int maxHead = config.global().bufsize();
        ConnectionLimit global = ConnectionLimit.global(config.global().maxconn());
        List<FrontendRuntime> f = new ArrayList<>();
        for (FrontendConfig frontend : config.frontends()) {
            BackendRuntime defaultBackend = frontend.defaultBackend() == null ? null : b.get(frontend.defaultBackend());
            AccessLogger accessLog = logOutputs == null ? null : AccessLogger.forFrontend(frontend, logOutputs);
            f.add(new FrontendRuntime(frontend, rules.frontend(frontend.name()), defaultBackend, b.values(), maxHead,
                    ConnectionLimit.frontend(frontend.maxconn(), global), accessLog));
        }
        this.backends = Collections.unmodifiableMap(b);
        this.frontends = List.copyOf(f);
    }

    @Override
    public BackendRuntime backend(String name) {
        return backends.get(name);
    }
}
