package io.ballast.proxy;

import io.ballast.core.server.Server;

/**
 * HAProxy's order for one request across a frontend and the backend it picks: the frontend's
 * {@code tcp-request content}, {@code http-request} and {@code redirect} rules, {@code use_backend} else
 * {@code default_backend}, then the backend's own request rules and {@code use-server}. The engine routes every
 * request with it, and {@link Explainer} traces one request through the very same steps.
 */
final class Routing {

    /**
     * What the steps decided.
     *
     * @param answer a {@code RESPOND} or {@code REJECT} result of the rule that ended the request, else {@code null}
     * @param route  the route to the chosen backend; {@code null} when a frontend rule answered or there is no
     *               backend to go to (503)
     * @param server the {@code use-server} choice, or {@code null} for the balancing algorithm's
     */
    record Decision(RuleResult answer, Route route, Server server) {

        /**
         * Whether HAProxy reads the request's cookies ({@code capture cookie}): once the rules let the request go to
         * a backend's server, and for the log when {@code deny} or {@code tarpit} refused it; not when a rule
         * answered otherwise or closed the connection.
         */
        boolean readsCookies() {
            return answer == null ? route != null : answer.kind == RuleResult.Kind.RESPOND && answer.denied;
        }
    }

    private Routing() {
    }

    /** Runs the steps for the request of {@code ctx}, applying their edits to it. */
    static Decision decide(FrontendRuntime frontend, RuleContext ctx, BackendLookup backends) {
        RuleResult result = frontend.rules.evaluateRequest(ctx);
        if (result.endsRequest()) {
            return new Decision(result, null, null);
        }
        BackendRuntime chosen = frontend.rules.chooseBackend(ctx, backends);
        Route route = chosen != null ? frontend.route(chosen) : frontend.defaultRoute;
        if (route == null) {
            return new Decision(null, null, null);
        }
        ctx.enter(route, chosen != null);
        ProxyRules backendRules = route.backend.rules;
        if (backendRules != frontend.rules) {
            result = backendRules.evaluateRequest(ctx);
            if (result.endsRequest()) {
                return new Decision(result, route, null);
            }
        }
        return new Decision(null, route, backendRules.chooseServer(ctx, route.backend));
    }
}
