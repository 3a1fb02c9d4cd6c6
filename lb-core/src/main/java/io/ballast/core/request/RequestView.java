package io.ballast.core.request;

import java.net.SocketAddress;

/**
 * What balancing algorithms and ACLs may read of a request. Implementations index the request in place
 * and make strings only when asked, so callers should ask only for what they use.
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

    /** The client's address (an {@link java.net.InetSocketAddress} for TCP clients). */
    SocketAddress clientAddress();
}
