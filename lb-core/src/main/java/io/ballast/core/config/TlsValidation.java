package io.ballast.core.config;

/**
 * The TLS checks that need a whole proxy: HTTP/2 cannot be negotiated by ALPN in {@code mode http} (Ballast serves
 * HTTP/1.x only for now), and the health checks of a TLS server must not speak an application protocol in clear.
 */
final class TlsValidation {

    static final String NO_H2 = "HTTP/2 is not supported yet: 'alpn' must not offer 'h2' in 'mode http' "
            + "(use 'alpn http/1.1')";

    private final Diagnostics diagnostics;

    TlsValidation(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** Checks the binds of a frontend. */
    void frontend(FrontendConfig fe) {
        if (fe.mode() != ProxyMode.HTTP) {
            return;
        }
        for (BindConfig b : fe.binds()) {
            if (b.tls() != null && b.tls().certificates().stream().anyMatch(c -> c.settings().alpn().contains("h2"))) {
                diagnostics.error(b.location(), "bind " + b.endpoint().text(), NO_H2);
            }
        }
    }

    /** Checks the servers of a backend. */
    void backend(BackendConfig be) {
        for (ServerConfig s : be.servers()) {
            if (s.tls() == null) {
                continue;
            }
            String label = "server " + be.name() + "/" + s.name();
            if (be.mode() == ProxyMode.HTTP && s.tls().settings().alpn().contains("h2")) {
                diagnostics.error(s.location(), label, NO_H2);
            }
            boolean checkedInTls = s.check() && s.checkPort() == 0 && s.checks().addr() == null;
            if (checkedInTls && be.healthCheck().type() != HealthCheckConfig.CheckType.CONNECT) {
                diagnostics.error(s.location(), label, "health checks over TLS are not supported yet: this backend's "
                        + "checks would reach the server in clear; use plain TCP checks (no 'option "
                        + "httpchk'/'tcp-check'...) or check another port with 'port <n>'");
            }
        }
    }
}
