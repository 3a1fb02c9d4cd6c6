package io.ballast.core.config;

/**
 * The {@code timeout} settings of a proxy, in milliseconds. As in HAProxy, 0 means "not set", which
 * for most of them means "no limit".
 *
 * @param connect       time allowed to establish a connection to a server
 * @param client        client inactivity
 * @param server        server inactivity, including the wait for the response head
 * @param httpRequest   time to receive a complete request head; unset means {@code client}
 * @param httpKeepAlive idle time between two requests; unset means {@code httpRequest}
 * @param queue         time a request may wait in a queue; unset means {@code connect}
 * @param tunnel        inactivity once a connection became a tunnel; unset means client/server
 * @param check         extra read timeout of health checks; unset means the check interval
 */
public record Timeouts(long connect, long client, long server, long httpRequest, long httpKeepAlive,
                       long queue, long tunnel, long check) {

    /** No timeout set at all. */
    public static final Timeouts NONE = new Timeouts(0, 0, 0, 0, 0, 0, 0, 0);

    /** The time allowed for a complete request head: {@code http-request}, else {@code client}. */
    public long effectiveHttpRequest() {
        return httpRequest != 0 ? httpRequest : client;
    }

    /** The idle time allowed between two requests: {@code http-keep-alive}, else the request timeout. */
    public long effectiveHttpKeepAlive() {
        return httpKeepAlive != 0 ? httpKeepAlive : effectiveHttpRequest();
    }

    /** The time a request may wait in a queue: {@code queue}, else {@code connect}. */
    public long effectiveQueue() {
        return queue != 0 ? queue : connect;
    }
}
