package io.ballast.core.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The checks that need the whole configuration, run after parsing (HAProxy's post-parse checks). */
final class Validator {

    private final Diagnostics diagnostics;

    Validator(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** Checks the proxies, reports problems and returns the model with them and the {@code userlists}. */
    BallastConfig validate(GlobalConfig global, List<ProxyBuilder> proxies, List<UserlistConfig> userlists) {
        List<FrontendConfig> frontends = new java.util.ArrayList<>();
        List<BackendConfig> backends = new java.util.ArrayList<>();
        Map<String, ProxyBuilder> frontendNames = new HashMap<>();
        Map<String, ProxyBuilder> backendNames = new HashMap<>();
        for (ProxyBuilder p : proxies) {
            if (p.kind.frontendCapable) {
                duplicate(frontendNames, p, "frontend");
            }
            if (p.kind.backendCapable) {
                duplicate(backendNames, p, "backend");
            }
        }
        for (ProxyBuilder p : proxies) {
            modeChecks(p);
            statsChecks(p);
            timeoutChecks(p);
            if (p.kind.frontendCapable) {
                if (p.binds.isEmpty()) {
                    diagnostics.warning(p.location, p.kind.keyword, p.kind.proxyWord() + " '" + p.name
                            + "' has no 'bind' directive. Please declare it as a backend if this was intended.");
                }
                defaultBackend(p, backendNames);
                frontends.add(p.toFrontend(global.logs()));
            }
            if (p.kind.backendCapable) {
                backends.add(p.toBackend());
                new TlsValidation(diagnostics).backend(backends.get(backends.size() - 1));
                new ServerProtocolValidation(diagnostics).backend(backends.get(backends.size() - 1));
            }
        }
        return new BallastConfig(global, frontends, backends, userlists);
    }

    private void duplicate(Map<String, ProxyBuilder> names, ProxyBuilder p, String role) {
        ProxyBuilder first = names.putIfAbsent(p.name, p);
        if (first != null) {
            diagnostics.error(p.location, p.kind.keyword, "a " + role + " named '" + p.name + "' already exists at "
                    + first.location + "; " + role + " names must be unique");
        }
    }

    private void defaultBackend(ProxyBuilder p, Map<String, ProxyBuilder> backends) {
        String name = p.defaultBackend;
        if (name == null) {
            return;
        }
        ProxyBuilder b = backends.get(name);
        SourceLocation at = p.defaultBackendLocation != null ? p.defaultBackendLocation : p.location;
        if (b == null) {
            String known = backends.isEmpty() ? "there is no backend at all"
                    : "existing backends: " + String.join(", ", new TreeSet<>(backends.keySet()));
            diagnostics.error(at, "default_backend", "Proxy '" + p.name + "': unable to find required default_backend: '"
                    + name + "' (" + known + ")" + Suggestions.didYouMean(name, backends.keySet()));
            return;
        }
        if (p.mode == ProxyMode.HTTP && b.mode == ProxyMode.TCP) {
            diagnostics.error(at, "default_backend", "http frontend '" + p.name + "' (" + p.location
                    + ") tries to use incompatible tcp backend '" + b.name + "' (" + b.location
                    + ") as its default backend (see 'mode')");
        }
    }

    private void modeChecks(ProxyBuilder p) {
        if (p.mode != ProxyMode.TCP) {
            return;
        }
        if (p.forwardFor != null) {
            diagnostics.warning(p.forwardForLocation != null ? p.forwardForLocation : p.location, "option forwardfor",
                    "'option forwardfor' ignored for " + p.kind.proxyWord() + " '" + p.name + "' as it requires HTTP mode.");
        }
        if (p.httpLog && p.kind.frontendCapable) {
            diagnostics.warning(p.httpLogLocation != null ? p.httpLogLocation : p.location, "option httplog",
                    "'option httplog' not usable with " + p.kind.proxyWord() + " '" + p.name
                            + "' (needs 'mode http'). Falling back to 'option tcplog'.");
        }
    }

    /** The statistics page needs {@code mode http}; {@code stats auth} excludes {@code stats http-request}. */
    private void statsChecks(ProxyBuilder p) {
        if (p.stats == null) {
            return;
        }
        if (p.mode == ProxyMode.TCP) {
            diagnostics.warning(p.stats.location(), "stats", "'stats' statement ignored for " + p.kind.proxyWord()
                    + " '" + p.name + "' as it requires HTTP mode.");
        } else if (p.stats.requiresAuth() && !p.stats.httpRequestRules().isEmpty()) {
            diagnostics.error(p.stats.location(), "stats", p.kind.proxyWord() + " '" + p.name + "': stats 'auth' "
                    + "and 'http-request' can't be used at the same time.");
        }
    }

    private void timeoutChecks(ProxyBuilder p) {
        boolean missing = (p.kind.frontendCapable && p.client == 0)
                || (p.kind.backendCapable && (p.connect == 0 || p.server == 0));
        if (missing) {
            diagnostics.warning(p.location, p.kind.keyword, "missing timeouts for " + p.kind.proxyWord() + " '" + p.name
                    + "'. While not properly invalid, you will certainly encounter various problems with such a "
                    + "configuration. To fix this, please ensure that all following timeouts are set to a non-zero "
                    + "value: 'client', 'connect', 'server'.");
        }
    }
}
