package io.ballast.core.config;

import java.util.List;
import java.util.Map;

/**
 * A {@code frontend} section, or the frontend half of a {@code listen} section, with the defaults it inherited.
 *
 * @param name            the proxy name
 * @param mode            tcp or http
 * @param binds           where to listen
 * @param defaultBackend  the {@code default_backend} name ({@code listen} sections name themselves), or {@code null}
 * @param timeouts        the client-side timeouts
 * @param maxconn         concurrent connections accepted, 0 for the global limit
 * @param forwardFor      {@code option forwardfor}, or {@code null}
 * @param connectionMode  the HTTP connection mode set here
 * @param httpLog         {@code option httplog}
 * @param dontLogNull     {@code option dontlognull}
 * @param logs            log targets ({@code log global} already expanded)
 * @param errorFiles      custom error responses by status
 * @param rules           ACL and rule lines in evaluation order, for the engine to compile
 * @param location        where the section started
 * @param logFormat       the access log format ({@code option httplog}/{@code tcplog} as their {@link LogFormats}
 *                        string, or {@code log-format}); {@code null} for HAProxy's default accept-time line
 * @param stats           its statistics page ({@code stats enable}...), served when a request's URI starts with the
 *                        page's prefix once this frontend's request rules ran; {@code null} when it has none. A
 *                        {@code listen} section's frontend and backend halves share the same settings.
 * @param idleCloseOnResponse {@code option idle-close-on-response}: at a soft stop, an idle keep-alive connection
 *                        stays open for its next request, answered with {@code Connection: close}, instead of being
 *                        closed at once (which a client may race with a new request)
 * @param smartAccept     {@code option tcp-smart-accept}: its TCP listeners leave a request's ACK to the response
 *                        (Linux's {@code TCP_QUICKACK} off on the listening socket, inherited by the connections
 *                        it accepts), one packet fewer per connection; HAProxy's default in {@code mode http}
 */
public record FrontendConfig(String name, ProxyMode mode, List<BindConfig> binds, String defaultBackend,
                             Timeouts timeouts, int maxconn, ForwardFor forwardFor,
                             HttpConnectionMode connectionMode, boolean httpLog, boolean dontLogNull,
                             List<LogTarget> logs, Map<Integer, ErrorFile> errorFiles, List<RuleLine> rules,
                             SourceLocation location, String logFormat, StatsSettings stats,
                             boolean idleCloseOnResponse, boolean smartAccept) {

    /** Copies the collections so that the record stays immutable. */
    public FrontendConfig {
        binds = List.copyOf(binds);
        logs = List.copyOf(logs);
        errorFiles = Map.copyOf(errorFiles);
        rules = List.copyOf(rules);
    }

    /** A frontend with HAProxy's default {@code option tcp-smart-accept}: on in {@code mode http}, off in tcp. */
    public FrontendConfig(String name, ProxyMode mode, List<BindConfig> binds, String defaultBackend,
                          Timeouts timeouts, int maxconn, ForwardFor forwardFor, HttpConnectionMode connectionMode,
                          boolean httpLog, boolean dontLogNull, List<LogTarget> logs, Map<Integer, ErrorFile> errorFiles,
                          List<RuleLine> rules, SourceLocation location, String logFormat, StatsSettings stats,
                          boolean idleCloseOnResponse) {
        this(name, mode, binds, defaultBackend, timeouts, maxconn, forwardFor, connectionMode, httpLog, dontLogNull,
                logs, errorFiles, rules, location, logFormat, stats, idleCloseOnResponse, mode == ProxyMode.HTTP);
    }

    /** A frontend without {@code option idle-close-on-response}. */
    public FrontendConfig(String name, ProxyMode mode, List<BindConfig> binds, String defaultBackend,
                          Timeouts timeouts, int maxconn, ForwardFor forwardFor, HttpConnectionMode connectionMode,
                          boolean httpLog, boolean dontLogNull, List<LogTarget> logs, Map<Integer, ErrorFile> errorFiles,
                          List<RuleLine> rules, SourceLocation location, String logFormat, StatsSettings stats) {
        this(name, mode, binds, defaultBackend, timeouts, maxconn, forwardFor, connectionMode, httpLog, dontLogNull,
                logs, errorFiles, rules, location, logFormat, stats, false);
    }

    /** A frontend without a statistics page. */
    public FrontendConfig(String name, ProxyMode mode, List<BindConfig> binds, String defaultBackend,
                          Timeouts timeouts, int maxconn, ForwardFor forwardFor, HttpConnectionMode connectionMode,
                          boolean httpLog, boolean dontLogNull, List<LogTarget> logs, Map<Integer, ErrorFile> errorFiles,
                          List<RuleLine> rules, SourceLocation location, String logFormat) {
        this(name, mode, binds, defaultBackend, timeouts, maxconn, forwardFor, connectionMode, httpLog, dontLogNull,
                logs, errorFiles, rules, location, logFormat, null, false);
    }

    /**
     * How HAProxy names one of these {@code binds} in log lines ({@code fe/1: SSL handshake failure}): its
     * {@code name}, else its number in this frontend, from 1.
     */
    public String listenerName(BindConfig bind) {
        if (bind.name() != null) {
            return bind.name();
        }
        for (int i = 0; i < binds.size(); i++) {
            if (binds.get(i) == bind) {
                return Integer.toString(i + 1);
            }
        }
        throw new IllegalArgumentException("not a bind of frontend " + name);
    }
}
