package io.ballast.proxy.stats;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a request to the Prometheus exporter asks for, from its query string as HAProxy reads it: {@code scope=}
 * (repeatable: {@code global}, {@code frontend}, {@code backend}, {@code server}, {@code *} for all, empty to
 * drop those given before; every scope when there is none) and {@code no-maint} (servers in maintenance left out). HAProxy's
 * {@code listener} and {@code sticktable} scopes are accepted and select nothing, Ballast having no such metrics.
 *
 * @param scopes         the object kinds to export
 * @param noMaintServers whether servers in maintenance are left out
 */
public record PrometheusQuery(Set<Scope> scopes, boolean noMaintServers) {

    /** What metrics are about. */
    public enum Scope {
        /** The {@code haproxy_process_*} metrics. */
        GLOBAL,
        /** The {@code haproxy_frontend_*} metrics. */
        FRONTEND,
        /** The {@code haproxy_backend_*} metrics. */
        BACKEND,
        /** The {@code haproxy_server_*} metrics. */
        SERVER
    }

    /** Copies the set. */
    public PrometheusQuery {
        scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
    }

    /**
     * Reads {@code query} (the part after {@code ?}, or {@code null} when there is none).
     *
     * @throws IllegalArgumentException for an unknown scope or a malformed parameter, which HAProxy answers with 400
     */
    public static PrometheusQuery parse(String query) {
        if (query == null) {
            return new PrometheusQuery(EnumSet.allOf(Scope.class), false);
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        boolean scoped = false;
        boolean noMaint = false;
        int end = query.indexOf('#');
        for (String param : (end < 0 ? query : query.substring(0, end)).split("&")) {
            if (param.isEmpty()) {
                continue;
            }
            int eq = param.indexOf('=');
            String key = decode(eq < 0 ? param : param.substring(0, eq));
            String value = eq < 0 ? null : decode(param.substring(eq + 1));
            if (value != null && value.indexOf('=') >= 0) {
                throw new IllegalArgumentException("malformed parameter '" + param + "'");
            }
            if (key.equals("scope")) {
                scoped = true;
                if (value == null) {
                    throw new IllegalArgumentException("'scope' expects a value");
                }
                if (value.isEmpty()) {
                    scopes.clear();
                }
                scopes.addAll(scope(value));
            } else if (key.equals("no-maint")) {
                noMaint = true;
            }
        }
        return new PrometheusQuery(scoped ? scopes : EnumSet.allOf(Scope.class), noMaint);
    }

    private static Set<Scope> scope(String value) {
        return switch (value) {
            case "", "listener", "sticktable" -> EnumSet.noneOf(Scope.class);
            case "*" -> EnumSet.allOf(Scope.class);
            case "global" -> EnumSet.of(Scope.GLOBAL);
            case "frontend" -> EnumSet.of(Scope.FRONTEND);
            case "backend" -> EnumSet.of(Scope.BACKEND);
            case "server" -> EnumSet.of(Scope.SERVER);
            default -> throw new IllegalArgumentException("unknown scope '" + value + "'");
        };
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
