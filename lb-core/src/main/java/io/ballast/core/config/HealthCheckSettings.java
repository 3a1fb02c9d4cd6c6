package io.ballast.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The mutable check method of a proxy section while it is parsed: the {@code option} that chose it and the
 * {@code http-check} / {@code tcp-check} rules. A proxy inherits a copy of its defaults section's settings; its own
 * first rule line then replaces the inherited rules, as in HAProxy.
 */
final class HealthCheckSettings {

    HealthCheckConfig.CheckType type = HealthCheckConfig.CheckType.CONNECT;
    SourceLocation location;
    /** The request written on the {@code option httpchk} line, or {@code null}. */
    CheckRule.HttpSend optionRequest;
    List<CheckRule> httpRules = new ArrayList<>();
    List<CheckRule> tcpRules = new ArrayList<>();
    boolean disableOn404;
    /** The arguments of a protocol check option. */
    HealthCheckConfig.ProtocolArgs protocol = HealthCheckConfig.ProtocolArgs.NONE;
    /** Whether the rule lists came from a defaults section (the proxy's first rule line then drops them). */
    boolean rulesInherited;

    /** A copy for a section inheriting from this one. */
    HealthCheckSettings inherit() {
        HealthCheckSettings c = new HealthCheckSettings();
        c.type = type;
        c.location = location;
        c.optionRequest = optionRequest;
        c.httpRules = new ArrayList<>(httpRules);
        c.tcpRules = new ArrayList<>(tcpRules);
        c.disableOn404 = disableOn404;
        c.protocol = protocol;
        c.rulesInherited = true;
        return c;
    }

    /** The rule list {@code http-check} or {@code tcp-check} lines add to, emptied first if it was inherited. */
    List<CheckRule> ownRules(boolean http) {
        if (rulesInherited) {
            httpRules.clear();
            tcpRules.clear();
            rulesInherited = false;
        }
        return http ? httpRules : tcpRules;
    }

    HealthCheckConfig build() {
        List<CheckRule> rules = switch (type) {
            case HTTP -> httpRules();
            case TCP -> tcpRules;
            default -> List.of();
        };
        return new HealthCheckConfig(type, rules, type == HealthCheckConfig.CheckType.HTTP && disableOn404,
                protocol, location);
    }

    /**
     * The HTTP rules with the request of {@code option httpchk} merged into the first {@code http-check send}
     * (which keeps what it sets itself), or placed first when there is none; defaults fill what neither sets.
     */
    private List<CheckRule> httpRules() {
        List<CheckRule> out = new ArrayList<>();
        boolean merged = false;
        for (CheckRule r : httpRules) {
            if (r instanceof CheckRule.HttpSend s && !merged) {
                out.add(complete(s, optionRequest));
                merged = true;
            } else if (r instanceof CheckRule.HttpSend s) {
                out.add(complete(s, null));
            } else {
                out.add(r);
            }
        }
        if (!merged) {
            int at = 0;
            while (at < out.size() && (out.get(at) instanceof CheckRule.Connect || out.get(at) instanceof CheckRule.Comment)) {
                at++;
            }
            CheckRule.HttpSend base = optionRequest != null ? optionRequest
                    : new CheckRule.HttpSend(null, null, null, List.of(), "", null);
            out.add(at, complete(base, null));
        }
        return out;
    }

    private static CheckRule.HttpSend complete(CheckRule.HttpSend s, CheckRule.HttpSend option) {
        String method = first(s.method(), option == null ? null : option.method(), "OPTIONS");
        String uri = first(s.uri(), option == null ? null : option.uri(), "/");
        String version = first(s.version(), option == null ? null : option.version(), "HTTP/1.0");
        List<CheckRule.Header> headers = new ArrayList<>();
        if (option != null) {
            headers.addAll(option.headers());
        }
        headers.addAll(s.headers());
        String body = !s.body().isEmpty() || option == null ? s.body() : option.body();
        return new CheckRule.HttpSend(method, uri, version, headers, body, s.comment());
    }

    private static String first(String a, String b, String fallback) {
        return a != null ? a : b != null ? b : fallback;
    }
}
