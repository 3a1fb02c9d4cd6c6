package io.ballast.proxy;

import io.ballast.proxy.stats.StatsSource;

/**
 * Finds runtime backends by name, for {@code use_backend} and for fetches that name a backend
 * ({@code nbsrv(be)}). A running configuration ({@link Generation}) is one; {@link Explainer} has its own
 * ({@link Proxies}), over backends that serve no traffic.
 */
interface BackendLookup {

    /** The backend called {@code name}, or {@code null}. */
    BackendRuntime backend(String name);

    /**
     * The live statistics that the stats page and the Prometheus exporter show, or {@code null} where nothing runs
     * (the explainer's backends).
     */
    default StatsSource statistics() {
        return null;
    }

    /** How the stats page's admin form changes the state of servers. */
    default ServerAdmin serverAdmin() {
        return ServerAdmin.NONE;
    }
}
