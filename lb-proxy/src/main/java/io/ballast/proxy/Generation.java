package io.ballast.proxy;

import io.ballast.core.config.BallastConfig;
import io.ballast.core.config.GlobalConfig;
import io.ballast.core.log.EventLog;
import io.ballast.core.server.Server;
import io.ballast.health.CheckReport;
import io.ballast.health.HealthChecks;
import io.ballast.proxy.stats.StatsSource;

/**
 * One configuration as the engine serves it: its frontends and backends, their statistics and their health checks.
 * A reload replaces it whole; the connections it accepted finish under it (see {@link FrontendRuntime#retired}).
 */
final class Generation implements BackendLookup {

    final BallastConfig config;
    final Proxies proxies;
    final EngineStats stats;
    private volatile HealthChecks checks;

    /**
     * @param firstProxyId see {@link EngineStats}
     */
    Generation(BallastConfig config, Proxies proxies, ProcessInfo process, int firstProxyId) {
        this.config = config;
        this.proxies = proxies;
        this.stats = new EngineStats(proxies, process, this::checkReport, firstProxyId);
    }

    @Override
    public BackendRuntime backend(String name) {
        return proxies.backend(name);
    }

    @Override
    public StatsSource statistics() {
        return stats;
    }

    @Override
    public ServerAdmin serverAdmin() {
        HealthChecks running = checks;
        return running == null ? ServerAdmin.NONE : new HealthChecksServerAdmin(running);
    }

    /** Its health checks, or {@code null} before they start. */
    HealthChecks checks() {
        return checks;
    }

    /** What {@code server}'s health checks show, or {@code null} when it has none (or checks have not started). */
    CheckReport checkReport(Server server) {
        HealthChecks running = checks;
        return running == null ? null : running.checkReport(server);
    }

    /** Starts the health checks of its servers on {@code transport}'s event loops; call it from a thread that may block. */
    void startChecks(Transport transport, EventLog log, GlobalConfig global) {
        checks = HealthChecks.start(proxies.backends.values().stream().map(BackendRuntime::backend).toList(),
                transport.group(), transport.inetClient(), transport.unixClient(), log, global);
    }

    /** Stops its health checks, if they run. */
    void stopChecks() {
        HealthChecks running = checks;
        if (running != null) {
            running.close();
        }
    }

    /** Tells its frontends' connections that a newer configuration serves from now on. */
    void retire() {
        for (FrontendRuntime frontend : proxies.frontends) {
            frontend.retired = true;
        }
    }
}
