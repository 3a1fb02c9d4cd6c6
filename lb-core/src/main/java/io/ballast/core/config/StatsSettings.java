package io.ballast.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The statistics page of a proxy ({@code stats enable}, {@code stats uri}, {@code stats auth}...): HAProxy answers
 * requests whose URI starts with {@link #uri} itself, with the HTML page, or CSV or JSON when the URI has
 * {@code ;csv} or {@code ;json} after the prefix. As in HAProxy, a proxy inherits the whole set from its defaults
 * section until its first own {@code stats} line, which starts a fresh set.
 *
 * @param uri              the URI prefix ({@code stats uri}, default {@code /haproxy?stats}), compared with the
 *                         request's path and query when it starts with {@code /}, else with the whole request target
 * @param realm            the Basic authentication realm ({@code stats realm}, default {@code HAProxy Statistics})
 * @param users            the {@code user:password} accounts of {@code stats auth}; none means no authentication
 * @param refreshSeconds   the {@code refresh} header's value ({@code stats refresh}), 0 for none
 * @param adminRules       the {@code stats admin if|unless <cond>} lines, whose conditions the proxy engine compiles;
 *                         the first one whose condition holds enables the page's admin forms
 * @param httpRequestRules the {@code stats http-request allow|deny|auth} lines, each kept as
 *                         {@code http-request ...} for the proxy engine to compile
 * @param hideVersion      {@code stats hide-version}
 * @param showLegends      {@code stats show-legends}: server addresses, cookies and proxy details are shown
 * @param scopes           the proxies shown ({@code stats scope}, {@code .} for this one); empty for all of them
 * @param node             {@code stats show-node}: the node name to show, {@code ""} for the host name, or
 *                         {@code null} when the node is not shown
 * @param description      {@code stats show-desc}: the description to show, {@code ""} for the global
 *                         {@code description}, or {@code null} when none is shown
 * @param location         where the proxy's first {@code stats} line is (or the inherited one's)
 */
public record StatsSettings(String uri, String realm, List<String> users, long refreshSeconds,
                            List<RuleLine> adminRules, List<RuleLine> httpRequestRules, boolean hideVersion,
                            boolean showLegends, List<String> scopes, String node, String description,
                            SourceLocation location) {

    /** HAProxy's default URI prefix. */
    public static final String DEFAULT_URI = "/haproxy?stats";
    /** HAProxy's default authentication realm. */
    public static final String DEFAULT_REALM = "HAProxy Statistics";

    /** Copies the lists so that the record stays immutable. */
    public StatsSettings {
        users = List.copyOf(users);
        adminRules = List.copyOf(adminRules);
        httpRequestRules = List.copyOf(httpRequestRules);
        scopes = List.copyOf(scopes);
    }

    /** {@code stats enable} alone: every default, started at {@code location}. */
    public static StatsSettings defaults(SourceLocation location) {
        return new StatsSettings(DEFAULT_URI, DEFAULT_REALM, List.of(), 0, List.of(), List.of(), false, false,
                List.of(), null, null, location);
    }

    /** Whether the page asks for a user name and password ({@code stats auth}). */
    public boolean requiresAuth() {
        return !users.isEmpty();
    }

    /** Whether proxy {@code proxyName} is shown on the page of proxy {@code owner}, per {@code stats scope}. */
    public boolean inScope(String proxyName, String owner) {
        if (scopes.isEmpty()) {
            return true;
        }
        for (String s : scopes) {
            if (s.equals(proxyName) || (s.equals(".") && proxyName.equals(owner))) {
                return true;
            }
        }
        return false;
    }

    StatsSettings withUri(String value) {
        return new StatsSettings(value, realm, users, refreshSeconds, adminRules, httpRequestRules, hideVersion,
                showLegends, scopes, node, description, location);
    }

    StatsSettings withRealm(String value) {
        return new StatsSettings(uri, value, users, refreshSeconds, adminRules, httpRequestRules, hideVersion,
                showLegends, scopes, node, description, location);
    }

    StatsSettings withUser(String account) {
        return new StatsSettings(uri, realm, plus(users, account), refreshSeconds, adminRules, httpRequestRules,
                hideVersion, showLegends, scopes, node, description, location);
    }

    StatsSettings withRefresh(long seconds) {
        return new StatsSettings(uri, realm, users, seconds, adminRules, httpRequestRules, hideVersion, showLegends,
                scopes, node, description, location);
    }

    StatsSettings withAdminRule(RuleLine rule) {
        return new StatsSettings(uri, realm, users, refreshSeconds, plus(adminRules, rule), httpRequestRules,
                hideVersion, showLegends, scopes, node, description, location);
    }

    StatsSettings withHttpRequestRule(RuleLine rule) {
        return new StatsSettings(uri, realm, users, refreshSeconds, adminRules, plus(httpRequestRules, rule),
                hideVersion, showLegends, scopes, node, description, location);
    }

    StatsSettings withHideVersion() {
        return new StatsSettings(uri, realm, users, refreshSeconds, adminRules, httpRequestRules, true, showLegends,
                scopes, node, description, location);
    }

    StatsSettings withShowLegends() {
        return new StatsSettings(uri, realm, users, refreshSeconds, adminRules, httpRequestRules, hideVersion, true,
                scopes, node, description, location);
    }

    StatsSettings withScope(String proxy) {
        return new StatsSettings(uri, realm, users, refreshSeconds, adminRules, httpRequestRules, hideVersion,
                showLegends, plus(scopes, proxy), node, description, location);
    }

    StatsSettings withNode(String value) {
        return new StatsSettings(uri, realm, users, refreshSeconds, adminRules, httpRequestRules, hideVersion,
                showLegends, scopes, value, description, location);
    }

    StatsSettings withDescription(String value) {
        return new StatsSettings(uri, realm, users, refreshSeconds, adminRules, httpRequestRules, hideVersion,
                showLegends, scopes, node, value, location);
    }

    private static <T> List<T> plus(List<T> list, T item) {
        List<T> out = new ArrayList<>(list);
        out.add(item);
        return out;
    }
}
