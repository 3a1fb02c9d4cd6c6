package io.ballast.acl;

import io.ballast.core.request.RequestView;
import io.ballast.core.request.ResponseView;
import io.ballast.core.server.Backend;

import java.net.SocketAddress;

/**
 * What a compiled condition or sample expression may read while it runs. The proxy engine implements it once per
 * request (or per connection for TCP rules). Methods are called lazily, only when a fetch needs them, and may be
 * called several times per evaluation: keep them cheap (return fields, do not compute).
 */
public interface SampleContext {

    /** The HTTP request, or {@code null} for {@code tcp-request connection} rules and in TCP mode. */
    RequestView request();

    /** The HTTP response, or {@code null} outside response rules. */
    ResponseView response();

    /** The client's address ({@code src}, {@code src_port}); normally an {@link java.net.InetSocketAddress}. */
    SocketAddress clientAddress();

    /** The address the client connected to ({@code dst}, {@code dst_port}), or {@code null} when unknown. */
    SocketAddress localAddress();

    /** The backend called {@code name} (for {@code nbsrv(be)}, {@code be_conn(be)}...), or {@code null} when unknown. */
    Backend backend(String name);

    /** The backend the request has been routed to, or {@code null} while still in the frontend. */
    Backend currentBackend();

    /** The frontend's current connection count ({@code fe_conn}). */
    int frontendConnections();

    /**
     * The value of a variable set by {@code set-var}, by its scoped name such as {@code txn.foo}, or {@code null}.
     * Supported value types: {@link String}, {@link Number} (as an integer), {@link Boolean},
     * {@link java.net.InetAddress}; anything else is read through {@code toString()}.
     */
    Object variable(String scopedName);

    /**
     * The client connection's TLS facts ({@code ssl_fc_*}, {@code ssl_c_*}), or {@code null} when it is not
     * TLS-terminated here. Defaults to the request's ({@link RequestView#tls()}).
     */
    default io.ballast.core.request.TlsInfo tls() {
        RequestView r = request();
        return r == null ? null : r.tls();
    }

    /** Whether the client connection is TLS-terminated here ({@code ssl_fc}): whether {@link #tls()} is set. */
    default boolean frontendTls() {
        return tls() != null;
    }

    /**
     * A context of {@code request} alone, for evaluating expressions outside a proxied exchange (a balancing
     * algorithm's key, a benchmark): request fetches and {@code src}/{@code dst} work; response, variable, counter
     * and backend-state fetches find nothing.
     */
    static SampleContext of(RequestView request) {
        return new RequestSampleContext(request);
    }
}
