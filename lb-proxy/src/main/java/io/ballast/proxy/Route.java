package io.ballast.proxy;

import io.ballast.core.config.ForwardFor;
import io.ballast.core.config.HttpConnectionMode;
import io.ballast.core.config.ProxyMode;
import io.ballast.core.config.RetryOn;
import io.ballast.core.config.Timeouts;
import io.netty.util.AsciiString;

/**
 * A frontend paired with one backend it may route to: the settings a request follows once its backend is
 * chosen, combined once at start so that a request reads plain fields. A frontend has one route per backend.
 */
final class Route {

    final FrontendRuntime frontend;
    final BackendRuntime backend;
    final ErrorPages errorPages;
    final HttpConnectionMode connectionMode;
    final long connectTimeout;
    final long serverTimeout;
    final long tunnelTimeout;
    /** Client inactivity once Ballast shut its side towards the client ({@code timeout client-fin}), 0 if unset. */
    final long clientFinTimeout;
    /** Server inactivity once Ballast shut its side towards the server ({@code timeout server-fin}), 0 if unset. */
    final long serverFinTimeout;
    /** How long a request may wait for a server slot: {@code timeout queue}, else {@code timeout connect}. */
    final long queueTimeout;
    /** Inactivity allowed while a request is forwarded: the shorter of server and client timeouts, if any. */
    final long forwardingTimeout;
    final int retries;
    /** Which failures are retried ({@code retry-on}). */
    final RetryOn retryOn;
    /** Whether requests are kept until their response starts, to be sent again ({@code retry-on} beyond conn-failure). */
    final boolean replaysRequests;
    /** The forwarded-for header name, or {@code null} when {@code option forwardfor} is off. */
    final AsciiString forwardForHeader;
    final ForwardFor forwardFor;
    final ClientNetwork forwardForExcept;

    Route(FrontendRuntime frontend, BackendRuntime backend) {
        this.frontend = frontend;
        this.backend = backend;
        Timeouts front = frontend.config.timeouts();
        Timeouts back = backend.config().timeouts();
        this.connectTimeout = back.connect();
        this.serverTimeout = back.server();
        this.tunnelTimeout = back.tunnel() != 0 ? back.tunnel() : Math.max(front.client(), back.server());
        this.queueTimeout = back.queue() != 0 ? back.queue() : back.connect();
        this.forwardingTimeout = Math.min(orNoLimit(serverTimeout), orNoLimit(frontend.clientTimeout));
        this.clientFinTimeout = front.clientFin();
        this.serverFinTimeout = back.serverFin();
        this.retries = backend.config().retries();
        this.retryOn = backend.config().retryOn();
        this.replaysRequests = retryOn.retriesSentRequests() && backend.config().mode() == ProxyMode.HTTP;
        this.connectionMode = frontend.config.connectionMode().strongest(backend.config().connectionMode());
        this.forwardFor = frontend.config.forwardFor() != null ? frontend.config.forwardFor()
                : backend.config().forwardFor();
        this.forwardForHeader = forwardFor != null ? AsciiString.cached(forwardFor.header()) : null;
        this.forwardForExcept = forwardFor != null && forwardFor.except() != null
                ? ClientNetwork.parse(forwardFor.except()) : null;
        this.errorPages = backend.errorPagesFor(frontend.config);
    }

    /** {@code base} with other server and tunnel timeouts, and the timeouts that derive from them. */
    private Route(Route base, long serverTimeout, long tunnelTimeout) {
        this.frontend = base.frontend;
        this.backend = base.backend;
        this.errorPages = base.errorPages;
        this.connectionMode = base.connectionMode;
        this.connectTimeout = base.connectTimeout;
        this.serverTimeout = serverTimeout;
        this.tunnelTimeout = tunnelTimeout;
        this.clientFinTimeout = base.clientFinTimeout;
        this.serverFinTimeout = base.serverFinTimeout;
        this.queueTimeout = base.queueTimeout;
        this.forwardingTimeout = Math.min(orNoLimit(serverTimeout), orNoLimit(frontend.clientTimeout));
        this.retries = base.retries;
        this.retryOn = base.retryOn;
        this.replaysRequests = base.replaysRequests;
        this.forwardForHeader = base.forwardForHeader;
        this.forwardFor = base.forwardFor;
        this.forwardForExcept = base.forwardForExcept;
    }

    /**
     * This route for one exchange whose {@code set-timeout} rules changed its timeouts; a tunnel without a
     * {@code timeout tunnel} of its own follows the changed server timeout, as it follows the configured one.
     *
     * @param server the exchange's server timeout in ms, or -1 to keep this route's
     * @param tunnel the exchange's tunnel timeout in ms, or -1 to keep this route's
     * @return this route when neither changes
     */
    Route withTimeouts(long server, long tunnel) {
        if (server < 0 && tunnel < 0) {
            return this;
        }
        long newServer = server >= 0 ? server : serverTimeout;
        long newTunnel = tunnel >= 0 ? tunnel
                : backend.config().timeouts().tunnel() != 0 ? tunnelTimeout
                : Math.max(frontend.config.timeouts().client(), newServer);
        return new Route(this, newServer, newTunnel);
    }

    /** A timeout, with 0 (unset) read as no limit. */
    static long orNoLimit(long timeoutMillis) {
        return timeoutMillis == 0 ? Long.MAX_VALUE : timeoutMillis;
    }
}
