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
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Binds a running {@link Ballast}'s statistics to a Micrometer registry, for programs that embed it:
 * {@code new BallastMetrics(ballast).bindTo(registry)}. Meters read the live counters that the stats socket and
 * stats page show, so binding adds nothing to the request path.
 *
 * <p>Meters are named {@code ballast.frontend.*}, {@code ballast.backend.*} and {@code ballast.server.*}, tagged
 * with {@code proxy} (and {@code server}); counters after HAProxy's stats columns ({@code ballast.server.requests}
 * is {@code req_tot}, {@code ballast.backend.connection.errors} is {@code econ}), responses by status class as
 * {@code ballast.<kind>.responses} with a {@code code} tag ({@code 2xx}…, {@code other}). Each meter finds its
 * proxy or server by name in the configuration running when it is read, so a reload does not leave it reading the
 * replaced one; a meter whose proxy or server is gone reads NaN. Proxies and servers added after binding (by a
 * reload or the runtime API) get meters when {@link #bindTo} is called again, which leaves the existing ones.
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
            String name = f.config.name();
            Tags tags = Tags.of("proxy", name);
            Supplier<FrontendRuntime> frontend = () -> frontend(name);
            counters(registry, "frontend", tags, () -> countersOf(frontend.get()), FRONTEND_COUNTERS);
            gauge(registry, "ballast.frontend.current.sessions", tags, "Client connections open now (scur)",
                    frontend, fr -> fr.connections.current());
        }
        for (Backend b : engine.backends()) {
            String name = b.name();
            Tags tags = Tags.of("proxy", name);
            Supplier<Backend> backend = () -> backend(name);
            Supplier<TrafficCounters> counters = () -> countersOf(backend.get());
            counters(registry, "backend", tags, counters, SERVER_SIDE_COUNTERS);
            latencies(registry, "backend", tags, counters);
            gauge(registry, "ballast.backend.current.sessions", tags, "Requests being served now (scur)", counters,
                    TrafficCounters::currentSessions);
            gauge(registry, "ballast.backend.active.servers", tags, "Active servers taking traffic (act)", backend,
                    Backend::usableActiveServers);
            gauge(registry, "ballast.backend.up", tags, "1 while a server may take traffic", backend,
                    be -> be.hasUsableServer() ? 1 : 0);
            for (Server s : b.servers()) {
                String serverName = s.name();
                server(registry, tags.and("server", serverName), () -> server(backend.get(), serverName));
            }
        }
    }

    private static void server(MeterRegistry registry, Tags tags, Supplier<Server> server) {
        Supplier<TrafficCounters> counters = () -> countersOf(server.get());
        counters(registry, "server", tags, counters, SERVER_SIDE_COUNTERS);
        latencies(registry, "server", tags, counters);
        gauge(registry, "ballast.server.current.sessions", tags, "Requests being served now (scur)", server,
                Server::inFlight);
        gauge(registry, "ballast.server.weight", tags, "Current weight", server, Server::weight);
        for (ServerState state : ServerState.values()) {
            gauge(registry, "ballast.server.status", tags.and("state", state.name()),
                    "1 for the server's current state", server, s -> s.state() == state ? 1 : 0);
        }
    }

    private static void counters(MeterRegistry registry, String kind, Tags tags, Supplier<TrafficCounters> counters,
                                 Set<Counter> which) {
        for (Counter counter : which) {
            FunctionCounter.builder("ballast." + kind + "." + meterName(counter), counters,
                            c -> read(c, t -> t.get(counter)))
                    .tags(tags).baseUnit(counter == Counter.BYTES_IN || counter == Counter.BYTES_OUT ? "bytes" : null)
                    .register(registry);
        }
        for (Counter counter : RESPONSES) {
            FunctionCounter.builder("ballast." + kind + ".responses", counters, c -> read(c, t -> t.get(counter)))
                    .tags(tags.and("code", counter.name().substring("RESPONSES_".length()).toLowerCase(Locale.ROOT)))
                    .description("HTTP responses by status class (hrsp_*)").register(registry);
        }
    }

    private static void latencies(MeterRegistry registry, String kind, Tags tags, Supplier<TrafficCounters> counters) {
        timeGauge(registry, "ballast." + kind + ".queue.time", tags,
                "Average time queued over the last 1024 requests (qtime)", counters, t -> t.queueTime().average());
        timeGauge(registry, "ballast." + kind + ".connect.time", tags,
                "Average connect time over the last 1024 requests (ctime)", counters, t -> t.connectTime().average());
        timeGauge(registry, "ballast." + kind + ".response.time", tags,
                "Average response time over the last 1024 requests (rtime)", counters,
                t -> t.responseTime().average());
        timeGauge(registry, "ballast." + kind + ".total.time", tags,
                "Average total time over the last 1024 requests (ttime)", counters, t -> t.totalTime().average());
    }

    private static <T> void gauge(MeterRegistry registry, String name, Tags tags, String description,
                                  Supplier<T> target, ToDoubleFunction<T> value) {
        Gauge.builder(name, target, t -> read(t, value)).tags(tags).description(description).register(registry);
    }

    private static void timeGauge(MeterRegistry registry, String name, Tags tags, String description,
                                  Supplier<TrafficCounters> counters, ToDoubleFunction<TrafficCounters> millis) {
        TimeGauge.builder(name, counters, TimeUnit.MILLISECONDS, c -> read(c, millis)).tags(tags)
                .description(description).register(registry);
    }

    /** {@code value} of what {@code target} finds now, or NaN when it is gone. */
    private static <T> double read(Supplier<T> target, ToDoubleFunction<T> value) {
        T t = target.get();
        return t == null ? Double.NaN : value.applyAsDouble(t);
    }

    private FrontendRuntime frontend(String name) {
        return ballast.engine().current().proxies.frontend(name);
    }

    private Backend backend(String name) {
        BackendRuntime backend = ballast.engine().current().proxies.backend(name);
        return backend == null ? null : backend.backend();
    }

    private static Server server(Backend backend, String name) {
        return backend == null ? null : backend.server(name);
    }

    private static TrafficCounters countersOf(FrontendRuntime frontend) {
        return frontend == null ? null : frontend.counters;
    }

    private static TrafficCounters countersOf(Backend backend) {
        return backend == null ? null : backend.counters();
    }

    private static TrafficCounters countersOf(Server server) {
        return server == null ? null : server.counters();
    }

    /** {@code CONNECTION_ERRORS} → {@code connection.errors}. */
    static String meterName(Counter counter) {
        return counter.name().toLowerCase(Locale.ROOT).replace('_', '.');
    }
}
