package io.ballast.core.config;

/**
 * The SNI a server connection sends ({@code sni <expression>} on a {@code server} line).
 *
 * @param kind       where the name comes from
 * @param value      the constant name, or the request header's name
 * @param expression the expression as written
 */
public record ServerSni(Kind kind, String value, String expression) {

    /** Where the name comes from. */
    public enum Kind {
        /** {@code str(<name>)}: always the same name. */
        CONSTANT,
        /** {@code req.hdr(<name>)} (or {@code hdr(<name>)}): the request header's last value, without a port. */
        REQUEST_HEADER,
        /** {@code ssl_fc_sni}: the SNI the client sent to the TLS listener. */
        FRONTEND_SNI
    }

    /** Whether the name may differ from one request to the next: then connections are pooled by name. */
    public boolean variable() {
        return kind != Kind.CONSTANT;
    }
}
