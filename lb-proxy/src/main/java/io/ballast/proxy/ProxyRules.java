package io.ballast.proxy;

import io.ballast.core.server.Server;

import java.util.List;

/**
 * The compiled rules of one proxy section, one list per HAProxy evaluation step. Immutable, shared by all
 * connections.
 */
final class ProxyRules {

    static final ProxyRules NONE = new ProxyRules(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
            List.of(), List.of(), List.of(), null);

    /**
     * A capture slot: {@code capture request|response header <name> len <n>} (a header) or {@code http-request
     * capture <sample> len <n>} (filled by that rule, {@code header} {@code null}).
     */
    record Capture(String header, int length) {

        /** {@code value} cut to this slot's length, or {@code null}. */
        String cut(String value) {
            return value == null || value.length() <= length ? value : value.substring(0, length);
        }
    }

    /** Request capture slots in declaration order ({@code %hr}). */
    final List<Capture> requestCaptures;
    /** Response capture slots in declaration order ({@code %hs}). */
    final List<Capture> responseCaptures;
    /** {@code capture cookie} ({@code %CC}, {@code %CS}), or {@code null}. */
    final CookieCapture cookieCapture;
    /** {@code tcp-request connection}: once per connection, before anything is read. */
    final List<HttpRule> tcpConnection;
    /** {@code tcp-request content}: per request in HTTP mode, once per connection in TCP mode. */
    final List<HttpRule> tcpContent;
    final List<HttpRule> httpRequest;
    /** Legacy {@code redirect} rules, evaluated after {@code http-request}. */
    final List<HttpRule> redirects;
    final List<HttpRule> httpResponse;
    /** {@code use_backend}, naming backends. */
    final List<SwitchingRule> useBackend;
    /** {@code use-server}, naming servers of this backend. */
    final List<SwitchingRule> useServer;
    /** The proxy's statistics page ({@code stats enable}...), checked after {@code http-request}; or {@code null}. */
    final StatsPage statsPage;
    /**
     * Whether nothing here acts on a request or response (no rule, no statistics page; capture slots may exist):
     * the engine then skips rule evaluation altogether.
     */
    final boolean empty;

    ProxyRules(List<HttpRule> tcpConnection, List<HttpRule> tcpContent, List<HttpRule> httpRequest,
               List<HttpRule> redirects, List<HttpRule> httpResponse, List<SwitchingRule> useBackend,
               List<SwitchingRule> useServer, List<Capture> requestCaptures, List<Capture> responseCaptures,
               CookieCapture cookieCapture) {
        this(tcpConnection, tcpContent, httpRequest, redirects, httpResponse, useBackend, useServer, requestCaptures,
                responseCaptures, cookieCapture, null);
    }

    private ProxyRules(List<HttpRule> tcpConnection, List<HttpRule> tcpContent, List<HttpRule> httpRequest,
                       List<HttpRule> redirects, List<HttpRule> httpResponse, List<SwitchingRule> useBackend,
                       List<SwitchingRule> useServer, List<Capture> requestCaptures, List<Capture> responseCaptures,
                       CookieCapture cookieCapture, StatsPage statsPage) {
        this.statsPage = statsPage;
        this.cookieCapture = cookieCapture;
        this.requestCaptures = List.copyOf(requestCaptures);
        this.responseCaptures = List.copyOf(responseCaptures);
        this.tcpConnection = List.copyOf(tcpConnection);
        this.tcpContent = List.copyOf(tcpContent);
        this.httpRequest = List.copyOf(httpRequest);
        this.redirects = List.copyOf(redirects);
        this.httpResponse = List.copyOf(httpResponse);
        this.useBackend = List.copyOf(useBackend);
        this.useServer = List.copyOf(useServer);
        this.empty = statsPage == null && tcpConnection.isEmpty() && tcpContent.isEmpty() && httpRequest.isEmpty()
                && redirects.isEmpty() && httpResponse.isEmpty() && useBackend.isEmpty() && useServer.isEmpty();
    }

    /** These rules with {@code page} as the proxy's statistics page. */
    ProxyRules withStatsPage(StatsPage page) {
        return new ProxyRules(tcpConnection, tcpContent, httpRequest, redirects, httpResponse, useBackend, useServer,
                requestCaptures, responseCaptures, cookieCapture, page);
    }

    /**
     * Runs the request steps of this proxy: {@code tcp-request content}, {@code http-request}, the statistics page
     * (which answers a request for it), {@code redirect}.
     */
    RuleResult evaluateRequest(RuleContext ctx) {
        RuleResult r = HttpRule.evaluate(tcpContent, ctx);
        if (r.endsRequest()) {
            return r;
        }
        r = HttpRule.evaluate(httpRequest, ctx);
        if (r.endsRequest()) {
            return r;
        }
        RuleResult page = statsPage == null ? null : statsPage.answer(ctx);
        if (page != null) {
            return page;
        }
        return HttpRule.evaluate(redirects, ctx);
    }

    /**
     * The backend named by the first {@code use_backend} rule that applies, or {@code null} for the default. A
     * dynamic name that names no backend ends the search and the default applies, as in HAProxy.
     */
    BackendRuntime chooseBackend(RuleContext ctx, BackendLookup backends) {
        for (SwitchingRule rule : useBackend) {
            if (rule.applies(ctx)) {
                String name = rule.target(ctx);
                BackendRuntime backend = backends.backend(name);
                ctx.traceBackend(name, backend);
                return backend;
            }
        }
        return null;
    }

    /** The server named by the first {@code use-server} rule that applies and is usable, or {@code null}. */
    Server chooseServer(RuleContext ctx, BackendRuntime backend) {
        for (SwitchingRule rule : useServer) {
            if (rule.applies(ctx)) {
                String name = rule.target(ctx);
                Server s = backend.backend().server(name);
                ctx.traceServer(name, s);
                // HAProxy skips a use-server target that is down (unless 'option persist'), on to the next rule.
                if (s != null && s.isUsable()) {
                    return s;
                }
            }
        }
        return null;
    }
}
