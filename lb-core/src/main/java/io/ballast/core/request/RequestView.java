package io.ballast.core.request;

import java.net.SocketAddress;

/**
 * What balancing algorithms and ACLs may read of a request. Implementations index the request in place
 * and make strings only when asked, so callers should ask only for what they use.
 *
 * <p>In {@code mode tcp} there is no HTTP request: the HTTP accessors return {@code null} (or 0 headers) and only
 * the addresses are known.
 */
public interface RequestView {

    /** The request method, e.g. {@code GET}. */
    String method();

    /** The request target as sent: {@code /path?query}, or an absolute URI. */
    String uri();

    /** The path part of the target, without the query string. */
    String path();

    /** The query string after {@code ?}, or {@code null} when there is none. */
    String query();

    /** The value of the last header called {@code name} (case-insensitive), or {@code null}. */
    String header(String name);

    /** The HTTP version as written after {@code HTTP/}, e.g. {@code 1.1}, or {@code null} in TCP mode. */
    String version();

    /** The number of header lines, in the order they were received. */
    int headerCount();

    /** The name of header line {@code index} (0-based) as the client wrote it. */
    String headerName(int index);

    /** The value of header line {@code index} (0-based), without surrounding whitespace. */
    String headerValue(int index);

    /** The client's address (an {@link java.net.InetSocketAddress} for TCP clients). */
    SocketAddress clientAddress();

    /** The address the client connected to, or {@code null} when unknown. */
    SocketAddress localAddress();

    /** The client connection's TLS facts when the load balancer terminated TLS on it, else {@code null}. */
    default TlsInfo tls() {
        return null;
    }
}
