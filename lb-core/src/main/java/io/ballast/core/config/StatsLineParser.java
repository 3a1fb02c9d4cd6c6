package io.ballast.core.config;

import java.util.List;

/**
 * Parses the {@code stats} lines of a proxy section ({@code stats enable|uri|realm|auth|refresh|admin|scope|
 * hide-version|show-legends|show-node|show-desc|http-request}) into its {@link StatsSettings}, with HAProxy 2.6's
 * messages. The first {@code stats} line of a proxy that inherited a defaults section's settings starts afresh, as
 * in HAProxy.
 */
final class StatsLineParser {

    private static final String EXPECTS = "expects 'admin', 'uri', 'realm', 'auth', 'scope', 'enable', "
            + "'hide-version', 'show-node', 'show-desc' or 'show-legends'.";

    private final Diagnostics diagnostics;

    StatsLineParser(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** Applies the {@code stats} directive {@code d} to {@code p}. */
    void parse(ProxyBuilder p, Directive d) {
        String what = d.arg(1);
        if (what == null) {
            throw new IllegalArgumentException("missing keyword in 'stats', " + EXPECTS);
        }
        StatsSettings s = p.stats == null || p.statsInherited ? StatsSettings.defaults(d.location()) : p.stats;
        String value = d.arg(2);
        s = switch (what) {
            case "enable" -> noMoreArgs(d, 2, s);
            case "hide-version" -> noMoreArgs(d, 2, s.withHideVersion());
            case "show-legends" -> noMoreArgs(d, 2, s.withShowLegends());
            case "uri" -> s.withUri(required(value, "'uri' needs an URI prefix."));
            case "realm" -> s.withRealm(required(value, "'realm' needs an realm name."));
            case "auth" -> s.withUser(required(value, "'auth' needs a user:password account."));
            case "scope" -> s.withScope(required(value, "'scope' needs a proxy name."));
            case "refresh" -> s.withRefresh(refreshSeconds(value));
            case "show-node" -> s.withNode(nodeName(value));
            case "show-desc" -> s.withDescription(d.size() > 2
                    ? String.join(" ", d.words().subList(2, d.size())) : "");
            case "admin" -> s.withAdminRule(adminRule(p, d));
            case "http-request" -> s.withHttpRequestRule(httpRequestRule(p, d));
            case "show-modules" -> {
                diagnostics.warning(d.location(), "stats show-modules", "'stats show-modules' is not supported "
                        + "yet; ignored");
                yield s;
            }
            default -> throw new IllegalArgumentException("unknown stats parameter '" + what + "', " + EXPECTS);
        };
        p.stats = s;
        p.statsInherited = false;
    }

    private StatsSettings noMoreArgs(Directive d, int count, StatsSettings s) {
        if (d.size() > count) {
            diagnostics.warning(d.location(), "stats " + d.arg(1), "unexpected argument '" + d.arg(count)
                    + "' after 'stats " + d.arg(1) + "'; ignored");
        }
        return s;
    }

    private static String required(String value, String message) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(message);
        }
        return value;
    }

    /** {@code stats refresh <delay>}: seconds by default, as HAProxy reads it. */
    private static long refreshSeconds(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("'stats refresh' expects a delay like 10s");
        }
        int digits = 0;
        while (digits < value.length() && Character.isDigit(value.charAt(digits))) {
            digits++;
        }
        if (digits == value.length() && digits <= 9) {
            return Long.parseLong(value);
        }
        String unit = value.substring(digits);
        if (digits == 0 || !List.of("us", "ms", "s", "m", "h", "d").contains(unit)) {
            throw new IllegalArgumentException("unexpected character '" + (digits < value.length()
                    ? value.charAt(digits) : ' ') + "' in argument to stats refresh interval.");
        }
        return (DurationParser.parse(value, "stats refresh") + 999) / 1000;
    }

    private static String nodeName(String value) {
        if (value == null) {
            return "";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '_' && c != '-' && c != '.') {
                throw new IllegalArgumentException("'stats show-node' invalid node name - should be a string with "
                        + "digits(0-9), letters(A-Z, a-z), hyphen(-) or underscore(_).");
            }
        }
        return value;
    }

    private static RuleLine adminRule(ProxyBuilder p, Directive d) {
        refusedInDefaults(p, "stats admin");
        String cond = d.arg(2);
        if (d.size() < 4 || !("if".equals(cond) || "unless".equals(cond))) {
            throw new IllegalArgumentException("'stats admin' requires either 'if' or 'unless' followed by a "
                    + "condition.");
        }
        return new RuleLine(d.words(), d.location());
    }

    /** {@code stats http-request <action>...}, kept as the {@code http-request <action>...} line it is. */
    private static RuleLine httpRequestRule(ProxyBuilder p, Directive d) {
        refusedInDefaults(p, "stats http-request");
        if (d.size() < 3) {
            throw new IllegalArgumentException("'stats http-request' expects 'allow', 'deny' or 'auth'");
        }
        return new RuleLine(d.words().subList(1, d.size()), d.location());
    }

    private static void refusedInDefaults(ProxyBuilder p, String keyword) {
        if (p.kind == SectionKind.DEFAULTS) {
            throw new IllegalArgumentException("'" + keyword + "' not allowed in 'defaults' section.");
        }
    }
}
