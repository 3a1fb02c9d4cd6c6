package io.ballast.proxy;

import io.ballast.acl.Condition;
import io.ballast.acl.SampleContext;
import io.ballast.core.config.RuleLine;
import io.ballast.core.request.RequestView;
import io.ballast.core.request.ResponseView;
import io.ballast.core.server.Backend;
import io.ballast.core.server.Server;
import io.ballast.proxy.log.ExchangeLog;
import io.ballast.proxy.stats.StatsSource;

import java.net.SocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What rules read and change during one exchange: the request (and later the response) with its edits, the
 * connection's addresses, the backend chosen so far and the transaction's variables. One per exchange, used only
 * on the client's event loop.
 *
 * <p>With a {@link RuleTrace}, the rule lists report each rule reached, its condition's terms and what it did; the
 * rules run exactly as without one.
 */
final class RuleContext implements SampleContext {

    private final BackendLookup backends;
    private final FrontendRuntime frontend;
    /** Where the rules report what they do, or {@code null} (the engine's case). */
    private final RuleTrace trace;
    final HttpRequestView request;
    HttpResponseView response;
    /**
     * The backend chosen by {@code use_backend} or the default one, once the frontend rules ran; before, a
     * {@code listen} section's own backend half.
     */
    BackendRuntime backend;
    /** The pages {@code deny} answers with: the frontend's, then the route's once the backend is chosen. */
    ErrorPages errorPages;
    private Map<String, Object> variables;
    /** This request's capture slots ({@code %hr}), filled by {@code capture} declarations and rules; or null. */
    String[] requestCaptures;
    /** The severity of the exchange's log line set by {@code set-log-level} (see {@link ExchangeLog#logLevel}). */
    int logLevel = ExchangeLog.USUAL_LEVEL;
    /** Whether a failed request may be sent again beyond connection failures; {@code disable-l7-retry} clears it. */
    boolean l7Retries = true;
    /** The server timeout {@code set-timeout server} gave this exchange, in ms; -1 to keep the backend's. */
    long serverTimeout = -1;
    /** The tunnel timeout {@code set-timeout tunnel} gave this exchange, in ms; -1 to keep the backend's. */
    long tunnelTimeout = -1;

    RuleContext(BackendLookup backends, FrontendRuntime frontend, HttpRequestView request) {
        this(backends, frontend, request, null);
    }

    /** @param trace where the rules report what they do, or {@code null} */
    RuleContext(BackendLookup backends, FrontendRuntime frontend, HttpRequestView request, RuleTrace trace) {
        this.backends = backends;
        this.frontend = frontend;
        this.request = request;
        this.trace = trace;
        this.errorPages = frontend.errorPages;
        this.backend = frontend.ownBackend;
    }

    /** Whether the rule written at {@code source} applies: its {@code condition} holds, or it has none. */
    boolean holds(Condition condition, RuleLine source) {
        if (trace != null) {
            return trace.condition(this, source, condition);
        }
        return condition == null || condition.test(this);
    }

    /** Reports what the rule that {@linkplain #holds held} last did. */
    void traceResult(RuleResult result) {
        if (trace != null) {
            trace.result(this, result);
        }
    }

    /** Reports the backend that the {@code use_backend} rule that held last names: {@code found}, or none. */
    void traceBackend(String name, BackendRuntime found) {
        if (trace != null) {
            trace.backend(name, found);
        }
    }

    /** Reports the server that the {@code use-server} rule that held last names: {@code found}, or none. */
    void traceServer(String name, Server found) {
        if (trace != null) {
            trace.server(name, found);
        }
    }

    /** Routes the exchange to {@code route}: its backend becomes the current one and its error pages apply. */
    void enter(Route route, boolean byRule) {
        backend = route.backend;
        errorPages = route.errorPages;
        if (trace != null) {
            trace.enteredBackend(route.backend, byRule);
        }
    }

    @Override
    public RequestView request() {
        return request.method() == null ? null : request;
    }

    @Override
    public ResponseView response() {
        return response;
    }

    @Override
    public SocketAddress clientAddress() {
        return request.clientAddress();
    }

    @Override
    public SocketAddress localAddress() {
        return request.localAddress();
    }

    /** The connection's, in TCP mode too (where {@link #request()} is {@code null}). */
    @Override
    public io.ballast.core.request.TlsInfo tls() {
        return request.tls();
    }

    @Override
    public Backend backend(String name) {
        BackendRuntime b = backends.backend(name);
        return b == null ? null : b.backend();
    }

    /** The live statistics for the stats page and the Prometheus exporter, or {@code null} where nothing runs. */
    StatsSource statistics() {
        return backends.statistics();
    }

    /** How the stats page's admin form changes servers. */
    ServerAdmin serverAdmin() {
        return backends.serverAdmin();
    }

    @Override
    public Backend currentBackend() {
        return backend == null ? null : backend.backend();
    }

    @Override
    public int frontendConnections() {
        return frontend.connections.current();
    }

    @Override
    public Object variable(String scopedName) {
        return variables == null ? null : variables.get(scopedName);
    }

    /** The variables set so far, by scoped name in name order. */
    Map<String, Object> variables() {
        return variables == null ? Map.of() : new TreeMap<>(variables);
    }

    /** {@code set-var}: a {@code null} value unsets it. */
    void setVariable(String scopedName, Object value) {
        if (value == null) {
            if (variables != null) {
                variables.remove(scopedName);
            }
            return;
        }
        if (variables == null) {
            variables = new HashMap<>();
        }
        variables.put(scopedName, value);
    }
}
