package io.ballast.core.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keyword table of {@code defaults}, {@code frontend}, {@code backend} and {@code listen} sections: applies
 * one directive to a {@link ProxyBuilder}, checking that the keyword is allowed in that kind of section.
 */
final class ProxyParser {

    /** Where a keyword is allowed: D = defaults, F = frontend, B = backend (listen has F and B). */
    private static final Map<String, String> WHERE = new HashMap<>();

    /** Keywords that Ballast does not implement yet but whose absence does not change routing: warnings. */
    private static final Set<String> IGNORED = Set.of("log-format-sd",
            "error-log-format", "unique-id-format", "unique-id-header", "compression",
            "fullconn", "monitor-uri", "email-alert", "rate-limit", "declare", "errorloc", "errorloc302",
            "errorloc303", "max-keep-alive-queue",
            "server-state-file-name", "load-server-state-from-file", "bind-process", "backlog",
            "external-check", "persist");

    /**
     * Keywords HAProxy refuses in a proxy that lacks the capability they need; any other keyword of the wrong kind
     * of proxy is ignored with a warning, as HAProxy 2.6 does.
     */
    private static final Set<String> WRONG_PROXY_FATAL = Set.of("server", "default-server", "server-template",
            "retry-on", "tcp-response", "declare");

    /** Keywords whose absence would route or filter traffic differently: errors. */
    private static final Set<String> REFUSED = Set.of("http-after-response", "tcp-response", "stick", "stick-table",
            "cookie",
            "force-persist", "ignore-persist", "server-template", "dispatch", "source", "monitor", "filter",
            "http-send-name-header", "disabled");

    /** Rule and ACL keywords: kept in order as {@link RuleLine}s for the proxy engine to compile. */
    static final Set<String> RULES = Set.of("acl", "use_backend", "use-server", "http-request", "http-response",
            "tcp-request", "redirect", "capture");

    /** Keywords HAProxy 2.x removed, with its advice. */
    private static final Map<String, String> REMOVED = Map.of(
            "redispatch", "the 'redispatch' directive is not supported anymore since HAProxy 2.1. Use 'option redispatch'.",
            "block", "the 'block' directive is not supported anymore since HAProxy 2.1. Use 'http-request deny' which uses the exact same syntax.",
            "monitor-net", "the 'monitor-net' directive is not supported anymore since HAProxy 2.2. Use 'http-request return status 200 if { src <net> }'.",
            "transparent", "the 'transparent' directive is not supported anymore since HAProxy 2.1. Use 'option transparent'.");

    private static final Set<String> TIMEOUTS = Set.of("connect", "client", "server", "http-request",
            "http-keep-alive", "queue", "tunnel", "check", "client-fin", "server-fin", "tarpit");

    /** Options that work. */
    private static final Set<String> OPTIONS = Set.of("httplog", "tcplog", "dontlognull", "forwardfor",
            "http-keep-alive", "http-server-close", "httpclose", "allbackups", "redispatch", "idle-close-on-response",
            "tcp-smart-accept");

    /** Options accepted with a "not supported yet" warning. */
    private static final Set<String> OPTIONS_IGNORED = Set.of("log-health-checks",
            "abortonclose", "http-buffer-request", "splice-auto", "splice-request", "splice-response",
            "tcpka", "clitcpka", "srvtcpka", "log-separate-errors", "logasap", "http-ignore-probes", "socket-stats",
            "independent-streams", "nolinger", "persist", "prefer-last-server", "accept-invalid-http-request",
            "accept-invalid-http-response", "http-pretend-keepalive", "http-no-delay", "forwarded", "originalto",
            "contstats", "checkcache", "disable-h2-upgrade", "h1-case-adjust-bogus-client",
            "h1-case-adjust-bogus-server", "spop-check", "external-check", "tcp-smart-connect",
            "http-restrict-req-hdr-names", "http-use-proxy-header", "transparent",
            "dontlog-normal", "httpslog");

    private static final Map<String, String> OPTIONS_REMOVED = Map.of(
            "forceclose", "'option forceclose' is not supported anymore since HAProxy 2.0. Use 'option httpclose'.",
            "http-tunnel", "'option http-tunnel' is not supported anymore since HAProxy 2.1; HTTP connections are "
                    + "processed per request. Remove it.",
            "http_proxy", "'option http_proxy' is not supported anymore since HAProxy 2.5. Use 'http-request set-dst'.",
            "http-use-htx", "'option http-use-htx' is not supported anymore since HAProxy 2.1 (HTX is always used). Remove it.");

    static {
        for (String k : List.of("mode", "log", "no", "option", "errorfile", "timeout", "contimeout", "clitimeout",
                "srvtimeout", "stats", "compression", "log-tag", "email-alert", "errorloc", "errorloc302",
                "errorloc303", "errorfiles", "http-error", "bind-process", "http-request", "http-response",
                "http-after-response", "tcp-request", "disabled", "filter")) {
            WHERE.put(k, "DFB");
        }
        for (String k : List.of("bind", "use_backend", "capture", "declare", "monitor", "monitor-uri")) {
            WHERE.put(k, "F");
        }
        for (String k : List.of("default_backend", "maxconn", "log-format", "log-format-sd", "error-log-format",
                "unique-id-format", "unique-id-header", "rate-limit", "backlog")) {
            WHERE.put(k, "DF");
        }
        for (String k : List.of("server", "use-server", "stick", "server-template", "dispatch")) {
            WHERE.put(k, "B");
        }
        for (String k : List.of("balance", "default-server", "retries", "http-reuse", "hash-type", "cookie",
                "http-check", "tcp-check", "fullconn", "hash-balance-factor", "max-keep-alive-queue", "source",
                "server-state-file-name", "load-server-state-from-file", "tcp-response", "retry-on", "persist",
                "http-send-name-header", "external-check")) {
            WHERE.put(k, "DB");
        }
        WHERE.put("enabled", "DFB");
        for (String k : List.of("description", "id", "acl", "redirect", "stick-table", "force-persist",
                "ignore-persist")) {
            WHERE.put(k, "FB");
        }
        for (String k : REMOVED.keySet()) {
            WHERE.put(k, "DFB");
        }
    }

    private final Diagnostics diagnostics;
    private final BindLineParser binds;
    private final EndpointParser endpoints;
    private final ServerLineParser serverOptions;
    private final BalanceParser balances;
    private final CheckRuleParser checkRules;
    private final StatsLineParser statsLines;

    /** The global TLS statements read so far. */
    private final TlsDefaults tlsDefaults;

    ProxyParser(Diagnostics diagnostics, EndpointParser endpoints, TlsDefaults tlsDefaults) {
        this.diagnostics = diagnostics;
        this.endpoints = endpoints;
        this.tlsDefaults = tlsDefaults;
        this.binds = new BindLineParser(endpoints, diagnostics, tlsDefaults);
        this.serverOptions = new ServerLineParser(diagnostics, tlsDefaults);
        this.balances = new BalanceParser(diagnostics);
        this.checkRules = new CheckRuleParser(diagnostics);
        this.statsLines = new StatsLineParser(diagnostics);
    }

    /** Applies {@code d} to {@code p}. */
    void apply(ProxyBuilder p, Directive d) {
        String kw = d.keyword();
        SourceLocation loc = d.location();
        String where = WHERE.get(kw);
        if (where == null) {
            diagnostics.error(loc, kw, "unknown keyword '" + kw + "' in '" + p.kind.keyword + "' section"
                    + Suggestions.didYouMean(kw, WHERE.keySet()));
            return;
        }
        if (!allowed(where, p.kind)) {
            wrongSection(p, kw, where, loc);
            return;
        }
        if (REMOVED.containsKey(kw)) {
            diagnostics.error(loc, kw, REMOVED.get(kw));
            return;
        }
        if (REFUSED.contains(kw)) {
            diagnostics.error(loc, kw, "'" + kw + "' is not supported yet: ignoring it would route or filter traffic "
                    + "differently than this configuration says");
            return;
        }
        if (IGNORED.contains(kw)) {
            diagnostics.warning(loc, kw, "'" + kw + "' is not supported yet; ignored");
            return;
        }
        if (RULES.contains(kw)) {
            rule(p, d);
            return;
        }
        try {
            switch (kw) {
                case "mode" -> mode(p, d);
                case "log" -> log(p, d);
                case "log-tag" -> {
                    if (d.size() != 2) {
                        throw new IllegalArgumentException("expects a tag for use in syslog.");
                    }
                    p.logTag = d.arg(1);
                }
                case "no" -> no(p, d);
                case "option" -> option(p, d, true);
                case "errorfile" -> p.errorPages.add(ErrorPageLine.page(ErrorPageParser.errorFile(d), loc));
                case "errorfiles" -> p.errorPages.add(ErrorPageParser.errorFiles(d));
                case "http-error" -> p.errorPages.add(ErrorPageParser.httpError(d));
                case "timeout" -> timeout(p, d);
                case "contimeout" -> legacyTimeout(p, d, "connect");
                case "clitimeout" -> legacyTimeout(p, d, "client");
                case "srvtimeout" -> legacyTimeout(p, d, "server");
                case "bind" -> binds.parse(d, p.binds);
                case "default_backend" -> {
                    expectArgs(d, 1, "a backend name");
                    p.defaultBackend = d.arg(1);
                    p.defaultBackendLocation = loc;
                }
                case "balance" -> {
                    BalanceSpec spec = balances.parse(d);
                    if (spec != null) {
                        p.balance = spec;
                    }
                }
                case "hash-type" -> {
                    HashType type = balances.parseHashType(d);
                    if (type != null) {
                        p.hashType = type;
                    }
                }
                case "hash-balance-factor" -> {
                    Integer factor = balances.parseHashBalanceFactor(d);
                    if (factor != null) {
                        p.hashBalanceFactor = factor;
                    }
                }
                case "http-reuse" -> {
                    expectArgs(d, 1, "'never', 'safe', 'aggressive' or 'always'");
                    p.httpReuse = switch (d.arg(1)) {
                        case "never" -> HttpReuse.NEVER;
                        case "safe" -> HttpReuse.SAFE;
                        case "aggressive" -> HttpReuse.AGGRESSIVE;
                        case "always" -> HttpReuse.ALWAYS;
                        default -> throw new IllegalArgumentException("expects 'never', 'safe', 'aggressive' or "
                                + "'always', not '" + d.arg(1) + "'");
                    };
                }
                case "log-format" -> {
                    expectArgs(d, 1, "a format string (quote it)");
                    p.logFormat = d.arg(1);
                    p.httpLog = false;
                }
                case "server" -> server(p, d);
                case "http-check" -> checkRules.httpCheck(p.checks, d);
                case "tcp-check" -> checkRules.tcpCheck(p.checks, d);
                case "default-server" -> serverOptions.parseOptions(d, 1, p.serverDefaults, "default-server", "default-server");
                case "maxconn" -> {
                    expectArgs(d, 1, "a number of connections");
                    p.maxconn = nonNegative(d.arg(1), "a number of connections");
                }
                case "retry-on" -> p.retryOn = RetryOn.parse(d.words().subList(1, d.size()));
                case "retries" -> {
                    expectArgs(d, 1, "a number of retries");
                    p.retries = nonNegative(d.arg(1), "a number of retries");
                }
                case "description" -> {
                    if (d.size() < 2) {
                        throw new IllegalArgumentException("expects a text");
                    }
                }
                case "id" -> {
                    expectArgs(d, 1, "a positive integer");
                    if (nonNegative(d.arg(1), "a positive integer") == 0) {
                        throw new IllegalArgumentException("expects a positive integer, not '0'");
                    }
                }
                case "enabled" -> expectArgs(d, 0, "nothing");
                case "stats" -> statsLines.parse(p, d);
                default -> throw new IllegalStateException("unhandled keyword " + kw);
            }
        } catch (IllegalArgumentException e) {
            diagnostics.error(loc, kw, e.getMessage());
        }
    }

    /**
     * Reports {@code kw} used where it does not belong: an error in {@code defaults} and for the keywords HAProxy
     * refuses, otherwise a warning in HAProxy's words, the keyword being ignored for that proxy.
     */
    private void wrongSection(ProxyBuilder p, String kw, String where, SourceLocation loc) {
        if (p.kind == SectionKind.DEFAULTS) {
            diagnostics.error(loc, kw, "'" + kw + "' is not allowed in a 'defaults' section (only in "
                    + places(where) + ")");
            return;
        }
        boolean frontend = p.kind == SectionKind.FRONTEND;
        String why = "because " + p.kind.keyword + " '" + p.name + "' has no " + (frontend ? "backend" : "frontend")
                + " capability.";
        if (WRONG_PROXY_FATAL.contains(kw)) {
            diagnostics.error(loc, null, "'" + kw + "' not allowed " + why);
            return;
        }
        String hint = switch (kw) {
            case "maxconn" -> " Maybe you want 'fullconn' instead ?";
            case "fullconn" -> " Maybe you want 'maxconn' instead ?";
            default -> "";
        };
        diagnostics.warning(loc, null, "'" + kw + "' ignored " + why + hint);
    }

    private static boolean allowed(String where, SectionKind kind) {
        return switch (kind) {
            case DEFAULTS -> where.contains("D");
            case FRONTEND -> where.contains("F");
            case BACKEND -> where.contains("B");
            case LISTEN -> where.contains("F") || where.contains("B");
        };
    }

    private static String places(String where) {
        List<String> out = new ArrayList<>();
        if (where.contains("D")) {
            out.add("defaults");
        }
        if (where.contains("F")) {
            out.add("frontend");
        }
        if (where.contains("B")) {
            out.add("backend");
        }
        out.add("listen");
        return String.join(", ", out);
    }

    private static void expectArgs(Directive d, int count, String what) {
        if (d.size() - 1 < count) {
            throw new IllegalArgumentException("expects " + what);
        }
        if (d.size() - 1 > count) {
            throw new IllegalArgumentException("unexpected argument '" + d.arg(count + 1) + "' (expects " + what + ")");
        }
    }

    private static int nonNegative(String s, String what) {
        try {
            int v = Integer.parseInt(s);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expects " + what + ", not '" + s + "'");
        }
    }

    private void mode(ProxyBuilder p, Directive d) {
        expectArgs(d, 1, "'tcp' or 'http'");
        switch (d.arg(1)) {
            case "tcp" -> p.mode = ProxyMode.TCP;
            case "http" -> p.mode = ProxyMode.HTTP;
            case "health" -> throw new IllegalArgumentException("'mode health' is not supported anymore since HAProxy 2.4. "
                    + "Use 'mode http' with 'monitor-uri' or 'http-request return'.");
            default -> throw new IllegalArgumentException("expects 'tcp' or 'http', not '" + d.arg(1) + "'");
        }
    }

    private void log(ProxyBuilder p, Directive d) {
        if ("global".equals(d.arg(1))) {
            expectArgs(d, 1, "'global' or a target");
            p.logs.add(new ProxyBuilder.LogLine(true, null));
            return;
        }
        LogTarget t = LogLineParser.parse(d);
        p.logs.add(new ProxyBuilder.LogLine(false, t));
    }


    private void no(ProxyBuilder p, Directive d) {
        String what = d.arg(1);
        if ("log".equals(what)) {
            expectArgs(d, 1, "'log' or 'option <name>'");
            p.logs.clear();
        } else if ("option".equals(what)) {
            option(p, new Directive(d.words().subList(1, d.size()), d.location()), false);
        } else {
            throw new IllegalArgumentException("expects 'no log' or 'no option <name>', not 'no " + (what == null ? "" : what) + "'");
        }
    }

    private void option(ProxyBuilder p, Directive d, boolean enable) {
        String kw = enable ? "option" : "no option";
        String name = d.arg(1);
        SourceLocation loc = d.location();
        if (name == null) {
            diagnostics.error(loc, kw, "expects an option name");
            return;
        }
        String full = "option " + name;
        if (OPTIONS_REMOVED.containsKey(name)) {
            diagnostics.error(loc, full, OPTIONS_REMOVED.get(name));
            return;
        }
        if (CheckRuleParser.OPTIONS.contains(name)) {
            checkRules.option(p.checks, d, enable);
            return;
        }
        if (OPTIONS_IGNORED.contains(name)) {
            String why = switch (name) {
                case "spop-check" -> "'" + full
                        + "' is not supported yet; servers with 'check' get TCP connect checks";
                default -> "'" + full + "' is not supported yet; ignored";
            };
            diagnostics.warning(loc, full, why);
            return;
        }
        if (!OPTIONS.contains(name)) {
            Set<String> all = new TreeSet<>(OPTIONS);
            all.addAll(OPTIONS_IGNORED);
            all.addAll(CheckRuleParser.OPTIONS);
            diagnostics.error(loc, full, "unknown option '" + name + "'" + Suggestions.didYouMean(name, all));
            return;
        }
        boolean takesArgument = name.equals("forwardfor") || (enable && (name.equals("httplog")
                || (name.equals("redispatch") && d.size() == 3)));
        if (!takesArgument && d.size() > 2) {
            diagnostics.error(loc, full, "unexpected argument '" + d.arg(2) + "'");
            return;
        }
        switch (name) {
            case "httplog" -> {
                if (enable && d.size() > 2 && !(d.size() == 3 && d.arg(2).equals("clf"))) {
                    diagnostics.error(loc, full, "expects nothing or 'clf', not '" + d.arg(2) + "'");
                    return;
                }
                p.httpLog = enable;
                p.httpLogLocation = loc;
                p.logFormat = !enable ? null : d.size() == 3 ? LogFormats.HTTPLOG_CLF : LogFormats.HTTPLOG;
            }
            case "tcplog" -> {
                if (enable) {
                    p.httpLog = false;
                }
                p.logFormat = enable ? LogFormats.TCPLOG : null;
            }
            case "dontlognull" -> p.dontLogNull = enable;
            case "idle-close-on-response" -> p.idleCloseOnResponse = enable;
            case "tcp-smart-accept" -> p.smartAccept = enable;
            case "allbackups" -> p.allBackups = enable;
            case "redispatch" -> p.redispatch = enable ? redispatchInterval(d) : 0;
            case "forwardfor" -> {
                if (!enable) {
                    p.forwardFor = null;
                    return;
                }
                forwardFor(p, d);
            }
            case "http-keep-alive" -> connection(p, HttpConnectionMode.KEEP_ALIVE, enable);
            case "http-server-close" -> connection(p, HttpConnectionMode.SERVER_CLOSE, enable);
            case "httpclose" -> connection(p, HttpConnectionMode.CLOSE, enable);
            default -> throw new IllegalStateException(name);
        }
    }

    /** {@code option redispatch [<interval>]}: -1 (the last retry) by default; 0 is refused, as by HAProxy. */
    private static int redispatchInterval(Directive d) {
        if (d.size() < 3) {
            return -1;
        }
        try {
            int interval = Integer.parseInt(d.arg(2));
            if (interval != 0) {
                return interval;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'option redispatch' expects a non-zero retry interval, not '" + d.arg(2)
                + "'");
    }

    private static void connection(ProxyBuilder p, HttpConnectionMode mode, boolean enable) {
        if (enable) {
            p.connectionMode = mode;
        } else if (p.connectionMode == mode) {
            p.connectionMode = HttpConnectionMode.KEEP_ALIVE;
        }
    }

    private void forwardFor(ProxyBuilder p, Directive d) {
        String header = ForwardFor.DEFAULT_HEADER;
        String except = null;
        boolean ifNone = false;
        int i = 2;
        while (i < d.size()) {
            String w = d.arg(i);
            switch (w) {
                case "except", "header" -> {
                    String v = d.arg(i + 1);
                    if (v == null || v.isEmpty()) {
                        diagnostics.error(d.location(), "option forwardfor", "'" + w + "' expects "
                                + (w.equals("except") ? "a network such as 127.0.0.0/8" : "a header name"));
                        return;
                    }
                    if (w.equals("except")) {
                        except = v;
                    } else {
                        header = v;
                    }
                    i += 2;
                }
                case "if-none" -> {
                    ifNone = true;
                    i++;
                }
                default -> {
                    diagnostics.error(d.location(), "option forwardfor", "unexpected argument '" + w
                            + "'; expects [except <network>] [header <name>] [if-none]");
                    return;
                }
            }
        }
        p.forwardFor = new ForwardFor(header, except, ifNone);
        p.forwardForLocation = d.location();
    }

    private void timeout(ProxyBuilder p, Directive d) {
        String which = d.arg(1);
        if (which == null || !TIMEOUTS.contains(which)) {
            throw new IllegalArgumentException("expects one of " + new TreeSet<>(TIMEOUTS)
                    + (which == null ? "" : ", not '" + which + "'" + Suggestions.didYouMean(which, TIMEOUTS)));
        }
        String kw = "timeout " + which;
        if (d.size() != 3) {
            throw new IllegalArgumentException("'" + kw + "' expects a time like 5s or 500ms"
                    + (d.size() > 3 ? ", not several arguments" : ""));
        }
        long ms = DurationParser.parse(d.arg(2), kw);
        setTimeout(p, which, ms);
    }

    private static void setTimeout(ProxyBuilder p, String which, long ms) {
        switch (which) {
            case "connect" -> p.connect = ms;
            case "client" -> p.client = ms;
            case "server" -> p.server = ms;
            case "http-request" -> p.httpRequest = ms;
            case "http-keep-alive" -> p.httpKeepAlive = ms;
            case "queue" -> p.queue = ms;
            case "tunnel" -> p.tunnel = ms;
            case "check" -> p.check = ms;
            case "tarpit" -> p.tarpit = ms;
            case "client-fin" -> p.clientFin = ms;
            case "server-fin" -> p.serverFin = ms;
            default -> throw new IllegalStateException("unhandled timeout " + which);
        }
    }

    private void legacyTimeout(ProxyBuilder p, Directive d, String modern) {
        String kw = d.keyword();
        if (d.size() != 2) {
            throw new IllegalArgumentException("expects a time like 5s or 500ms");
        }
        long ms = DurationParser.parse(d.arg(1), kw);
        setTimeout(p, modern, ms);
        diagnostics.warning(d.location(), kw, "'" + kw + "' is deprecated (HAProxy 2.1+ refuses it); Ballast reads it as "
                + "'timeout " + modern + " " + d.arg(1) + "'. Use 'timeout " + modern + "' instead.");
    }

    private void rule(ProxyBuilder p, Directive d) {
        if (p.kind == SectionKind.DEFAULTS && p.name.isEmpty()) {
            diagnostics.error(d.location(), null, "'" + d.keyword() + "' not allowed in anonymous 'defaults' section.");
            return;
        }
        p.rules.add(new RuleLine(d.words(), d.location()));
    }

    private void server(ProxyBuilder p, Directive d) {
        String name = d.arg(1);
        String address = d.arg(2);
        if (name == null || address == null) {
            throw new IllegalArgumentException("expects '<name> <address> [options]'");
        }
        String label = "server " + p.name + "/" + name;
        String bad = NameRules.invalidCharacter(name);
        if (bad != null) {
            throw new IllegalArgumentException("character '" + bad + "' is not permitted in server name '" + name + "'");
        }
        Endpoint ep;
        try {
            ep = endpoints.parseServer(address);
        } catch (IllegalArgumentException e) {
            diagnostics.error(d.location(), label, e.getMessage());
            ep = null;
        }
        ServerSettings s = p.serverDefaults.copy();
        int errors = diagnostics.errorCount();
        serverOptions.parseOptions(d, 3, s, label, name);
        String checkProblem = s.checkOptions.problem(name);
        if (checkProblem != null) {
            diagnostics.error(d.location(), label, checkProblem);
        }
        ServerTlsConfig tls = null;
        if (diagnostics.errorCount() == errors) {
            try {
                tls = s.tls.build(tlsDefaults, "server '" + p.name + "/" + name + "'",
                        message -> diagnostics.warning(d.location(), label, message));
            } catch (IllegalArgumentException e) {
                diagnostics.error(d.location(), label, e.getMessage());
            }
        }
        if (ep == null || diagnostics.errorCount() != errors) {
            return;
        }
        for (ServerConfig existing : p.servers) {
            if (existing.name().equals(name)) {
                diagnostics.error(d.location(), label, "duplicate server name '" + name + "' in " + p.kind.keyword
                        + " '" + p.name + "' (first defined at " + existing.location() + ")");
                return;
            }
            if (s.id > 0 && existing.id() == s.id) {
                diagnostics.error(d.location(), label, "'id' : custom id " + s.id + " already used at "
                        + existing.location() + " ('server " + existing.name() + "').");
                return;
            }
        }
        p.servers.add(s.toServer(name, ep, d.location(), tls));
    }
}
