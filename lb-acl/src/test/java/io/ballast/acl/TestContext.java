package io.ballast.acl;

import io.ballast.core.config.BackendConfig;
import io.ballast.core.config.ConfigException;
import io.ballast.core.config.ConfigLoader;
import io.ballast.core.balance.BalanceAlgorithms;
import io.ballast.core.request.RequestView;
import io.ballast.core.request.ResponseView;
import io.ballast.core.request.SimpleRequestView;
import io.ballast.core.server.Backend;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.Map;

/** A {@link SampleContext} for tests. */
final class TestContext implements SampleContext {

    RequestView request;
    ResponseView response;
    SocketAddress client;
    SocketAddress local;
    final Map<String, Backend> backends = new HashMap<>();
    Backend current;
    int feConn;
    final Map<String, Object> vars = new HashMap<>();
    boolean tls;
    /** The TLS facts {@link #tls()} returns; {@code null} for a plain connection. */
    io.ballast.core.request.TlsInfo tlsInfo;

    static TestContext of(RequestView r) {
        TestContext c = new TestContext();
        c.request = r;
        c.client = r.clientAddress();
        c.local = r.localAddress();
        return c;
    }

    /** A GET of {@code uri} with these header name/value pairs. */
    private static SimpleRequestView.Builder request(String uri, String... headers) {
        SimpleRequestView.Builder b = SimpleRequestView.builder("GET", uri);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    static TestContext get(String uri, String... headers) {
        SimpleRequestView.Builder b = request(uri, headers);
        b.clientAddress(new InetSocketAddress("192.0.2.10", 40000));
        b.localAddress(new InetSocketAddress("198.51.100.1", 80));
        return of(b.build());
    }

    static TestContext tcp(String clientIp, int port) {
        TestContext c = new TestContext();
        c.client = new InetSocketAddress(clientIp, port);
        c.local = new InetSocketAddress("198.51.100.1", 443);
        return c;
    }

    /** Sets a response with this status and header name/value pairs (kept in a request view's header list). */
    TestContext response(int status, String... headers) {
        RequestView lines = request("/", headers).build();
        this.response = new ResponseView() {
            @Override
            public int status() {
                return status;
            }

            @Override
            public int headerCount() {
                return lines.headerCount();
            }

            @Override
            public String headerName(int index) {
                return lines.headerName(index);
            }

            @Override
            public String headerValue(int index) {
                return lines.headerValue(index);
            }
        };
        return this;
    }

    TestContext var(String name, Object value) {
        vars.put(name, value);
        return this;
    }

    /**
     * A backend with servers s0..s(n-1) then backups, built through lb-core's configuration parser (stable across
     * lb-core's record changes).
     */
    static Backend backend(String name, int servers, int backups, int maxconn) {
        StringBuilder cfg = new StringBuilder("defaults\n  mode http\n  timeout connect 5s\n  timeout client 5s\n"
                + "  timeout server 5s\nbackend " + name + "\n");
        for (int i = 0; i < servers + backups; i++) {
            cfg.append("  server s").append(i).append(" 10.0.0.").append(i + 1).append(":80")
                    .append(i >= servers ? " backup" : "").append(maxconn > 0 ? " maxconn " + maxconn : "").append('\n');
        }
        try {
            BackendConfig config = ConfigLoader.create().parse("test.cfg", cfg.toString()).config().backend(name)
                    .orElseThrow();
            return new Backend(config, BalanceAlgorithms.create(config.balance()));
        } catch (ConfigException e) {
            throw new AssertionError(e);
        }
    }

    TestContext with(Backend b) {
        backends.put(b.name(), b);
        return this;
    }

    @Override
    public RequestView request() {
        return request;
    }

    @Override
    public ResponseView response() {
        return response;
    }

    @Override
    public SocketAddress clientAddress() {
        return client;
    }

    @Override
    public SocketAddress localAddress() {
        return local;
    }

    @Override
    public Backend backend(String name) {
        return backends.get(name);
    }

    @Override
    public Backend currentBackend() {
        return current;
    }

    @Override
    public int frontendConnections() {
        return feConn;
    }

    @Override
    public Object variable(String scopedName) {
        return vars.get(scopedName);
    }

    @Override
    public boolean frontendTls() {
        return tls || tlsInfo != null;
    }

    @Override
    public io.ballast.core.request.TlsInfo tls() {
        return tlsInfo;
    }
}
