package io.ballast.proxy;

import io.ballast.core.config.FrontendConfig;
import io.ballast.core.config.ProxyMode;
import io.ballast.core.config.RuleLine;
import io.ballast.core.config.Suggestions;
import io.ballast.core.request.RequestView;
import io.ballast.core.server.Server;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows one request through the compiled rules of a configuration as the engine routes it ({@link Routing}),
 * with a {@link RuleTrace} recording each step, and reports the outcome. The request is parsed by the engine's
 * own parser, so that a request the engine refuses is refused here too. Nothing is bound and no thread starts:
 * the backends are fresh models, their servers as at start.
 */
final class Explainer {

    private final Proxies proxies;
    private final RuleTrace trace = new RuleTrace();
    private final List<String> report = new ArrayList<>();

    private Explainer(Proxies proxies) {
        this.proxies = proxies;
    }

    /**
     * @param frontendName the frontend receiving the request, or {@code null} for the first HTTP one
     * @throws IllegalArgumentException when there is no such frontend, or it is not in {@code mode http}
     */
    static Explanation explain(Proxies proxies, String frontendName, RequestView request) {
        return new Explainer(proxies).run(frontend(proxies, frontendName), frontendName == null, request);
    }

    private static FrontendRuntime frontend(Proxies proxies, String name) {
        if (name == null) {
            return proxies.frontends.stream().filter(f -> f.mode == ProxyMode.HTTP).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the configuration has no HTTP frontend"));
        }
        FrontendRuntime frontend = proxies.frontends.stream().filter(f -> f.config.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no frontend is called '" + name + "'"
                        + Suggestions.didYouMean(name, proxies.frontends.stream().map(f -> f.config.name()).toList())));
        if (frontend.mode != ProxyMode.HTTP) {
            throw new IllegalArgumentException("frontend '" + name + "' is in mode tcp; explain follows HTTP requests");
        }
        return frontend;
    }

    private Explanation run(FrontendRuntime frontend, boolean byDefault, RequestView request) {
        FrontendConfig config = frontend.config;
        report.add("frontend: " + config.name() + " at " + config.location()
                + (byDefault ? " (the first HTTP frontend)" : ""));
        describeRequest(request);
        report.add("servers: as at start (UP unless disabled); nothing is bound, no check runs");
        report.add("");
        ByteBuf bytes = headBytes(request);
        HttpHead head;
        try {
            head = new HttpHeadParser().parseRequest(bytes);
        } catch (HttpParseException e) {
            bytes.release();
            return outcome(config, null, null, "answered with " + e.status() + " before any rule runs: "
                    + e.getMessage());
        }
        try {
            return route(frontend, new HttpRequestView(head, request.clientAddress(), request.localAddress()));
        } finally {
            head.release();
        }
    }

    private Explanation route(FrontendRuntime frontend, HttpRequestView view) {
        trace.section("frontend " + frontend.config.name());
        if (frontend.rules.empty) {
            trace.note("no rules");
        }
        if (!frontend.rules.tcpConnection.isEmpty()) {
            RuleContext connection = new RuleContext(proxies, frontend,
                    new HttpRequestView(null, view.clientAddress(), view.localAddress()), trace);
            if (HttpRule.evaluate(frontend.rules.tcpConnection, connection).kind == RuleResult.Kind.REJECT) {
                return outcome(frontend.config, null, null, rejectedBy(trace.lastHeld()));
            }
        }
        RuleContext ctx = new RuleContext(proxies, frontend, view, trace);
        RequestState received = RequestState.of(ctx);
        Routing.Decision decision = Routing.decide(frontend, ctx, proxies);
        String backend = decision.route() == null ? null : decision.route().backend.backend().name();
        RuleResult answer = decision.answer();
        if (answer != null) {
            String how = answer.kind == RuleResult.Kind.REJECT ? rejectedBy(trace.lastHeld())
                    : "answered with " + answer.status + " by " + where(trace.lastHeld());
            if (answer.response != null) {
                answer.response.release();
            }
            return outcome(frontend.config, backend, null, how);
        }
        if (backend == null) {
            return outcome(frontend.config, null, null,
                    "answered with 503: no use_backend rule applies and there is no default_backend");
        }
        Server server = decision.server();
        if (server == null) {
            server = decision.route().backend.backend().pick(view);
            trace.note("balance " + decision.route().backend.config().balance().algorithm() + ": "
                    + (server == null ? "no usable server" : "server " + server.name()
                    + " (the algorithm's first pick after start)"));
        }
        if (server == null) {
            return outcome(frontend.config, backend, null, "answered with 503: backend " + backend
                    + " has no usable server");
        }
        RequestState forwarded = RequestState.of(ctx);
        List<String> details = new ArrayList<>();
        details.add("  " + forwarded.startLine());
        forwarded.headers().forEach(h -> details.add("  " + h));
        List<String> changes = received.changesTo(forwarded);
        if (!changes.isEmpty()) {
            details.add("changed by the rules:");
            changes.forEach(c -> details.add("  " + c));
        }
        return outcome(frontend.config, backend, server.name(), "forwarded to " + backend + "/" + server.name(),
                details);
    }

    private void describeRequest(RequestView request) {
        report.add("request: " + requestLine(request));
        for (int i = 0; i < request.headerCount(); i++) {
            report.add("  " + request.headerName(i) + ": " + request.headerValue(i));
        }
        report.add("client: " + (request.clientAddress() == null ? "unknown (rules on src see no address)"
                : text(request.clientAddress())));
    }

    private static String text(SocketAddress address) {
        return address instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() + ":" + inet.getPort() : address.toString();
    }

    private Explanation outcome(FrontendConfig frontend, String backend, String server, String result) {
        return outcome(frontend, backend, server, result, List.of());
    }

    private Explanation outcome(FrontendConfig frontend, String backend, String server, String result,
                                List<String> details) {
        List<String> lines = new ArrayList<>(report);
        lines.addAll(trace.lines());
        lines.add("");
        lines.add("result: " + result);
        lines.addAll(details);
        return new Explanation(frontend.name(), backend, server, lines);
    }

    private static String rejectedBy(RuleLine rule) {
        return "the connection is closed without an answer, by " + where(rule);
    }

    private static String where(RuleLine rule) {
        return rule.location() + " (" + RuleTrace.text(rule) + ")";
    }

    private static String requestLine(RequestView request) {
        return request.method() + " " + request.uri() + " HTTP/" + (request.version() == null ? "1.1" : request.version());
    }

    /** The request head as a client would send it, for the engine's parser. */
    private static ByteBuf headBytes(RequestView request) {
        StringBuilder b = new StringBuilder(requestLine(request)).append("\r\n");
        for (int i = 0; i < request.headerCount(); i++) {
            b.append(request.headerName(i)).append(": ").append(request.headerValue(i)).append("\r\n");
        }
        return Unpooled.copiedBuffer(b.append("\r\n"), StandardCharsets.ISO_8859_1);
    }
}
