package io.ballast.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The mutable settings of a {@code defaults}, {@code frontend}, {@code backend} or {@code listen} section while
 * it is parsed. A proxy starts as a copy of the defaults section it inherits from.
 */
final class ProxyBuilder {

    /** A {@code log} line: either {@code log global} or one target. */
    record LogLine(boolean global, LogTarget target) {
    }

    final SectionKind kind;
    final String name;
    final SourceLocation location;

    ProxyMode mode = ProxyMode.TCP;
    BalanceSpec balance = BalanceSpec.ROUND_ROBIN;
    /** The {@code hash-type} line, which may come before or after {@code balance}; {@code null} when unset. */
    HashType hashType;
    /** {@code hash-balance-factor}, 0 when unset. */
    int hashBalanceFactor;
    /** {@code option allbackups}. */
    boolean allBackups;
    ServerSettings serverDefaults = new ServerSettings();
    /** The check method: {@code option httpchk}, {@code tcp-check} rules... */
    HealthCheckSettings checks = new HealthCheckSettings();
    long connect;
    long client;
    long server;
    long httpRequest;
    long httpKeepAlive;
    long queue;
    long tunnel;
    long check;
    long tarpit;
    long clientFin;
    long serverFin;
    int retries = 3;
    RetryOn retryOn = RetryOn.DEFAULT;
    ForwardFor forwardFor;
    SourceLocation forwardForLocation;
    HttpConnectionMode connectionMode = HttpConnectionMode.KEEP_ALIVE;
    boolean httpLog;
    SourceLocation httpLogLocation;
    boolean dontLogNull;
    boolean idleCloseOnResponse;
    /** {@code option tcp-smart-accept}, {@code null} when not set: on in {@code mode http}, as in HAProxy. */
    Boolean smartAccept;
    /** {@code log-tag}: the syslog program name of this proxy's lines, or {@code null} for the global one. */
    String logTag;
    /** The access log line's format ({@code option httplog|tcplog}, {@code log-format}), {@code null} for the default. */
    String logFormat;
    List<LogLine> logs = new ArrayList<>();
    /** The {@code errorfile}, {@code errorfiles} and {@code http-error} lines, the defaults' first. */
    List<ErrorPageLine> errorPages = new ArrayList<>();
    /** The pages those lines set, once {@link #resolveErrorPages} ran. */
    Map<Integer, ErrorFile> errorFiles = Map.of();
    int maxconn;
    HttpReuse httpReuse = HttpReuse.SAFE;
    /** {@code option redispatch} interval, 0 when off. */
    int redispatch;
    /** The {@code stats} lines' settings, or {@code null} when the statistics page is off. */
    StatsSettings stats;
    /** Whether {@link #stats} came from the defaults section: the first own {@code stats} line starts afresh. */
    boolean statsInherited;
    /** Rules and ACLs in order, those of a named defaults section first. */
    List<RuleLine> rules = new ArrayList<>();
    /** The defaults section whose rules this proxy inherited, or {@code null}. */
    ProxyBuilder rulesFrom;

    final List<ServerConfig> servers = new ArrayList<>();
    final List<BindConfig> binds = new ArrayList<>();
    String defaultBackend;
    SourceLocation defaultBackendLocation;

    ProxyBuilder(SectionKind kind, String name, SourceLocation location) {
        this.kind = kind;
        this.name = name;
        this.location = location;
    }

    /** A new section of {@code kind} starting with everything this (defaults) section sets. */
    ProxyBuilder inherit(SectionKind kind, String name, SourceLocation location) {
        ProxyBuilder p = new ProxyBuilder(kind, name, location);
        p.mode = mode;
        p.balance = balance;
        p.hashType = hashType;
        p.hashBalanceFactor = hashBalanceFactor;
        p.allBackups = allBackups;
        p.serverDefaults = serverDefaults.copy();
        p.checks = checks.inherit();
        p.connect = connect;
        p.client = client;
        p.server = server;
        p.httpRequest = httpRequest;
        p.httpKeepAlive = httpKeepAlive;
        p.queue = queue;
        p.tunnel = tunnel;
        p.check = check;
        p.tarpit = tarpit;
        p.clientFin = clientFin;
        p.serverFin = serverFin;
        p.retries = retries;
        p.retryOn = retryOn;
        p.forwardFor = forwardFor;
        p.forwardForLocation = forwardForLocation;
        p.connectionMode = connectionMode;
        p.httpLog = httpLog;
        p.httpLogLocation = httpLogLocation;
        p.dontLogNull = dontLogNull;
        p.idleCloseOnResponse = idleCloseOnResponse;
        p.smartAccept = smartAccept;
        p.logTag = logTag;
        p.logFormat = logFormat;
        p.logs = new ArrayList<>(logs);
        p.errorPages = new ArrayList<>(errorPages);
        p.maxconn = maxconn;
        p.httpReuse = httpReuse;
        p.redispatch = redispatch;
        p.rules = new ArrayList<>(rules);
        p.rulesFrom = rules.isEmpty() ? null : this;
        p.defaultBackend = defaultBackend;
        p.defaultBackendLocation = defaultBackendLocation;
        p.stats = stats;
        p.statsInherited = stats != null;
        return p;
    }

    /** Sets {@link #errorFiles} from the error page lines, once every {@code http-errors} section is known. */
    void resolveErrorPages(HttpErrorsSections sections) {
        errorFiles = sections.resolve(name, errorPages);
    }

    Timeouts timeouts() {
        return new Timeouts(connect, client, server, httpRequest, httpKeepAlive, queue, tunnel, check, tarpit, clientFin, serverFin);
    }

    /** The log targets, with {@code log global} replaced by the global section's targets. */
    List<LogTarget> resolvedLogs(List<LogTarget> global) {
        List<LogTarget> out = new ArrayList<>();
        for (LogLine l : logs) {
            if (l.global()) {
                out.addAll(global);
            } else {
                out.add(l.target());
            }
        }
        if (logTag != null) {
            out.replaceAll(t -> t.withTag(logTag));
        }
        return out;
    }

    FrontendConfig toFrontend(List<LogTarget> globalLogs) {
        String backend = defaultBackend;
        if (backend == null && kind == SectionKind.LISTEN) {
            backend = name;
        }
        ForwardFor ff = mode == ProxyMode.HTTP ? forwardFor : null;
        return new FrontendConfig(name, mode, binds, backend, timeouts(), maxconn, ff, connectionMode,
                httpLog && mode == ProxyMode.HTTP, dontLogNull, resolvedLogs(globalLogs), errorFiles,
                rules(kind == SectionKind.LISTEN ? ProxyBuilder::frontendHalf : r -> true), location,
                mode == ProxyMode.TCP && LogFormats.HTTPLOG.equals(logFormat) ? LogFormats.TCPLOG : logFormat,
                httpStats(), idleCloseOnResponse, smartAccept != null ? smartAccept : mode == ProxyMode.HTTP);
    }

    BackendConfig toBackend() {
        ForwardFor ff = mode == ProxyMode.HTTP ? forwardFor : null;
        BalanceSpec spec = (hashType == null ? balance : balance.withHashType(hashType))
                .withHashBalanceFactor(hashBalanceFactor).withAllBackups(allBackups);
        return new BackendConfig(name, mode, spec, servers, timeouts(), retries, ff, connectionMode, errorFiles,
                rules(kind == SectionKind.LISTEN ? r -> !frontendHalf(r) : r -> true), location, checks.build(),
                httpReuse, redispatch, retryOn, httpStats());
    }

    /** The statistics page settings, which only proxies in {@code mode http} have, as in HAProxy. */
    private StatsSettings httpStats() {
        return mode == ProxyMode.HTTP ? stats : null;
    }

    /**
     * A {@code listen} section is one proxy evaluated once: its rules run in the frontend half, except
     * {@code use-server} which needs the backend. Both halves see the ACLs.
     */
    private static boolean frontendHalf(RuleLine r) {
        return !r.keyword().equals("use-server");
    }

    private List<RuleLine> rules(java.util.function.Predicate<RuleLine> keep) {
        List<RuleLine> out = new ArrayList<>();
        for (RuleLine r : rules) {
            if (r.keyword().equals("acl") || keep.test(r)) {
                out.add(r);
            }
        }
        return out;
    }
}
