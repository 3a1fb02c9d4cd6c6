package io.ballast.proxy;

import io.ballast.acl.AclCompiler;
import io.ballast.acl.AclException;
import io.ballast.acl.BackendReference;
import io.ballast.acl.Condition;
import io.ballast.acl.StringTemplate;
import io.ballast.core.config.BackendConfig;
import io.ballast.core.config.BallastConfig;
import io.ballast.core.config.ConfigException;
import io.ballast.core.config.Diagnostic;
import io.ballast.core.config.DurationParser;
import io.ballast.core.config.FrontendConfig;
import io.ballast.core.config.LogTarget;
import io.ballast.core.config.ProxyMode;
import io.ballast.core.config.RuleLine;
import io.ballast.core.config.StatsSettings;
import io.ballast.core.config.Suggestions;
import io.ballast.core.config.UserlistConfig;
import io.ballast.proxy.log.ExchangeLog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles the ACL and rule lines of every proxy ({@link RuleLine}s kept by the configuration model) into
 * {@link ProxyRules}, with the ACL language of {@code lb-acl}. Every error names the file, the line and the
 * offending word; all of them are reported at once.
 */
final class RuleCompiler {

    /**
     * The compiled rules of every proxy, by proxy name, and the configuration's TLS contexts (built here too, so that
     * every error a configuration can still have once loaded is reported at once, by {@code -c} and by reload).
     */
    record CompiledRules(Map<String, ProxyRules> frontends, Map<String, ProxyRules> backends,
                         io.ballast.proxy.tls.TlsContexts tls) {

        ProxyRules frontend(String name) {
            return frontends.getOrDefault(name, ProxyRules.NONE);
        }

        ProxyRules backend(String name) {
            return backends.getOrDefault(name, ProxyRules.NONE);
        }
    }

    /** HAProxy 2.6's {@code http-request} actions that Ballast does not have yet: an error, never ignored. */
    private static final Set<String> REQUEST_ACTIONS_NOT_YET = Set.of(
            "track-sc0", "track-sc1", "track-sc2", "sc-inc-gpc0", "sc-inc-gpc1", "sc-set-gpt0", "set-src",
            "set-src-port", "set-dst", "set-dst-port", "set-priority-class",
            "set-priority-offset", "wait-for-body", "wait-for-handshake", "cache-use", "early-hint", "add-acl",
            "del-acl", "set-map", "del-map", "do-resolve", "normalize-uri", "set-tos", "set-mark",
            "set-nice", "send-spoe-group", "strict-mode", "sc-add-gpc", "sc-inc-gpc",
            "sc-set-gpt", "set-bandwidth-limit", "lua");
    private static final Set<String> REQUEST_ACTIONS = Set.of("allow", "deny", "reject", "tarpit", "auth", "redirect",
            "return", "silent-drop",
            "set-header", "add-header", "del-header", "replace-header", "replace-value", "set-method", "set-uri",
            "set-path", "set-pathq", "set-query", "replace-path", "replace-pathq", "replace-uri", "set-var",
            "set-var-fmt", "unset-var", "use-service", "set-log-level", "disable-l7-retry", "set-timeout");
    /** The actions of {@code stats http-request} rules. */
    private static final Set<String> STATS_ACTIONS = Set.of("allow", "deny", "auth");
    private static final Set<String> RESPONSE_ACTIONS = Set.of("allow", "deny", "return", "silent-drop", "set-header",
            "add-header", "del-header", "replace-header", "replace-value", "set-status", "set-var", "set-var-fmt",
            "unset-var", "set-log-level");
    private static final Set<Integer> REDIRECT_CODES = Set.of(301, 302, 303, 307, 308);

    private final Map<String, BackendConfig> backends = new HashMap<>();
    private final List<UserlistConfig> userlists;
    private final List<Diagnostic> errors = new ArrayList<>();

    private RuleCompiler(BallastConfig config) {
        this.userlists = config.userlists();
        for (BackendConfig b : config.backends()) {
            backends.put(b.name(), b);
        }
    }

    /** Compiles every proxy's rules, or reports every error found. */
    static CompiledRules compile(BallastConfig config) throws ConfigException {
        RuleCompiler compiler = new RuleCompiler(config);
        Map<String, ProxyRules> frontends = new HashMap<>();
        Map<String, ProxyRules> backendRules = new HashMap<>();
        Map<String, StatsSettings> frontendStats = new HashMap<>();
        for (FrontendConfig f : config.frontends()) {
            BackendConfig own = compiler.ownBackend(f);
            frontendStats.put(f.name(), f.stats());
            long tarpit = own != null ? own.timeouts().effectiveTarpit() : f.timeouts().tarpit();
            frontends.put(f.name(), compiler.proxy(f.name(), f.mode(), f.rules(), own, tarpit, true, f.stats()));
            if (f.logFormat() != null) { // its %[...] expressions are compiled with the ACL language too
                try {
                    io.ballast.proxy.log.AccessLogger.check(f.logFormat());
                } catch (IllegalArgumentException e) {
                    compiler.errors.add(new Diagnostic(Diagnostic.Severity.ERROR, f.location(), "log-format",
                            e.getMessage()));
                }
            }
        }
        for (BackendConfig b : config.backends()) {
            // A listen section's halves share one statistics page, which its frontend half serves first.
            boolean shared = b.stats() != null && frontendStats.get(b.name()) == b.stats();
            backendRules.put(b.name(), compiler.proxy(b.name(), b.mode(), b.rules(), b,
                    b.timeouts().effectiveTarpit(), false, shared ? null : b.stats()));
        }
        io.ballast.proxy.tls.TlsContexts tls = io.ballast.proxy.tls.TlsContexts.NONE;
        try {
            tls = io.ballast.proxy.tls.TlsContexts.build(config);
        } catch (ConfigException e) {
            compiler.errors.addAll(e.errors());
        }
        if (!compiler.errors.isEmpty()) {
            throw new ConfigException(compiler.errors, List.of());
        }
        return new CompiledRules(frontends, backendRules, tls);
    }

    /** The backend half of a {@code listen} section (it names itself as its backend), else {@code null}. */
    private BackendConfig ownBackend(FrontendConfig f) {
        return f.name().equals(f.defaultBackend()) ? backends.get(f.name()) : null;
    }

    /**
     * One proxy's lines, in order.
     *
     * @param backend      the proxy's own backend half (a backend, or a listen section's), or {@code null}
     * @param tarpitMillis how long {@code http-request tarpit} holds a request in this proxy
     * @param frontendSide whether these are a frontend's (or a listen section's) lines, which own capture slots
     * @param stats        the proxy's statistics page settings, or {@code null}
     */
    private ProxyRules proxy(String proxyName, ProxyMode mode, List<RuleLine> lines, BackendConfig backend,
                             long tarpitMillis, boolean frontendSide, StatsSettings stats) {
        AclCompiler acls = AclCompiler.withUserlists(userlists);
        List<HttpRule> tcpConnection = new ArrayList<>();
        List<HttpRule> tcpContent = new ArrayList<>();
        List<HttpRule> httpRequest = new ArrayList<>();
        List<HttpRule> redirects = new ArrayList<>();
        List<HttpRule> httpResponse = new ArrayList<>();
        List<SwitchingRule> useBackend = new ArrayList<>();
        List<SwitchingRule> useServer = new ArrayList<>();
        List<ProxyRules.Capture> requestCaptures = new ArrayList<>();
        List<ProxyRules.Capture> responseCaptures = new ArrayList<>();
        CookieCapture cookieCapture = null;
        for (RuleLine line : lines) {
            Line l = new Line(line, acls);
            try {
                switch (line.keyword()) {
                    case "acl" -> acls.defineAcl(line.words(), line.location());
                    case "http-request" -> httpRequest.add(requireHttp(mode, l, l.action().equals("capture")
                            ? captureRule(l, requestCaptures, frontendSide)
                            : httpRequestRule(l, proxyName, tarpitMillis, backend != null)));
                    case "capture" -> cookieCapture = captureDeclaration(l, requestCaptures, responseCaptures,
                            cookieCapture);
                    case "http-response" -> httpResponse.add(requireHttp(mode, l, httpResponseRule(l)));
                    case "redirect" -> redirects.add(requireHttp(mode, l, redirect(l, 1, false)));
                    case "tcp-request" -> tcpRequest(l, tcpConnection, tcpContent);
                    case "use_backend" -> useBackend.add(useBackend(l, proxyName, mode));
                    case "use-server" -> useServer.add(useServer(l, backend));
                    default -> throw new IllegalStateException("not a rule keyword: " + line.keyword());
                }
            } catch (AclException e) {
                error(line, e.getMessage());
            } catch (RuleSyntaxException e) {
                error(line, e.getMessage());
            }
        }
        checkBackendReferences(acls, proxyName, backend);
        ProxyRules rules = new ProxyRules(tcpConnection, tcpContent, httpRequest, redirects, httpResponse, useBackend,
                useServer, requestCaptures, responseCaptures, cookieCapture);
        return stats == null ? rules : rules.withStatsPage(statsPage(proxyName, stats, acls, tarpitMillis));
    }

    /**
     * A proxy's statistics page, with its {@code stats admin} conditions and {@code stats http-request} rules
     * compiled with the proxy's ACLs.
     */
    private StatsPage statsPage(String proxyName, StatsSettings stats, AclCompiler acls, long tarpitMillis) {
        List<Condition> admin = new ArrayList<>();
        for (RuleLine line : stats.adminRules()) {
            try {
                admin.add(new Line(line, acls).condition());
            } catch (AclException e) {
                error(line, e.getMessage());
            }
        }
        List<HttpRule> access = new ArrayList<>();
        for (RuleLine line : stats.httpRequestRules()) {
            Line l = new Line(line, acls);
            try {
                if (!STATS_ACTIONS.contains(baseName(l.action()))) {
                    throw new RuleSyntaxException("'stats http-request' expects 'allow', 'deny' or 'auth', not '"
                            + l.action() + "'");
                }
                access.add(httpRequestRule(l, proxyName, tarpitMillis, false));
            } catch (AclException | RuleSyntaxException e) {
                error(line, e.getMessage());
            }
        }
        return new StatsPage(proxyName, stats, admin, access);
    }

    /**
     * {@code capture request|response header <name> len <length>}: a slot filled from that header. {@code capture
     * cookie <name> len <length>}: the frontend's one cookie capture; as in HAProxy, a later line replaces an earlier
     * one, and a length over {@link CookieCapture#MAX_LENGTH} is cut to it.
     *
     * @param cookie the frontend's cookie capture so far, or {@code null}
     * @return the frontend's cookie capture after this line
     */
    private static CookieCapture captureDeclaration(Line l, List<ProxyRules.Capture> request,
                                                    List<ProxyRules.Capture> response, CookieCapture cookie)
            throws RuleSyntaxException {
        String side = l.action();
        l.position(2);
        if (side.equals("cookie")) {
            String prefix = l.nextOr("a cookie name, as in 'cookie <name> len <length>'");
            int length = captureLength(l);
            l.requireNoMoreArgs();
            return new CookieCapture(prefix, length);
        }
        String what = l.nextOr("'header'");
        if (!(side.equals("request") || side.equals("response")) || !what.equals("header")) {
            throw new RuleSyntaxException("expects 'cookie <name> len <length>', 'request header <name> len "
                    + "<length>' or 'response header <name> len <length>'");
        }
        String name = l.nextOr("a header name");
        int length = captureLength(l);
        l.requireNoMoreArgs();
        (side.equals("request") ? request : response).add(new ProxyRules.Capture(name, length));
        return cookie;
    }

    /** {@code http-request capture <sample> len <length>}: a new request slot that the rule fills. */
    private HttpRule captureRule(Line l, List<ProxyRules.Capture> request, boolean frontendSide)
            throws AclException, RuleSyntaxException {
        if (!frontendSide) {
            throw new RuleSyntaxException("'http-request capture ... len <n>' is only allowed in a frontend or listen "
                    + "section: the capture slots belong to the frontend");
        }
        l.position(2);
        String expression = l.nextOr("a sample expression");
        if (l.hasArg() && l.peek().equals("id")) {
            throw new RuleSyntaxException("'http-request capture ... id <n>' is not supported yet; use 'len <n>'");
        }
        int length = captureLength(l);
        l.requireNoMoreArgs();
        int slot = request.size();
        ProxyRules.Capture capture = new ProxyRules.Capture(null, length);
        request.add(capture);
        io.ballast.acl.SampleExpression sample = l.acls.sample(expression, l.line.location());
        RuleAction action = ctx -> {
            if (ctx.requestCaptures != null) {
                ctx.requestCaptures[slot] = capture.cut(sample.evaluateString(ctx));
            }
            return RuleResult.CONTINUE;
        };
        return new HttpRule(action, l.condition(), l.line);
    }

    private static int captureLength(Line l) throws RuleSyntaxException {
        String w = l.nextOr("'len <length>'");
        if (!w.equals("len")) {
            throw new RuleSyntaxException("expects 'len <length>', not '" + w + "'");
        }
        int length = l.intArg("len");
        if (length < 1) {
            throw new RuleSyntaxException("'len' expects a positive length");
        }
        return length;
    }

    /** Backends and servers named in fetches ({@code nbsrv(be)}, {@code srv_is_up(be/s)}) must exist. */
    private void checkBackendReferences(AclCompiler acls, String proxyName, BackendConfig own) {
        for (BackendReference ref : acls.backendReferences()) {
            BackendConfig target = ref.backend() == null ? own : backends.get(ref.backend());
            String problem = null;
            if (target == null) {
                problem = ref.missingBackendMessage(proxyName);
            } else if (ref.server() != null && target.servers().stream().noneMatch(s -> s.name().equals(ref.server()))) {
                problem = ref.missingServerMessage(proxyName);
            }
            if (problem != null) {
                errors.add(new Diagnostic(Diagnostic.Severity.ERROR, ref.location(), null, problem));
            }
        }
    }

    private void error(RuleLine line, String message) {
        errors.add(new Diagnostic(Diagnostic.Severity.ERROR, line.location(), line.keyword(), message));
    }

    private static HttpRule requireHttp(ProxyMode mode, Line l, HttpRule rule) throws RuleSyntaxException {
        if (mode != ProxyMode.HTTP) {
            throw new RuleSyntaxException("'" + l.line.keyword() + "' rules need 'mode http'; this proxy is in "
                    + "'mode tcp', where HAProxy ignores them with a warning and Ballast refuses them");
        }
        return rule;
    }

    // ---- http-request / http-response

    /** @param backendCapable whether the proxy has a backend (a backend or listen section), as set-timeout needs */
    private HttpRule httpRequestRule(Line l, String proxyName, long tarpitMillis, boolean backendCapable)
            throws AclException, RuleSyntaxException {
        String action = l.action();
        String base = baseName(action);
        if (REQUEST_ACTIONS_NOT_YET.contains(base)) {
            throw new RuleSyntaxException("action '" + action + "' is not supported yet: ignoring it would "
                    + "handle requests differently than this configuration says");
        }
        if (!REQUEST_ACTIONS.contains(base)) {
            throw unknownAction(l, action, REQUEST_ACTIONS);
        }
        RuleAction a = switch (base) {
            case "allow" -> l.noArgs(ctx -> RuleResult.ALLOW);
            case "reject" -> l.noArgs(ctx -> RuleResult.REJECT);
            case "silent-drop" -> l.noArgs(ctx -> RuleResult.SILENT_DROP);
            case "deny" -> new DenyAction(denyStatus(l, 403));
            case "tarpit" -> new TarpitAction(denyStatus(l, 500), tarpitMillis);
            case "auth" -> auth(l, proxyName);
            case "redirect" -> redirect(l, 2, true).action();
            case "return" -> returnAction(l);
            case "set-header", "add-header", "del-header", "replace-header", "replace-value" ->
                    header(l, HeaderAction.REQUEST);
            case "set-method" -> new UriAction(UriAction.Op.SET_METHOD, l.template(l.single("a method")), null);
            case "set-uri" -> new UriAction(UriAction.Op.SET_URI, l.template(l.single("a URI format")), null);
            case "set-path" -> new UriAction(UriAction.Op.SET_PATH, l.template(l.single("a path format")), null);
            case "set-pathq" -> new UriAction(UriAction.Op.SET_PATHQ, l.template(l.single("a path format")), null);
            case "set-query" -> new UriAction(UriAction.Op.SET_QUERY, l.template(l.single("a query format")), null);
            case "replace-path" -> replaceUri(l, UriAction.Op.REPLACE_PATH);
            case "replace-pathq" -> replaceUri(l, UriAction.Op.REPLACE_PATHQ);
            case "replace-uri" -> replaceUri(l, UriAction.Op.REPLACE_URI);
            case "set-var", "set-var-fmt", "unset-var" -> variable(l);
            case "set-log-level" -> logLevel(l);
            case "set-timeout" -> setTimeout(l, proxyName, backendCapable);
            case "disable-l7-retry" -> l.noArgs(ctx -> {
                ctx.l7Retries = false;
                return RuleResult.CONTINUE;
            });
            case "use-service" -> useService(l);
            default -> throw new IllegalStateException(base);
        };
        return new HttpRule(a, l.condition(), l.line);
    }

    /** {@code use-service <name>}: the service answers the request; HAProxy's only one is the Prometheus exporter. */
    private static RuleAction useService(Line l) throws RuleSyntaxException {
        String name = l.single("a service name ('" + PrometheusExporterAction.NAME + "')");
        if (!name.equals(PrometheusExporterAction.NAME)) {
            throw new RuleSyntaxException("unknown service '" + name + "'; the only service is '"
                    + PrometheusExporterAction.NAME + "'");
        }
        return new PrometheusExporterAction();
    }

    private HttpRule httpResponseRule(Line l) throws AclException, RuleSyntaxException {
        String action = l.action();
        String base = baseName(action);
        if (!RESPONSE_ACTIONS.contains(base)) {
            if (REQUEST_ACTIONS_NOT_YET.contains(base) || base.equals("redirect") || base.equals("cache-store")) {
                throw new RuleSyntaxException("action '" + action + "' is not supported yet in 'http-response': "
                        + "ignoring it would handle responses differently than this configuration says");
            }
            throw unknownAction(l, action, RESPONSE_ACTIONS);
        }
        RuleAction a = switch (base) {
            case "allow" -> l.noArgs(ctx -> RuleResult.ALLOW);
            case "deny" -> new DenyAction(denyStatus(l, 502));
            case "silent-drop" -> l.noArgs(ctx -> RuleResult.SILENT_DROP);
            case "return" -> returnAction(l);
            case "set-header", "add-header", "del-header", "replace-header", "replace-value" ->
                    header(l, HeaderAction.RESPONSE);
            case "set-status" -> setStatus(l);
            case "set-var", "set-var-fmt", "unset-var" -> variable(l);
            case "set-log-level" -> logLevel(l);
            default -> throw new IllegalStateException(base);
        };
        return new HttpRule(a, l.condition(), l.line);
    }

    private static String baseName(String action) {
        int paren = action.indexOf('(');
        return paren < 0 ? action : action.substring(0, paren);
    }

    private static RuleSyntaxException unknownAction(Line l, String action, Set<String> known) {
        return new RuleSyntaxException("'" + l.line.keyword() + "' expects one of " + new TreeSet<>(known)
                + " but got '" + action + "'" + Suggestions.didYouMean(action, known));
    }

    /** The status of {@code deny} or {@code tarpit}: {@code [deny_status <code>]}, else {@code defaultStatus}. */
    private static int denyStatus(Line l, int defaultStatus) throws RuleSyntaxException {
        int status = defaultStatus;
        while (l.hasArg()) {
            String w = l.next();
            if (w.equals("deny_status") || w.equals("status")) {
                status = l.intArg(w);
                if (!ErrorPages.has(status)) {
                    throw new RuleSyntaxException("status code " + status + " not handled by '" + w
                            + "'; expects one of " + new TreeSet<>(List.of(200, 400, 401, 403, 404, 405, 407, 408,
                            410, 413, 425, 429, 500, 501, 502, 503, 504)));
                }
            } else {
                throw new RuleSyntaxException("'" + baseName(l.action()) + "' expects 'deny_status <code>', not '"
                        + w + "'");
            }
        }
        return status;
    }

    /** {@code auth [realm <realm>]}; the realm defaults to the proxy's name, as in HAProxy. */
    private static RuleAction auth(Line l, String proxyName) throws RuleSyntaxException {
        String realm = proxyName;
        if (l.hasArg() && l.next().equals("realm")) {
            realm = l.nextOr("a realm (missing realm value)");
        } else {
            l.position(2);
        }
        l.requireNoMoreArgs();
        return new AuthAction(realm);
    }

    private HttpRule redirect(Line l, int from, boolean logFormat) throws AclException, RuleSyntaxException {
        l.position(from);
        String type = l.nextOr("'location', 'prefix' or 'scheme'");
        RedirectAction.Type t = switch (type) {
            case "location" -> RedirectAction.Type.LOCATION;
            case "prefix" -> RedirectAction.Type.PREFIX;
            case "scheme" -> RedirectAction.Type.SCHEME;
            default -> throw new RuleSyntaxException("expects 'location', 'prefix' or 'scheme', not '" + type + "'");
        };
        String value = l.nextOr("a " + type);
        StringTemplate target = logFormat ? l.template(value) : new LiteralTemplate(value);
        int code = 302;
        boolean dropQuery = false;
        boolean appendSlash = false;
        String cookie = null;
        while (l.hasArg()) {
            String w = l.next();
            switch (w) {
                case "code" -> {
                    code = l.intArg(w);
                    if (!REDIRECT_CODES.contains(code)) {
                        throw new RuleSyntaxException("'code' expects one of " + new TreeSet<>(REDIRECT_CODES)
                                + ", not '" + code + "'");
                    }
                }
                case "drop-query" -> dropQuery = true;
                case "append-slash" -> appendSlash = true;
                case "set-cookie" -> cookie = l.nextOr("a cookie 'NAME[=value]'") + "; path=/;";
                case "clear-cookie" -> cookie = l.nextOr("a cookie name") + "; path=/; Max-Age=0;";
                case "ignore-empty" -> throw new RuleSyntaxException("'ignore-empty' is not supported yet");
                default -> throw new RuleSyntaxException("expects 'code', 'drop-query', 'append-slash', "
                        + "'set-cookie' or 'clear-cookie', not '" + w + "'");
            }
        }
        return new HttpRule(new RedirectAction(t, target, code, dropQuery, appendSlash, cookie), l.condition(), l.line);
    }

    private RuleAction returnAction(Line l) throws AclException, RuleSyntaxException {
        int status = 200;
        String contentType = null;
        byte[] staticBody = null;
        StringTemplate dynamicBody = null;
        List<ReturnAction.Header> headers = new ArrayList<>();
        while (l.hasArg()) {
            String w = l.next();
            switch (w) {
                case "status" -> status = l.intArg(w);
                case "content-type" -> contentType = l.nextOr("a content type");
                case "string" -> staticBody = l.nextOr("a string").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                case "lf-string" -> dynamicBody = l.template(l.nextOr("a log-format string"));
                case "file" -> staticBody = readFile(l.nextOr("a file name"));
                case "lf-file" -> dynamicBody = l.template(new String(readFile(l.nextOr("a file name")),
                        java.nio.charset.StandardCharsets.ISO_8859_1));
                case "hdr" -> headers.add(new ReturnAction.Header(l.nextOr("a header name"),
                        l.template(l.nextOr("a header value"))));
                case "default-errorfiles", "errorfile", "errorfiles" ->
                        throw new RuleSyntaxException("'return " + w + "' is not supported yet");
                default -> throw new RuleSyntaxException("'return' expects 'status', 'content-type', 'string', "
                        + "'lf-string', 'file', 'lf-file' or 'hdr', not '" + w + "'");
            }
        }
        if (status < 200 || status > 599 || status == 204 || status == 304) {
            throw new RuleSyntaxException("'return' cannot answer with status " + status);
        }
        if ((staticBody != null || dynamicBody != null) && contentType == null) {
            throw new RuleSyntaxException("'return' with a body needs a 'content-type'");
        }
        return new ReturnAction(status, contentType, staticBody, dynamicBody, headers);
    }

    private static byte[] readFile(String file) throws RuleSyntaxException {
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (IOException | RuntimeException e) {
            throw new RuleSyntaxException("cannot read file '" + file + "': " + e.getMessage());
        }
    }

    private RuleAction header(Line l, java.util.function.Function<RuleContext, EditedHeaders> target)
            throws AclException, RuleSyntaxException {
        String action = l.action();
        String name = l.nextOr("a header name");
        if (!EditedHeaders.isEditable(name)) {
            throw new RuleSyntaxException("'" + action + "' cannot change '" + name + "': Ballast manages the "
                    + "framing and connection headers itself");
        }
        HeaderAction a = switch (action) {
            case "set-header" -> new HeaderAction(target, HeaderAction.Op.SET, name, l.template(l.nextOr("a value")), null);
            case "add-header" -> new HeaderAction(target, HeaderAction.Op.ADD, name, l.template(l.nextOr("a value")), null);
            case "del-header" -> new HeaderAction(target, HeaderAction.Op.DEL, name, null, null);
            case "replace-header", "replace-value" -> {
                Pattern regex = regex(l.nextOr("a regex"));
                HeaderAction.Op op = action.equals("replace-header") ? HeaderAction.Op.REPLACE_HEADER
                        : HeaderAction.Op.REPLACE_VALUE;
                yield new HeaderAction(target, op, name, l.template(l.nextOr("a replacement format")), regex);
            }
            default -> throw new IllegalStateException(action);
        };
        l.requireNoMoreArgs();
        return a;
    }

    private RuleAction replaceUri(Line l, UriAction.Op op) throws AclException, RuleSyntaxException {
        Pattern regex = regex(l.nextOr("a regex"));
        RuleAction a = new UriAction(op, l.template(l.nextOr("a replacement format")), regex);
        l.requireNoMoreArgs();
        return a;
    }

    static Pattern regex(String text) throws RuleSyntaxException {
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw new RuleSyntaxException("bad regex '" + text + "': " + e.getDescription());
        }
    }

    private RuleAction setStatus(Line l) throws RuleSyntaxException {
        int status = l.intArg("set-status");
        if (status < 100 || status > 999) {
            throw new RuleSyntaxException("'set-status' expects a status code between 100 and 999");
        }
        String reason = null;
        if (l.hasArg()) {
            String w = l.next();
            if (!w.equals("reason")) {
                throw new RuleSyntaxException("'set-status' expects 'reason <text>', not '" + w + "'");
            }
            reason = l.nextOr("a reason");
        }
        String r = reason;
        return ctx -> {
            ctx.response.setStatus(status, r);
            return RuleResult.CONTINUE;
        };
    }

    private RuleAction variable(Line l) throws AclException, RuleSyntaxException {
        String action = l.action();
        int open = action.indexOf('(');
        if (open < 0 || !action.endsWith(")")) {
            throw new RuleSyntaxException("'" + baseName(action) + "' expects a variable as in '"
                    + baseName(action) + "(txn.name)'");
        }
        String name = action.substring(open + 1, action.length() - 1);
        if (name.indexOf(',') >= 0) {
            throw new RuleSyntaxException("'" + action + "': set-var conditions are not supported yet");
        }
        if (!name.matches("(proc|sess|txn|req|res)\\.[A-Za-z0-9_.]+")) {
            throw new RuleSyntaxException("invalid variable name '" + name
                    + "'; expects <scope>.<name> with scope proc, sess, txn, req or res");
        }
        if (action.startsWith("unset-var")) {
            l.requireNoMoreArgs();
            return new VariableAction(name, null);
        }
        if (action.startsWith("set-var-fmt")) {
            return new VariableFormatAction(name, l.template(l.single("a log-format string")));
        }
        StringBuilder expr = new StringBuilder(l.nextOr("a sample expression"));
        while (l.hasArg()) {
            expr.append(' ').append(l.next());
        }
        return new VariableAction(name, l.acls.sample(expr.toString(), l.line.location()));
    }

    /** {@code set-log-level <level>|silent}: the severity of the exchange's log line, or none; the last one wins. */
    private static RuleAction logLevel(Line l) throws RuleSyntaxException {
        String name = l.single("a log level or 'silent'");
        int level = name.equals("silent") ? ExchangeLog.SILENT : LogTarget.LEVELS.indexOf(name);
        if (level == -1) {
            throw new RuleSyntaxException("'set-log-level' expects one of " + LogTarget.LEVELS
                    + " or 'silent', not '" + name + "'");
        }
        return ctx -> {
            ctx.logLevel = level;
            return RuleResult.CONTINUE;
        };
    }

    /**
     * {@code set-timeout server|tunnel <time>|<expr>}, only in a proxy with a backend. As HAProxy, a word starting
     * with a digit is a time, anything else a sample expression.
     */
    private static RuleAction setTimeout(Line l, String proxyName, boolean backendCapable)
            throws AclException, RuleSyntaxException {
        String which = l.nextOr("'server' or 'tunnel', then a timeout");
        if (!backendCapable) {
            throw new RuleSyntaxException("'set-timeout': proxy '" + proxyName + "' has no backend capability (use "
                    + "it in a backend or listen section)");
        }
        if (!which.equals("server") && !which.equals("tunnel")) {
            throw new RuleSyntaxException("'set-timeout' supports 'server' and 'tunnel', not '" + which + "'");
        }
        boolean server = which.equals("server");
        String value = l.single("a timeout such as 5s, or a sample expression");
        if (!Character.isDigit(value.charAt(0))) {
            return TimeoutAction.computed(server, l.acls.sample(value, l.line.location()));
        }
        try {
            return TimeoutAction.fixed(server, DurationParser.parse(value, "set-timeout " + which));
        } catch (IllegalArgumentException e) {
            throw new RuleSyntaxException(e.getMessage());
        }
    }

    // ---- tcp-request

    private void tcpRequest(Line l, List<HttpRule> connection, List<HttpRule> content)
            throws AclException, RuleSyntaxException {
        String stage = l.action();
        if (stage.equals("inspect-delay")) {
            // Requests are inspected once complete in HTTP mode; in TCP mode content rules run on connection.
            l.nextOr("a delay");
            l.requireNoMoreArgs();
            return;
        }
        List<HttpRule> target = switch (stage) {
            case "connection" -> connection;
            case "content" -> content;
            case "session" -> throw new RuleSyntaxException("'tcp-request session' is not supported yet");
            default -> throw new RuleSyntaxException("expects 'inspect-delay', 'connection', 'session' or "
                    + "'content', not '" + stage + "'" + Suggestions.didYouMean(stage,
                    Set.of("inspect-delay", "connection", "session", "content")));
        };
        String action = l.nextOr("'accept', 'reject' or 'silent-drop'");
        RuleAction a = switch (action) {
            case "accept" -> ctx -> RuleResult.ALLOW;
            case "reject" -> ctx -> RuleResult.REJECT;
            case "silent-drop" -> ctx -> RuleResult.SILENT_DROP;
            default -> throw new RuleSyntaxException("action '" + action + "' is not supported yet in 'tcp-request "
                    + stage + "'; Ballast has 'accept', 'reject' and 'silent-drop'");
        };
        l.requireNoMoreArgs();
        target.add(new HttpRule(a, l.condition(), l.line));
    }

    // ---- switching

    private SwitchingRule useBackend(Line l, String frontend, ProxyMode mode)
            throws AclException, RuleSyntaxException {
        l.position(1);
        String name = l.nextOr("a backend name");
        l.requireNoMoreArgs();
        Condition cond = l.condition();
        if (name.contains("%[")) {
            return new SwitchingRule(null, l.template(name), cond, l.line);
        }
        BackendConfig b = backends.get(name);
        if (b == null) {
            throw new RuleSyntaxException("Proxy '" + frontend + "': unable to find required use_backend: '" + name
                    + "'" + Suggestions.didYouMean(name, backends.keySet()));
        }
        if (mode == ProxyMode.HTTP && b.mode() == ProxyMode.TCP) {
            throw new RuleSyntaxException("http frontend '" + frontend + "' tries to use incompatible tcp backend '"
                    + name + "' (see 'mode')");
        }
        return new SwitchingRule(name, null, cond, l.line);
    }

    private SwitchingRule useServer(Line l, BackendConfig backend) throws AclException, RuleSyntaxException {
        l.position(1);
        String name = l.nextOr("a server name");
        l.requireNoMoreArgs();
        Condition cond = l.condition();
        if (name.contains("%[")) {
            return new SwitchingRule(null, l.template(name), cond, l.line);
        }
        if (backend.servers().stream().noneMatch(s -> s.name().equals(name))) {
            throw new RuleSyntaxException("unable to find server '" + name + "' referenced in a 'use-server' rule "
                    + "of backend '" + backend.name() + "'");
        }
        return new SwitchingRule(name, null, cond, l.line);
    }

    /** A rule line being read: its words up to the condition, a cursor, and the proxy's ACLs. */
    static final class Line {
        final RuleLine line;
        final AclCompiler acls;
        /** Index of {@code if}/{@code unless}, or the size when there is no condition. */
        private final int end;
        private int next = 2;

        Line(RuleLine line, AclCompiler acls) {
            this.line = line;
            this.acls = acls;
            List<String> w = line.words();
            int e = w.size();
            for (int i = 1; i < w.size(); i++) {
                if (w.get(i).equals("if") || w.get(i).equals("unless")) {
                    e = i;
                    break;
                }
            }
            this.end = e;
        }

        /** The word after the keyword: the action, or the stage of {@code tcp-request}. */
        String action() throws RuleSyntaxException {
            if (end < 2) {
                throw new RuleSyntaxException("expects an action");
            }
            return line.words().get(1);
        }

        void position(int index) {
            next = index;
        }

        boolean hasArg() {
            return next < end;
        }

        /** The next word, without moving past it. */
        String peek() {
            return line.words().get(next);
        }

        String next() {
            return line.words().get(next++);
        }

        String nextOr(String what) throws RuleSyntaxException {
            if (!hasArg()) {
                throw new RuleSyntaxException("'" + String.join(" ", line.words().subList(0, Math.min(2, end)))
                        + "' expects " + what);
            }
            return next();
        }

        String single(String what) throws RuleSyntaxException {
            String v = nextOr(what);
            requireNoMoreArgs();
            return v;
        }

        int intArg(String keyword) throws RuleSyntaxException {
            String v = nextOr("a number after '" + keyword + "'");
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new RuleSyntaxException("'" + keyword + "' expects a number, not '" + v + "'");
            }
        }

        void requireNoMoreArgs() throws RuleSyntaxException {
            if (hasArg()) {
                throw new RuleSyntaxException("unexpected argument '" + line.words().get(next)
                        + "' (a condition starts with 'if' or 'unless')");
            }
        }

        RuleAction noArgs(RuleAction action) throws RuleSyntaxException {
            requireNoMoreArgs();
            return action;
        }

        StringTemplate template(String format) throws AclException {
            return acls.template(format, line.location());
        }

        Condition condition() throws AclException {
            List<String> w = line.words();
            return end == w.size() ? null : acls.condition(w.subList(end, w.size()), line.location());
        }
    }

    /** A rule that cannot be compiled, outside the ACL language. */
    static final class RuleSyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        RuleSyntaxException(String message) {
            super(message);
        }
    }
}
