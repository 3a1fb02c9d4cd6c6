package io.ballast.core.config;

/**
 * The TLS checks that need a whole proxy: HTTP/2 cannot be negotiated by ALPN with servers in {@code mode http}
 * (Ballast speaks HTTP/1.1 to servers for now), and the health checks of a TLS server must not speak an application
 * protocol in clear.
 */
final class TlsValidation {

    static final String NO_H2 = "HTTP/2 to servers is not supported yet: 'alpn' must not offer 'h2' in 'mode http' "
            + "(use 'alpn http/1.1')";

    private final Diagnostics diagnostics;

    TlsValidation(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
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
