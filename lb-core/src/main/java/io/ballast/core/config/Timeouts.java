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
 * @param tarpit        how long {@code http-request tarpit} holds a request; unset means {@code connect} in a
 *                      proxy with a backend side, and no wait in a plain frontend (see {@link #effectiveTarpit})
 * @param clientFin     client inactivity once Ballast shut its sending side towards the client (a half-closed
 *                      connection); unset means {@code client}, or {@code tunnel} in a tunnel
 * @param serverFin     the same towards the server; unset means {@code server}, or {@code tunnel} in a tunnel
 */
public record Timeouts(long connect, long client, long server, long httpRequest, long httpKeepAlive,
                       long queue, long tunnel, long check, long tarpit, long clientFin, long serverFin) {

    /** No timeout set at all. */
    public static final Timeouts NONE = new Timeouts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

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

    /**
     * How long {@code http-request tarpit} holds a request in a proxy with a backend side ({@code backend},
     * {@code listen}): {@code tarpit}, else {@code connect}, as HAProxy. A plain frontend uses {@link #tarpit()}.
     */
    public long effectiveTarpit() {
        return tarpit != 0 ? tarpit : connect;
    }
}
