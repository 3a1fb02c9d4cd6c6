package io.ballast.core.config;

import java.util.List;
import java.util.Map;

/**
 * A {@code backend} section, or the backend half of a {@code listen} section, with the defaults it inherited.
 *
 * @param name           the proxy name
 * @param mode           tcp or http
 * @param balance        the balancing algorithm
 * @param servers        the servers in declaration order
 * @param timeouts       the server-side timeouts
 * @param retries        connection attempts retried after the first fails (default 3)
 * @param forwardFor     {@code option forwardfor}, or {@code null}
 * @param connectionMode the HTTP connection mode set here
 * @param errorFiles     custom error responses by status
 * @param rules          ACL and rule lines in evaluation order, for the engine to compile
 * @param location       where the section started
 * @param healthCheck    how servers with {@code check} are checked
 * @param httpReuse      which idle server connections requests may use ({@code http-reuse}, default safe)
 * @param redispatch     {@code option redispatch}: 0 when off; -N to send the Nth retry before the last (and
 *                       any retry once the server is down) to another server, +P every Pth retry; -1 by default
 * @param retryOn        which failures are retried ({@code retry-on}, default {@code conn-failure})
 * @param stats          its statistics page ({@code stats enable}, {@code stats uri}...), served when a request's
 *                       URI starts with the page's prefix once this backend's request rules ran; {@code null} when
 *                       it has none
 */
public record BackendConfig(String name, ProxyMode mode, BalanceSpec balance, List<ServerConfig> servers,
                            Timeouts timeouts, int retries, ForwardFor forwardFor,
                            HttpConnectionMode connectionMode, Map<Integer, ErrorFile> errorFiles,
                            List<RuleLine> rules, SourceLocation location,
                            HealthCheckConfig healthCheck, HttpReuse httpReuse, int redispatch,
                            RetryOn retryOn, StatsSettings stats) {

    /** Copies the collections so that the record stays immutable. */
    public BackendConfig {
        servers = List.copyOf(servers);
        errorFiles = Map.copyOf(errorFiles);
        rules = List.copyOf(rules);
    }

    /** A backend without a statistics page. */
    public BackendConfig(String name, ProxyMode mode, BalanceSpec balance, List<ServerConfig> servers,
                         Timeouts timeouts, int retries, ForwardFor forwardFor, HttpConnectionMode connectionMode,
                         Map<Integer, ErrorFile> errorFiles, List<RuleLine> rules, SourceLocation location,
                         HealthCheckConfig healthCheck, HttpReuse httpReuse, int redispatch, RetryOn retryOn) {
        this(name, mode, balance, servers, timeouts, retries, forwardFor, connectionMode, errorFiles, rules, location,
                healthCheck, httpReuse, redispatch, retryOn, null);
    }
}
