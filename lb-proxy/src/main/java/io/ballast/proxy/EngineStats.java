package io.ballast.proxy;

import io.ballast.core.config.BackendConfig;
import io.ballast.core.config.SourceLocation;
import io.ballast.core.server.Backend;
import io.ballast.core.server.Server;
import io.ballast.core.server.ServerState;
import io.ballast.core.stats.Counter;
import io.ballast.core.stats.TrafficCounters;
import io.ballast.health.CheckReport;
import io.ballast.proxy.stats.StatField;
import io.ballast.proxy.stats.StatsRow;
import io.ballast.proxy.stats.StatsSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The statistics of a running configuration, as HAProxy's {@code show stat} lays them out: proxies in declaration
 * order (a {@code listen} section is one proxy with a frontend and a backend half), each with its FRONTEND row, its
 * servers and its BACKEND row. Every call reads the live counters afresh.
 */
final class EngineStats implements StatsSource {

    private final Proxies proxies;
    private final ProcessInfo process;
    private final Function<Server, CheckReport> checks;
    /** Proxies in declaration order, with HAProxy's numeric ids ({@code iid}). */
    private final List<ProxyEntry> entries;

    /**
     * @param firstProxyId the id of the first declared proxy: 1, or 2 when HAProxy would have created its internal
     *                     {@code GLOBAL} proxy for a stats socket first
     * @param checks       a server's health-check report, or {@code null} for a server without checks
     */
    EngineStats(Proxies proxies, ProcessInfo process, Function<Server, CheckReport> checks,
                int firstProxyId) {
        this.proxies = proxies;
        this.process = process;
        this.checks = checks;
        this.entries = declarationOrder(proxies, firstProxyId);
    }

    /** A proxy: its frontend half, its backend half, or both for a {@code listen} section. */
    private record ProxyEntry(int id, String name, FrontendRuntime frontend, BackendRuntime backend) {
    }

    private static List<ProxyEntry> declarationOrder(Proxies proxies, int firstProxyId) {
        Map<String, SourceLocation> where = new LinkedHashMap<>();
        Map<String, FrontendRuntime> frontends = new LinkedHashMap<>();
        for (FrontendRuntime f : proxies.frontends) {
            frontends.put(f.config.name(), f);
            where.put(f.config.name(), f.config.location());
        }
        for (BackendRuntime b : proxies.backends.values()) {
            where.putIfAbsent(b.config().name(), b.config().location());
        }
        List<String> files = new ArrayList<>();
        for (SourceLocation l : where.values()) {
            if (l != null && !files.contains(l.file())) {
                files.add(l.file());
            }
        }
        List<String> names = new ArrayList<>(where.keySet());
        names.sort(Comparator.comparingInt((String n) -> where.get(n) == null ? Integer.MAX_VALUE
                        : files.indexOf(where.get(n).file()))
                .thenComparingInt(n -> where.get(n) == null ? Integer.MAX_VALUE : where.get(n).line()));
        List<ProxyEntry> entries = new ArrayList<>();
        int id = firstProxyId;
        for (String name : names) {
            entries.add(new ProxyEntry(id++, name, frontends.get(name), proxies.backends.get(name)));
        }
        return List.copyOf(entries);
    }

    @Override
    public List<StatsRow> rows() {
        List<StatsRow> rows = new ArrayList<>();
        for (ProxyEntry p : entries) {
            if (p.frontend != null) {
                rows.add(frontendRow(p));
            }
            if (p.backend != null) {
                for (Server s : p.backend.backend().servers()) {
                    rows.add(serverRow(p, s, p.backend.backend().serverId(s)));
                }
                rows.add(backendRow(p));
            }
        }
        return rows;
    }

    @Override
    public List<InfoField> info() {
        return process.info(this);
    }

    /** Connections and requests over all frontends, for {@code show info}. */
    long frontendTotal(Counter counter) {
        long sum = 0;
        for (FrontendRuntime f : proxies.frontends) {
            sum += f.counters.get(counter);
        }
        return sum;
    }

    /** The sum over all frontends of a current rate, as {@code show info}'s process-wide rates. */
    long frontendRate(Function<TrafficCounters, Long> rate) {
        long sum = 0;
        for (FrontendRuntime f : proxies.frontends) {
            sum += rate.apply(f.counters);
        }
        return sum;
    }

    /** Client connections open in the process. */
    int currentConnections() {
        return proxies.frontends.isEmpty() ? 0 : proxies.frontends.get(0).connections.globalCurrent();
    }

    /** Listeners bound, for {@code show info}. */
    int listeners() {
        int n = 0;
        for (FrontendRuntime f : proxies.frontends) {
            n += f.config.binds().size();
        }
        return n;
    }

    private StatsRow frontendRow(ProxyEntry p) {
        FrontendRuntime f = p.frontend;
        TrafficCounters c = f.counters;
        StatsRow.Builder row = StatsRow.builder(StatsRow.Kind.FRONTEND, p.name, "FRONTEND");
        common(row, p.id, 0, c);
        if (f.connections.limit() > 0) {
            row.set(StatField.SLIM, f.connections.limit());
        }
        row.set(StatField.SCUR, f.connections.current())
                .set(StatField.STATUS, "OPEN")
                .set(StatField.RATE_LIM, 0)
                .set(StatField.REQ_RATE, c.requestRate().perSecond())
                .set(StatField.REQ_RATE_MAX, c.requestRate().max())
                .set(StatField.CONN_RATE, c.connectionRate().perSecond())
                .set(StatField.CONN_RATE_MAX, c.connectionRate().max())
                .set(StatField.CONN_TOT, c.get(Counter.CONNECTIONS))
                .set(StatField.INTERCEPTED, c.get(Counter.INTERCEPTED))
                .set(StatField.DCON, c.get(Counter.DENIED_CONNECTIONS))
                .set(StatField.DSES, c.get(Counter.DENIED_SESSIONS))
                .set(StatField.EREQ, c.get(Counter.REQUEST_ERRORS))
                .set(StatField.MODE, f.mode.name().toLowerCase());
        return row.build();
    }

    private StatsRow backendRow(ProxyEntry p) {
        Backend b = p.backend.backend();
        BackendConfig config = b.config();
        TrafficCounters c = b.counters();
        StatsRow.Builder row = StatsRow.builder(StatsRow.Kind.BACKEND, p.name, "BACKEND");
        common(row, p.id, 0, c);
        serverSide(row, c);
        int weight = 0;
        int userWeight = 0;
        long picks = 0;
        boolean activeUp = b.usableActiveServers() > 0;
        for (Server s : b.servers()) {
            picks += s.totalRequests();
            if (s.isUsable() && s.isBackup() != activeUp) {
                weight += s.weight();
                userWeight += s.weight();
            }
        }
        boolean up = b.hasUsableServer();
        int fullconn = fullConnections(p);
        if (fullconn > 0) {
            row.set(StatField.SLIM, fullconn);
        }
        row.set(StatField.QCUR, p.backend.queue.size())
                .set(StatField.SCUR, c.currentSessions())
                .set(StatField.STATUS, up ? "UP" : "DOWN")
                .set(StatField.WEIGHT, weight)
                .set(StatField.UWEIGHT, userWeight)
                .set(StatField.ACT, b.usableActiveServers())
                .set(StatField.BCK, b.usableBackupServers())
                .set(StatField.CHKDOWN, b.history().transitionsToDown())
                .set(StatField.LASTCHG, b.history().secondsSinceChange())
                .set(StatField.DOWNTIME, b.history().downtimeSeconds())
                .set(StatField.LBTOT, picks)
                .set(StatField.MODE, config.mode().name().toLowerCase())
                .set(StatField.ALGO, config.balance().algorithm())
                .set(StatField.AGG_SERVER_STATUS, 0)
                .set(StatField.AGG_SERVER_CHECK_STATUS, 0)
                .set(StatField.AGG_CHECK_STATUS, 0);
        return row.build();
    }

    /**
     * HAProxy's backend {@code slim}: its {@code fullconn}, by default a tenth of the limits of the frontends whose
     * default backend it is; 0 when none has a limit.
     */
    private int fullConnections(ProxyEntry p) {
        long sum = 0;
        for (FrontendRuntime f : proxies.frontends) {
            if (f.defaultRoute != null && f.defaultRoute.backend == p.backend) {
                sum += f.connections.limit();
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, (sum + 9) / 10);
    }

    private StatsRow serverRow(ProxyEntry p, Server s, int sid) {
        TrafficCounters c = s.counters();
        CheckReport check = checks.apply(s);
        StatsRow.Builder row = StatsRow.builder(StatsRow.Kind.SERVER, p.name, s.name());
        common(row, p.id, sid, c);
        serverSide(row, c);
        row.set(StatField.QCUR, 0)
                .set(StatField.SCUR, s.inFlight())
                .set(StatField.STATUS, ServerStatus.of(s, check))
                .set(StatField.WEIGHT, s.weight())
                .set(StatField.UWEIGHT, s.weight())
                .set(StatField.ACT, s.isBackup() ? 0 : 1)
                .set(StatField.BCK, s.isBackup() ? 1 : 0)
                .set(StatField.LASTCHG, s.history().secondsSinceChange())
                .set(StatField.LBTOT, s.totalRequests())
                .set(StatField.ADDR, s.config().address().text())
                .set(StatField.MODE, p.backend.config().mode().name().toLowerCase())
                .set(StatField.USED_CONN_CUR, s.inFlight());
        if (s.config().maxconn() > 0) {
            row.set(StatField.SLIM, s.config().maxconn());
        }
        if (check != null) {
            row.set(StatField.CHKFAIL, check.failedChecks())
                    .set(StatField.CHKDOWN, s.history().transitionsToDown())
                    .set(StatField.DOWNTIME, s.history().downtimeSeconds())
                    .set(StatField.CHECK_STATUS, (check.inProgress() ? "* " : "") + check.status())
                    .set(StatField.LAST_CHK, check.info())
                    .set(StatField.CHECK_DESC, check.description())
                    .set(StatField.CHECK_RISE, check.rise())
                    .set(StatField.CHECK_FALL, check.fall())
                    .set(StatField.CHECK_HEALTH, check.health());
            if (check.code() > 0) {
                row.set(StatField.CHECK_CODE, check.code());
            }
            if (check.durationMs() >= 0) {
                row.set(StatField.CHECK_DURATION, check.durationMs());
            }
        }
        return row.build();
    }

    /** Columns every row kind has, each where it applies. */
    private static void common(StatsRow.Builder row, int iid, int sid, TrafficCounters c) {
        row.set(StatField.SMAX, c.maxSessions())
                .set(StatField.STOT, c.get(Counter.SESSIONS))
                .set(StatField.BIN, c.get(Counter.BYTES_IN))
                .set(StatField.BOUT, c.get(Counter.BYTES_OUT))
                .set(StatField.DREQ, c.get(Counter.DENIED_REQUESTS))
                .set(StatField.DRESP, c.get(Counter.DENIED_RESPONSES))
                .set(StatField.PID, 1)
                .set(StatField.IID, iid)
                .set(StatField.SID, sid)
                .set(StatField.RATE, c.sessionRate().perSecond())
                .set(StatField.RATE_MAX, c.sessionRate().max())
                .set(StatField.HRSP_1XX, c.get(Counter.RESPONSES_1XX))
                .set(StatField.HRSP_2XX, c.get(Counter.RESPONSES_2XX))
                .set(StatField.HRSP_3XX, c.get(Counter.RESPONSES_3XX))
                .set(StatField.HRSP_4XX, c.get(Counter.RESPONSES_4XX))
                .set(StatField.HRSP_5XX, c.get(Counter.RESPONSES_5XX))
                .set(StatField.HRSP_OTHER, c.get(Counter.RESPONSES_OTHER))
                .set(StatField.REQ_TOT, c.get(Counter.REQUESTS))
                .set(StatField.COMP_IN, 0)
                .set(StatField.COMP_OUT, 0)
                .set(StatField.COMP_BYP, 0)
                .set(StatField.COMP_RSP, 0)
                .set(StatField.WREW, c.get(Counter.REWRITE_FAILURES))
                .set(StatField.CACHE_LOOKUPS, 0)
                .set(StatField.CACHE_HITS, 0)
                .set(StatField.EINT, c.get(Counter.INTERNAL_ERRORS));
    }

    /** Columns of backends and servers: queue, errors, warnings, aborts, connections and recent timings. */
    private static void serverSide(StatsRow.Builder row, TrafficCounters c) {
        row.set(StatField.QMAX, c.maxQueued())
                .set(StatField.ECON, c.get(Counter.CONNECTION_ERRORS))
                .set(StatField.ERESP, c.get(Counter.RESPONSE_ERRORS))
                .set(StatField.WRETR, c.get(Counter.RETRIES))
                .set(StatField.WREDIS, c.get(Counter.REDISPATCHES))
                .set(StatField.CLI_ABRT, c.get(Counter.CLIENT_ABORTS))
                .set(StatField.SRV_ABRT, c.get(Counter.SERVER_ABORTS))
                .set(StatField.LASTSESS, c.secondsSinceLastSession())
                .set(StatField.QTIME, c.queueTime().average())
                .set(StatField.CTIME, c.connectTime().average())
                .set(StatField.RTIME, c.responseTime().average())
                .set(StatField.TTIME, c.totalTime().average())
                .set(StatField.QTIME_MAX, c.queueTime().max())
                .set(StatField.CTIME_MAX, c.connectTime().max())
                .set(StatField.RTIME_MAX, c.responseTime().max())
                .set(StatField.TTIME_MAX, c.totalTime().max())
                .set(StatField.CONNECT, c.get(Counter.CONNECTS))
                .set(StatField.REUSE, c.get(Counter.REUSES));
    }

    /** A server's {@code status} column in HAProxy's words (stats.c {@code srv_hlt_st}). */
    static final class ServerStatus {

        private ServerStatus() {
        }

        static String of(Server s, CheckReport check) {
            ServerState state = s.state();
            if (state == ServerState.MAINT) {
                return "MAINT";
            }
            if (check == null || !check.enabled()) {
                return switch (state) {
                    case UP -> s.weight() == 0 ? "DRAIN" : "no check";
                    case DRAIN -> "DRAIN";
                    case NOLB -> "NOLB";
                    default -> "DOWN";
                };
            }
            int top = check.rise() + check.fall() - 1;
            boolean goingDown = check.health() < top;
            String upTrend = " " + (check.health() - check.rise() + 1) + "/" + check.fall();
            return switch (state) {
                case UP -> s.weight() == 0 ? "DRAIN" + (goingDown ? upTrend : "") : "UP" + (goingDown ? upTrend : "");
                case DRAIN -> "DRAIN" + (goingDown ? upTrend : "");
                case NOLB -> "NOLB" + (goingDown ? upTrend : "");
                default -> check.health() == 0 ? "DOWN" : "DOWN " + check.health() + "/" + check.rise();
            };
        }
    }
}
