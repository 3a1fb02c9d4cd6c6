package io.ballast.proxy;

import io.ballast.core.config.FrontendConfig;
import io.ballast.core.config.ProxyMode;
import io.ballast.core.config.Timeouts;
import io.ballast.core.stats.TrafficCounters;
import io.ballast.proxy.log.AccessLogger;

import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A frontend as the engine uses it: its own settings, and one {@link Route} per backend it may send requests
 * to, all computed once so that a request reads plain fields.
 */
final class FrontendRuntime {

    final FrontendConfig config;
    /** The route to the default backend, or {@code null} when there is none (such requests get 503). */
    final Route defaultRoute;
    private final Map<BackendRuntime, Route> routes = new IdentityHashMap<>();
    /** The pages of errors found before a backend is chosen: this frontend's own. */
    final ErrorPages errorPages;
    final ProxyMode mode;
    final long clientTimeout;
    final long httpRequestTimeout;
    final long keepAliveTimeout;
    final int maxHeadSize;
    /** Its {@code maxconn}, under the global one. */
    final ConnectionLimit connections;
    /** Its traffic statistics (the FRONTEND row of {@code show stat}); a reload hands them to its successor. */
    final TrafficCounters counters;
    /** Its access log, or {@code null} when it logs nowhere. */
    final AccessLogger accessLog;
    final ProxyRules rules;
    /** A {@code listen} section's backend half, which its rules see as the current backend; else {@code null}. */
    final BackendRuntime ownBackend;

    FrontendRuntime(FrontendConfig config, ProxyRules rules, BackendRuntime defaultBackend,
                    Collection<BackendRuntime> backends, int maxHeadSize, ConnectionLimit connections,
                    AccessLogger accessLog, TrafficCounters counters) {
        this.config = config;
        this.counters = counters;
        this.accessLog = accessLog != null && accessLog.enabled() ? accessLog : null;
        this.rules = rules;
        this.connections = connections;
        this.maxHeadSize = maxHeadSize;
        this.mode = config.mode();
        Timeouts front = config.timeouts();
        this.clientTimeout = front.client();
        this.httpRequestTimeout = front.effectiveHttpRequest();
        this.keepAliveTimeout = front.effectiveHttpKeepAlive();
        this.errorPages = new ErrorPages(config.errorFiles(), Map.of());
        for (BackendRuntime b : backends) {
            routes.put(b, new Route(this, b));
        }
        this.defaultRoute = defaultBackend == null ? null : routes.get(defaultBackend);
        this.ownBackend = config.name().equals(config.defaultBackend()) ? defaultBackend : null;
    }

    /**
     * Set when a reload replaced this frontend: its connections finish the exchange under way (and an idle one serves
     * its next request) under the configuration that accepted them, then close.
     */
    volatile boolean retired;

    /** The route to {@code backend}. */
    Route route(BackendRuntime backend) {
        return routes.get(backend);
    }
}
