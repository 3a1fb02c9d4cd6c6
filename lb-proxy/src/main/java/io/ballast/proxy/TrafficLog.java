package io.ballast.proxy;

import io.ballast.core.config.ProxyMode;
import io.ballast.core.server.Server;
import io.ballast.core.stats.Counter;
import io.ballast.core.stats.TrafficCounters;
import io.ballast.proxy.log.AccessLogger;
import io.ballast.proxy.log.ExchangeLog;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * A client connection's traffic record: what {@link ClientSession} tells it at each step of an exchange, turned into
 * HAProxy's timers and termination state ({@link ExchangeLog}), written by the frontend's {@link AccessLogger} when
 * the exchange ends, and added to the stats counters of the frontend, the backend and the server, as HAProxy counts
 * them. Rates and concurrency are counted as events happen; bytes, statuses, errors and timers when the exchange
 * ends, from the same record the log line is made of, so the stats and the logs never disagree.
 */
final class TrafficLog {

    /** The header an HTTP/2 request's authority is logged from ({@link #http2Scheme}). */
    private static final io.netty.util.AsciiString HOST = io.netty.util.AsciiString.cached("host");

    private final FrontendRuntime frontend;
    private final TrafficCounters front;
    /** The frontend's access log, or {@code null} when it logs nowhere. */
    private final AccessLogger logger;
    /** Whether the access log writes a line per exchange: only then are its strings and log-only figures made. */
    private final boolean logsExchanges;
    private final boolean http;
    private final ExchangeLog x = new ExchangeLog();
    /** Whether an exchange is under way: the request's first byte arrived (or a TCP connection was accepted). */
    private boolean inExchange;
    private boolean terminated;
    /** Whether the exchange's backend (and server) are recorded in the log. */
    private boolean routed;
    /** The counters of the backend the exchange was assigned to, whose concurrency it counts in, or {@code null}. */
    private TrafficCounters back;
    /** The server that took the exchange, or {@code null}. */
    private Server server;
    /** When the connection was accepted, in {@link System#nanoTime()}. */
    private long acceptedAt;
    /** Whether the status sent to the client is the server's. */
    private boolean serverResponded;
    /** Whether a rule answered or rejected the request: then it is no request error. */
    private boolean ruleAnswered;
    /** Connection attempts retried, on the same server or another ({@code %rc}). */
    private int retries;
    /** Whether a retry went to another server ({@code +} before {@code %rc}). */
    private boolean redispatched;
    /**
     * For an HTTP/2 stream, the scheme and authority its request line is logged with, as HAProxy logs
     * {@code "GET https://host/path HTTP/2.0"}; {@code null} for HTTP/1.x.
     */
    private String http2Scheme;

    private TrafficLog(FrontendRuntime frontend) {
        this.frontend = frontend;
        this.front = frontend.counters;
        this.logger = frontend.accessLog;
        this.logsExchanges = logger != null && logger.logsExchanges();
        this.http = frontend.mode == ProxyMode.HTTP;
    }

    /** The record of a new connection to {@code frontend}: counts it and writes the log's accept line. */
    static TrafficLog accepted(FrontendRuntime frontend, SocketAddress client, SocketAddress local) {
        TrafficLog log = new TrafficLog(frontend);
        log.front.connectionAccepted(log.start(client, local));
        if (log.logger != null) {
            log.logger.accepted(log.x);
        }
        return log;
    }

    /**
     * The record of an HTTP/2 stream on a connection to {@code frontend} that was counted when accepted;
     * {@code scheme} is the one its requests are logged with.
     */
    static TrafficLog stream(FrontendRuntime frontend, SocketAddress client, SocketAddress local, String scheme) {
        TrafficLog log = new TrafficLog(frontend);
        log.start(client, local);
        log.http2Scheme = scheme;
        return log;
    }

    /** @return the time of the start, in {@link System#nanoTime()} */
    private long start(SocketAddress client, SocketAddress local) {
        long now = System.nanoTime();
        acceptedAt = now;
        x.connection(frontend.config.name(), inet(client), inet(local));
        x.begin(logger != null ? System.currentTimeMillis() : 0, now);
        return now;
    }

    private static InetSocketAddress inet(SocketAddress a) {
        return a instanceof InetSocketAddress i ? i : null;
    }

    /** The connection is TLS ({@code %ft} gets its {@code ~}; {@code %sslv}, {@code %sslc} read {@code tls}). */
    void tlsConnection(io.ballast.core.request.TlsInfo tls) {
        x.tls(tls);
    }

    /**
     * What the log format's {@code %[...]} expressions read when the exchange's line is written: its rule context,
     * or the request alone; call before {@link #exchangeEnded}, while both are usable.
     */
    void samples(io.ballast.acl.SampleContext rules, io.ballast.core.request.RequestView request) {
        if (logsExchanges) {
            x.samples(rules, request);
        }
    }

    /** The TLS handshake failed: HAProxy's {@code fe/1: SSL handshake failure} line. */
    void tlsHandshakeFailed(String listener, Throwable cause) {
        if (logger != null) {
            String reason = cause instanceof io.netty.handler.ssl.SslHandshakeTimeoutException
                    ? "Timeout during SSL handshake"
                    : cause instanceof java.nio.channels.ClosedChannelException
                    || String.valueOf(cause == null ? null : cause.getMessage()).contains("closed")
                    ? "Connection closed during SSL handshake" : "SSL handshake failure";
            logger.handshakeFailed(x, listener, reason);
        }
    }

    /** The TLS handshake completed ({@code %Th}). */
    void tlsHandshakeDone() {
        x.handshakeDone(System.nanoTime());
    }

    /** The connection passed {@code tcp-request connection} rules: a frontend session starts. */
    void sessionStarted() {
        front.sessionStarted(frontend.connections.current(), acceptedAt);
    }

    /**
     * {@code tcp-request connection reject} closed the connection, or {@code silent-drop} dropped it, which HAProxy
     * counts as a refused request rather than a refused connection.
     */
    void connectionDenied(boolean silentDrop) {
        front.increment(silentDrop ? Counter.DENIED_REQUESTS : Counter.DENIED_CONNECTIONS);
    }

    /** A TCP-mode connection is one exchange from its accept, data or not. */
    void tcpSessionStarted() {
        inExchange = true;
    }

    void bytesFromClient(int n) {
        x.addBytesFromClient(n);
        if (!inExchange) {
            inExchange = true;
            x.requestStarted(System.nanoTime());
        }
    }

    void bytesToClient(long n) {
        x.addBytesToClient(n);
    }

    /**
     * The request head is parsed. A pipelined request parsed from bytes already read starts its exchange here, as
     * no read announced it.
     */
    void requestParsed(HttpHead request) {
        long now = System.nanoTime();
        if (!inExchange) {
            inExchange = true;
            x.requestStarted(now);
        }
        front.requestReceived(now);
        x.requestReceived(now);
        if (logsExchanges) { // the request line's strings are made only for a log line
            if (http2Scheme != null) {
                String host = request.header(HOST);
                x.request(request.method(), host == null ? request.uri() : http2Scheme + "://" + host + request.uri(),
                        "HTTP/2.0");
            } else {
                x.request(request.method(), request.uri(),
                        request.version() == HttpHead.HTTP_1_1 ? "HTTP/1.1" : "HTTP/1.0");
            }
        }
    }

    /** The exchange waits in {@code route}'s backend queue. */
    void queued(Route route) {
        route.backend.backend().counters().observeQueue(route.backend.queue.size());
    }

    /**
     * The request is assigned to {@code route}'s backend (its rules run next, then a server is taken): from here it
     * counts in the backend's sessions, requests and responses, as HAProxy counts a stream once its backend is set.
     */
    void routeChosen(Route route) {
        if (back == null) {
            long now = System.nanoTime();
            back = route.backend.backend().counters();
            back.sessionStarted(now);
            if (http) {
                back.requestCounted();
            }
        }
    }

    /** A server slot was taken (after the queue, if any), or another one on a redispatch. */
    void serverTaken(Route route, Server taken) {
        long now = System.nanoTime();
        server = taken;
        if (http) {
            taken.counters().requestCounted();
        }
        routed = true;
        x.route(route.backend.config().name(), taken.name());
        if (logsExchanges) { // only for %bq
            x.queues(0, route.backend.queue.size());
        }
        x.leftQueue(now);
    }

    /** A failed connection attempt is retried on the same server: counted on the server it failed on. */
    void retried() {
        retries++;
        countOnServerSide(Counter.RETRIES);
    }

    /** A failed attempt is retried on another server: counted on the server left, before the new one is taken. */
    void redispatched() {
        retries++;
        redispatched = true;
        countOnServerSide(Counter.REDISPATCHES);
    }

    /** A connection to the server is being opened, or an idle one was taken from the pool. */
    void connecting(boolean reused) {
        Counter counter = reused ? Counter.REUSES : Counter.CONNECTS;
        back.increment(counter);
        server.counters().increment(counter);
    }

    /** The exchange's captured values, for {@code %hr}/{@code %hs}. */
    void captures(String[] request, String[] response) {
        x.captures(request, response);
    }

    /**
     * The request as it goes on ({@code capture cookie}): HAProxy reads its cookies once the request rules let it
     * through, or when {@code deny} or {@code tarpit} refuse it.
     */
    void requestCookie(io.ballast.core.request.RequestView request) {
        CookieCapture capture = frontend.rules.cookieCapture;
        if (capture != null && logsExchanges) {
            x.requestCookie(capture.fromRequest(request));
        }
    }

    /**
     * The response as it goes to the client, after the {@code http-response} rules ({@code capture cookie}).
     *
     * @param edited the response as the rules left it, or {@code null} when they did not change {@code head}
     */
    void responseCookie(HttpResponseView edited, HttpHead head) {
        CookieCapture capture = frontend.rules.cookieCapture;
        if (capture != null && logsExchanges) {
            x.responseCookie(capture.fromResponse(edited != null ? edited : new HttpResponseView(head)));
        }
    }

    /** The severity {@code set-log-level} gave this exchange's line ({@link ExchangeLog#logLevel}). */
    void logLevel(int severity) {
        x.logLevel(severity);
    }

    /** The server connection is established or a pooled one taken ({@code %bi:%bp}, {@code %si:%sp}). */
    void serverConnected(io.netty.channel.Channel connection) {
        x.serverConnected(System.nanoTime());
        x.serverAddresses(inet(connection.localAddress()), inet(connection.remoteAddress()));
    }

    /** The response head goes to the client: its status and size. */
    void responseHead(int status, int headBytes) {
        serverResponded = true;
        x.responseReceived(System.nanoTime(), status);
        x.addBytesToClient(headBytes);
    }

    /**
     * A rule answered ({@code deny}, {@code redirect}, {@code return}, {@code auth}, {@code tarpit}): the proxy
     * whose rule it was logs as backend with {@code <NOSRV>}. A refusal counts in {@code dreq} (or {@code dresp}),
     * another answer in {@code intercepted}.
     *
     * @param proxyName that proxy's name, or {@code null} for a response rule, which replaced the server's answer
     *                  and keeps the route already recorded
     */
    void answeredLocally(String proxyName, RuleResult result, Route route, char cause, char phase) {
        ruleAnswered = true;
        if (proxyName == null) {
            serverResponded = false;
            if (result.denied) {
                countEverywhere(Counter.DENIED_RESPONSES);
            }
        } else {
            routed = true;
            x.route(proxyName, null);
            if (result.denied) {
                requestDenied(proxyName, route);
            } else {
                front.increment(Counter.INTERCEPTED);
            }
        }
        x.status(result.status);
        x.addBytesToClient(result.response.readableBytes());
        terminated(cause, phase);
    }

    /** A rule closed the connection without an answer ({@code reject}). */
    void rejected(Route route) {
        ruleAnswered = true;
        requestDenied(null, route);
        x.requestNotAccepted();
        closedWithoutAnswer(route);
    }

    /**
     * A rule made the connection vanish ({@code silent-drop}). As in HAProxy, the frontend and the backend the
     * exchange was assigned to, if any, count a refused request, and the state is {@code PR}.
     *
     * @param route        the route chosen so far, or {@code null}
     * @param serverStatus the status of the server's response an {@code http-response} rule dropped, which HAProxy
     *                     logs; -1 when the request was dropped
     */
    void silentlyDropped(Route route, int serverStatus) {
        ruleAnswered = true;
        front.increment(Counter.DENIED_REQUESTS);
        if (back != null) {
            back.increment(Counter.DENIED_REQUESTS);
        }
        if (serverStatus < 0) {
            x.requestNotAccepted();
        } else {
            x.status(serverStatus);
        }
        closedWithoutAnswer(route);
    }

    /** The state of an exchange a rule closed: {@code PR}, logged with the backend already chosen, if any. */
    private void closedWithoutAnswer(Route route) {
        if (!routed && route != null) {
            routed = true;
            x.route(route.backend.config().name(), null);
        }
        terminated('P', 'R');
    }

    /** As HAProxy: the frontend counts every refused request, a backend those its own rules refused. */
    private void requestDenied(String proxyName, Route route) {
        front.increment(Counter.DENIED_REQUESTS);
        if (route != null && route.backend.config().name().equals(proxyName)
                && !proxyName.equals(frontend.config.name())) {
            route.backend.backend().counters().increment(Counter.DENIED_REQUESTS);
        }
    }

    /**
     * Ballast answered with an error page ({@code %B} stays as HAProxy counts it: 0 for such pages). An exchange
     * that got no server logs {@code <backend>/<NOSRV>}, or the frontend itself when no backend was chosen.
     */
    void answered(int status, String backendName) {
        serverResponded = false;
        x.status(status);
        if (!routed) {
            routed = true;
            x.route(backendName, null);
        }
    }

    /** The exchange ended abnormally. The first reason given wins. */
    void terminated(char cause, char phase) {
        if (inExchange && !terminated) {
            terminated = true;
            x.terminated(cause, phase);
        }
    }

    /** Counts and logs the exchange, if one was under way, and starts recording the next one on this connection. */
    void exchangeEnded() {
        if (!inExchange) {
            return;
        }
        long now = System.nanoTime();
        x.closed(now);
        count();
        if (logsExchanges) {
            // %bc without this exchange, whose backend session count() ended: HAProxy 2.6 logs it so too
            x.counters(frontend.connections.globalCurrent(), frontend.connections.current(),
                    back == null ? 0 : back.currentSessions(), 0);
            x.retries(retries, redispatched);
            logger.ended(x);
        }
        x.begin(logsExchanges ? System.currentTimeMillis() : 0, now);
        inExchange = false;
        terminated = false;
        routed = false;
        back = null;
        server = null;
        serverResponded = false;
        ruleAnswered = false;
        retries = 0;
        redispatched = false;
    }

    private void count() {
        long in = x.bytesFromClient();
        long out = x.bytesToClient();
        int status = x.status();
        front.add(Counter.BYTES_IN, in);
        front.add(Counter.BYTES_OUT, out);
        if (http && status > 0) {
            front.responded(status);
        }
        countErrors();
        if (back == null) {
            return;
        }
        back.sessionEnded();
        back.add(Counter.BYTES_IN, in);
        back.add(Counter.BYTES_OUT, out);
        if (http && status > 0) {
            back.responded(status);
        }
        if (server == null) {
            return;
        }
        TrafficCounters srv = server.counters();
        srv.add(Counter.BYTES_IN, in);
        srv.add(Counter.BYTES_OUT, out);
        if (http && serverResponded) {
            srv.responded(status);
        }
        x.addTimingsTo(back, http);
        x.addTimingsTo(srv, http);
    }

    /**
     * The error counters that the termination state implies, as HAProxy counts them: request errors on the frontend,
     * connection and response errors and aborts on the backend and the server.
     */
    private void countErrors() {
        char cause = x.cause();
        char phase = x.phase();
        if (cause == '-') {
            return;
        }
        if (phase == 'R' && (cause == 'P' || cause == 'c' || cause == 'C') && !ruleAnswered) {
            front.increment(Counter.REQUEST_ERRORS);
        } else if (cause == 'I') {
            front.increment(Counter.INTERNAL_ERRORS);
        }
        if (back == null) {
            return;
        }
        switch (phase) {
            case 'C', 'Q' -> { // no server available, a refused or timed out connection, a queue timeout
                if (cause == 'S' || cause == 's') {
                    countOnServerSide(Counter.CONNECTION_ERRORS);
                }
            }
            case 'H' -> {
                if (cause == 'S' || cause == 's') {
                    countOnServerSide(Counter.RESPONSE_ERRORS);
                } else if (cause == 'C' || cause == 'c') {
                    countOnServerSide(Counter.CLIENT_ABORTS);
                }
            }
            case 'D', 'L' -> {
                if (cause == 'S' || cause == 's') {
                    countOnServerSide(Counter.SERVER_ABORTS);
                } else if (cause == 'C' || cause == 'c') {
                    countOnServerSide(Counter.CLIENT_ABORTS);
                }
            }
            default -> { }
        }
    }

    /** Counts on the backend, and on the server when one was taken. */
    private void countOnServerSide(Counter counter) {
        back.increment(counter);
        if (server != null) {
            server.counters().increment(counter);
        }
    }

    private void countEverywhere(Counter counter) {
        front.increment(counter);
        if (back != null) {
            countOnServerSide(counter);
        }
    }
}
