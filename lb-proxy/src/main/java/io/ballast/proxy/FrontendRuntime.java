package io.ballast.proxy;

import io.ballast.core.config.ForwardFor;
import io.ballast.core.config.FrontendConfig;
import io.ballast.core.config.HttpConnectionMode;
import io.ballast.core.config.ProxyMode;
import io.ballast.core.config.Timeouts;
import io.netty.util.AsciiString;

/**
 * A frontend as the engine uses it: its settings combined with its default backend's, computed once
 * so that a request reads plain fields.
 */
final class FrontendRuntime {

    final FrontendConfig config;
    /** {@code null} when the frontend has no default backend: every request gets 503. */
    final BackendRuntime backend;
    final ErrorPages errorPages;
    final ProxyMode mode;
    final HttpConnectionMode connectionMode;
    final long connectTimeout;
    final long serverTimeout;
    final long clientTimeout;
    final long httpRequestTimeout;
    final long keepAliveTimeout;
    final long tunnelTimeout;
    /** Inactivity allowed while a request is forwarded: the shorter of server and client timeouts, if any. */
    final long forwardingTimeout;
    final int retries;
    final int maxHeadSize;
    /** The forwarded-for header name, or {@code null} when {@code option forwardfor} is off. */
    final AsciiString forwardForHeader;
    final ForwardFor forwardFor;
    final ClientNetwork forwardForExcept;
    /** Its {@code maxconn}, under the global one. */
    final ConnectionLimit connections;

    FrontendRuntime(FrontendConfig config, BackendRuntime backend, int maxHeadSize, ConnectionLimit connections) {
        this.config = config;
        this.connections = connections;
        this.backend = backend;
        this.maxHeadSize = maxHeadSize;
        this.mode = config.mode();
        Timeouts front = config.timeouts();
        Timeouts back = backend != null ? backend.config().timeouts() : Timeouts.NONE;
        this.clientTimeout = front.client();
        this.httpRequestTimeout = front.effectiveHttpRequest();
        this.keepAliveTimeout = front.effectiveHttpKeepAlive();
        this.connectTimeout = back.connect();
        this.serverTimeout = back.server();
        this.tunnelTimeout = back.tunnel() != 0 ? back.tunnel() : Math.max(front.client(), back.server());
        this.forwardingTimeout = Math.min(orNoLimit(serverTimeout), orNoLimit(clientTimeout));
        this.retries = backend != null ? backend.config().retries() : 0;
        this.connectionMode = backend != null
                ? config.connectionMode().strongest(backend.config().connectionMode()) : config.connectionMode();
        this.forwardFor = config.forwardFor() != null ? config.forwardFor()
                : backend != null ? backend.config().forwardFor() : null;
        this.forwardForHeader = forwardFor != null ? AsciiString.cached(forwardFor.header()) : null;
        this.forwardForExcept = forwardFor != null && forwardFor.except() != null
                ? ClientNetwork.parse(forwardFor.except()) : null;
        this.errorPages = backend != null ? backend.errorPagesFor(config)
                : new ErrorPages(config.errorFiles(), java.util.Map.of());
    }

    /** A timeout, with 0 (unset) read as no limit. */
    static long orNoLimit(long timeoutMillis) {
        return timeoutMillis == 0 ? Long.MAX_VALUE : timeoutMillis;
    }
}
