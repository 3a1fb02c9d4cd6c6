package io.ballast.core.config;

/**
 * An IPv4 or IPv6 host with a port or port range.
 *
 * @param text      the address as written
 * @param host      the host name or literal address; {@code null} for "any address" ({@code *}, empty or {@code ::})
 * @param family    the address family forced by an {@code ipv4@}/{@code ipv6@} prefix or implied by the literal
 * @param firstPort the first port of the range (the only port when it is not a range); 0 when no port was given
 * @param lastPort  the last port of the range, equal to {@code firstPort} when it is not a range
 */
public record InetEndpoint(String text, String host, AddressFamily family, int firstPort, int lastPort)
        implements Endpoint {

    /** Which IP family an address belongs to. */
    public enum AddressFamily {
        /** Whatever the host resolves to; for "any address" both IPv4 and IPv6. */
        ANY,
        /** IPv4 only. */
        IPV4,
        /** IPv6 only. */
        IPV6
    }

    /** Whether this endpoint stands for all local addresses. */
    public boolean isWildcard() {
        return host == null;
    }
}
