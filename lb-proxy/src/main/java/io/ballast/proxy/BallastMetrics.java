package io.ballast.proxy;

import io.ballast.core.server.Backend;
import io.ballast.core.server.Server;
import io.ballast.core.server.ServerState;
import io.ballast.core.stats.Counter;
import io.ballast.core.stats.TrafficCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Binds a running {@link Ballast}'s statistics to a Micrometer registry, for programs that embed it:
 * {@code new BallastMetrics(ballast).bindTo(registry)}. Meters read the live counters that the stats socket and
 * stats page show, so binding adds nothing to the request path.
 *
 * <p>Meters are named {@code ballast.frontend.*}, {@code ballast.backend.*} and {@code ballast.server.*}, tagged
 * with {@code proxy} (and {@code server}); counters after HAProxy's stats columns ({@code ballast.server.requests}
 * is {@code req_tot}, {@code ballast.backend.connection.errors} is {@code econ}), responses by status class as
 * {@code ballast.<kind>.responses} with a {@code code} tag ({@code 2xx}…, {@code other}). Servers of dynamic
 * changes made after binding are not followed: bind again after adding servers.
 */
public final class BallastMetrics implements MeterBinder {

    private static final Set<Counter> FRONTEND_COUNTERS = EnumSet.of(Counter.CONNECTIONS, Counter.SESSIONS,
            Counter.REQUESTS, Counter.BYTES_IN, Counter.BYTES_OUT, Counter.DENIED_CONNECTIONS,
            Counter.DENIED_SESSIONS, Counter.DENIED_REQUESTS, Counter.DENIED_RESPONSES, Counter.REQUEST_ERRORS,
            Counter.INTERCEPTED, Counter.INTERNAL_ERRORS);
    private static final Set<Counter> SERVER_SIDE_COUNTERS = EnumSet.of(Counter.SESSIONS, Counter.REQUESTS,
            Counter.BYTES_IN, Counter.BYTES_OUT, Counter.DENIED_RESPONSES, Counter.CONNECTION_ERRORS,
            Counter.RESPONSE_ERRORS, Counter.RETRIES, Counter.REDISPATCHES, Counter.CLIENT_ABORTS,
            Counter.SERVER_ABORTS, Counter.CONNECTS, Counter.REUSES, Counter.INTERNAL_ERRORS);
    private static final Set<Counter> RESPONSES = EnumSet.range(Counter.RESPONSES_1XX, Counter.RESPONSES_OTHER);

    private final Ballast ballast;

    /** @param ballast a started Ballast */
    public BallastMetrics(Ballast ballast) {
        this.ballast = ballast;
    }

    /** Registers the meters of every frontend, backend and server of the running configuration. */
    @Override
    public void bindTo(MeterRegistry registry) {
        Engine engine = ballast.engine();
        for (FrontendRuntime f : engine.frontends()) {
            Tags tags = Tags.of("proxy", f.config.name());
            counters(registry, "frontend", tags, f.counters, FRONTEND_COUNTERS);
            Gauge.builder("ballast.frontend.current.sessions", f.connections, ConnectionLimit::current)
                    .tags(tags).description("Client connections open now (scur)").register(registry);
        }
        for (Backend b : engine.backends()) {
            Tags tags = Tags.of("proxy", b.name());
            TrafficCounters c = b.counters();
            counters(registry, "backend", tags, c, SERVER_SIDE_COUNTERS);
            latencies(registry, "backend", tags, c);
            Gauge.builder("ballast.backend.current.sessions", c, TrafficCounters::currentSessions)
                    .tags(tags).description("Requests being served now (scur)").register(registry);
            Gauge.builder("ballast.backend.active.servers", b, Backend::usableActiveServers)
                    .tags(tags).description("Active servers taking traffic (act)").register(registry);
            Gauge.builder("ballast.backend.up", b, backend -> backend.hasUsableServer() ? 1 : 0)
                    .tags(tags).description("1 while a server may take traffic").register(registry);
            for (Server s : b.servers()) {
                server(registry, tags.and("server", s.name()), s);
            }
        }
    }

    private static void server(MeterRegistry registry, Tags tags, Server s) {
        counters(registry, "server", tags, s.counters(), SERVER_SIDE_COUNTERS);
        latencies(registry, "server", tags, s.counters());
        Gauge.builder("ballast.server.current.sessions", s, Server::inFlight)
                .tags(tags).description("Requests being served now (scur)").register(registry);
        Gauge.builder("ballast.server.weight", s, Server::weight)
                .tags(tags).description("Current weight").register(registry);
        for (ServerState state : ServerState.values()) {
            Gauge.builder("ballast.server.status", s, server -> server.state() == state ? 1 : 0)
                    .tags(tags.and("state", state.name())).description("1 for the server's current state")
                    .register(registry);
        }
    }

    private static void counters(MeterRegistry registry, String kind, Tags tags, TrafficCounters c,
                                 Set<Counter> which) {
        for (Counter counter : which) {
            FunctionCounter.builder("ballast." + kind + "." + meterName(counter), c, t -> t.get(counter))
                    .tags(tags).baseUnit(counter == Counter.BYTES_IN || counter == Counter.BYTES_OUT ? "bytes" : null)
                    .register(registry);
        }
        for (Counter counter : RESPONSES) {
            FunctionCounter.builder("ballast." + kind + ".responses", c, t -> t.get(counter))
                    .tags(tags.and("code", counter.name().substring("RESPONSES_".length()).toLowerCase(Locale.ROOT)))
                    .description("HTTP responses by status class (hrsp_*)").register(registry);
        }
    }

    private static void latencies(MeterRegistry registry, String kind, Tags tags, TrafficCounters c) {
        TimeGauge.builder("ballast." + kind + ".queue.time", c, TimeUnit.MILLISECONDS, t -> t.queueTime().average())
                .tags(tags).description("Average time queued over the last 1024 requests (qtime)").register(registry);
        TimeGauge.builder("ballast." + kind + ".connect.time", c, TimeUnit.MILLISECONDS,
                t -> t.connectTime().average())
                .tags(tags).description("Average connect time over the last 1024 requests (ctime)")
                .register(registry);
        TimeGauge.builder("ballast." + kind + ".response.time", c, TimeUnit.MILLISECONDS,
                t -> t.responseTime().average())
                .tags(tags).description("Average response time over the last 1024 requests (rtime)")
                .register(registry);
        TimeGauge.builder("ballast." + kind + ".total.time", c, TimeUnit.MILLISECONDS, t -> t.totalTime().average())
                .tags(tags).description("Average total time over the last 1024 requests (ttime)").register(registry);
    }

    /** {@code CONNECTION_ERRORS} → {@code connection.errors}. */
    static String meterName(Counter counter) {
        return counter.name().toLowerCase(Locale.ROOT).replace('_', '.');
    }
}
