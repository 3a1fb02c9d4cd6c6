package io.ballast.core.config;

/**
 * The TLS check that needs a whole proxy: the health checks of a TLS server must not speak an application protocol
 * in clear.
 */
final class TlsValidation {

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
            boolean checkedInTls = s.check() && s.checkPort() == 0 && s.checks().addr() == null;
            if (checkedInTls && be.healthCheck().type() != HealthCheckConfig.CheckType.CONNECT) {
                diagnostics.error(s.location(), label, "health checks over TLS are not supported yet: this backend's "
                        + "checks would reach the server in clear; use plain TCP checks (no 'option "
                        + "httpchk'/'tcp-check'...) or check another port with 'port <n>'");
            }
        }
    }
}
