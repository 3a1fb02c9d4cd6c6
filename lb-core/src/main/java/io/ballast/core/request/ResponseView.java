package io.ballast.core.request;

/**
 * What {@code http-response} rules and ACLs may read of a server's response head. Like {@link RequestView},
 * implementations make strings only when asked.
 */
public interface ResponseView {

    /** The status code, e.g. 200. */
    int status();

    /** The number of header lines, in the order the server sent them. */
    int headerCount();

    /** The name of header line {@code index} (0-based) as the server wrote it. */
    String headerName(int index);

    /** The value of header line {@code index} (0-based), without surrounding whitespace. */
    String headerValue(int index);
}
