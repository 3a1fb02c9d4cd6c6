package io.ballast.core.config;

import java.util.List;

/**
 * The checks of the protocol spoken to servers that need a whole proxy: HTTP/2 ({@code proto h2}, or {@code ssl} with
 * {@code alpn h2}) only in {@code mode http}, never mixed with the PROXY protocol (one connection carries the requests
 * of many clients), and never left to each server's ALPN choice.
 */
final class ServerProtocolValidation {

    static final String MIXED_ALPN = "letting each server choose between HTTP/2 and HTTP/1.1 by ALPN is not supported "
            + "yet: use 'alpn h2' (or 'proto h2') for HTTP/2, or 'alpn http/1.1'";

    private final Diagnostics diagnostics;

    ServerProtocolValidation(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** Checks the servers of a backend. */
    void backend(BackendConfig be) {
        for (ServerConfig s : be.servers()) {
            String label = "server " + be.name() + "/" + s.name();
            List<String> alpn = s.tls() == null ? List.of() : s.tls().settings().alpn();
            boolean alpnH2Only = alpn.equals(List.of("h2"));
            if (be.mode() == ProxyMode.HTTP && alpn.contains("h2") && !alpnH2Only && !s.http2()) {
                diagnostics.error(s.location(), label, MIXED_ALPN);
            }
            if (!s.http2()) {
                continue;
            }
            if (be.mode() != ProxyMode.HTTP && !alpnH2Only) {
                diagnostics.error(s.location(), label, "MUX protocol 'h2' is not usable for server '" + s.name()
                        + "' in 'mode tcp'");
            } else if (be.mode() == ProxyMode.HTTP && s.sendProxy() != SendProxy.NONE) {
                diagnostics.error(s.location(), label, "'send-proxy' with HTTP/2 to the server is not supported yet: "
                        + "its connections carry the requests of many clients");
            }
        }
    }
}
