package io.ballast.proxy;

import io.ballast.acl.SampleContext;
import io.ballast.core.request.RequestView;
import io.ballast.core.request.ResponseView;
import io.ballast.core.server.Backend;

import java.net.SocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * What rules read and change during one exchange: the request (and later the response) with its edits, the
 * connection's addresses, the backend chosen so far and the transaction's variables. One per exchange, used only
 * on the client's event loop.
 */
final class RuleContext implements SampleContext {

    private final Engine engine;
    private final FrontendRuntime frontend;
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

    RuleContext(Engine engine, FrontendRuntime frontend, HttpRequestView request) {
        this.engine = engine;
        this.frontend = frontend;
        this.request = request;
        this.errorPages = frontend.errorPages;
        this.backend = frontend.ownBackend;
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

    @Override
    public Backend backend(String name) {
        BackendRuntime b = engine.backend(name);
        return b == null ? null : b.backend();
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
