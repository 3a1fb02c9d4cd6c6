package io.ballast.proxy.log;

import java.net.InetSocketAddress;

/**
 * What one exchange (an HTTP request and its response, or a whole TCP session) did, filled in by the engine as it
 * happens and read by {@link AccessLogger} at the end. One instance per client connection, reused for each exchange:
 * {@link #connection} once, {@link #begin} at the start of each exchange. The setters only store primitives or
 * references the engine already holds; nothing allocates.
 *
 * <p>Timestamps are {@link System#nanoTime()} values. They are kept, as in HAProxy, as milliseconds since
 * {@link #begin}, -1 for a point never reached, and HAProxy's log timers are derived from them when a line is
 * written: {@code Th} = handshake, {@code Ti} = request start − handshake, {@code TR} = headers received − request
 * start, {@code Tw} = left queue − headers received, {@code Tc} = connected − left queue, {@code Tr} = response
 * headers − connected, {@code Tt} = closed, {@code Ta} = {@code Tt − (Th + Ti)}.
 *
 * <p>Not thread-safe: it belongs to the connection's event loop.
 */
public final class ExchangeLog {

    /** The server name printed when no server was chosen. */
    static final String NO_SERVER = "<NOSRV>";
    /** For {@link #logLevel}: the exchange is not logged at all ({@code set-log-level silent}). */
    public static final int SILENT = -2;
    /** For {@link #logLevel}: the logger's usual severity, {@code info}. */
    public static final int USUAL_LEVEL = -1;

    String frontend = "-";
    /** What {@code %[...]} expressions read: the exchange's rule context, or {@code null}. */
    private io.ballast.acl.SampleContext samples;
    /** The request {@code %[...]} expressions read when there is no rule context, or {@code null}. */
    private io.ballast.core.request.RequestView sampledRequest;
    /** The connection's TLS facts ({@code %sslv}, {@code %sslc}; {@code %ft} gets a {@code ~}), or {@code null}. */
    io.ballast.core.request.TlsInfo tlsInfo;
    InetSocketAddress client;
    InetSocketAddress frontendAddress;
    InetSocketAddress serverLocal;
    InetSocketAddress server;
    /** {@link #client}'s IP as text, computed on first use and kept for the connection. */
    String clientIp;
    /** {@link #frontendAddress}'s IP as text, computed on first use and kept for the connection. */
    String frontendIp;

    long acceptMillis;
    private long acceptNanos;
    int tHandshake;
    int tIdle;
    int tRequest;
    int tQueue;
    int tConnect;
    int tData;
    int tClose;

    int status;
    String[] requestCaptures;
    String[] responseCaptures;
    String requestCookie;
    String responseCookie;
    /** A syslog severity (0 to 7), {@link #SILENT} or {@link #USUAL_LEVEL}. */
    int level;
    long bytesToClient;
    long bytesFromClient;
    String backend;
    String serverName;
    String method;
    String uri;
    String version;
    int activeConnections;
    int frontendConnections;
    int backendConnections;
    int serverConnections;
    int retries;
    boolean redispatched;
    int serverQueue;
    int backendQueue;
    long requestCounter;
    char cause;
    char phase;

    /** Creates an empty record; call {@link #connection} and {@link #begin} before use. */
    public ExchangeLog() {
        begin(0, 0);
    }

    /**
     * Sets what stays the same for every exchange of a connection; call once after accept.
     *
     * @param frontendName    the frontend's name ({@code %f})
     * @param clientAddress   the client's address ({@code %ci:%cp})
     * @param listenerAddress the address the client connected to ({@code %fi:%fp})
     */
    public void connection(String frontendName, InetSocketAddress clientAddress, InetSocketAddress listenerAddress) {
        frontend = frontendName;
        tlsInfo = null;
        client = clientAddress;
        frontendAddress = listenerAddress;
        clientIp = null;
        frontendIp = null;
    }

    /**
     * Starts an exchange and clears everything but the connection: at accept for the first exchange, and when the
     * previous exchange ended for the next one on a keep-alive connection (the wait in between is then {@code Ti}).
     *
     * @param epochMillis {@link System#currentTimeMillis()} now ({@code %t}, {@code %tr})
     * @param nanos       {@link System#nanoTime()} now
     */
    public void begin(long epochMillis, long nanos) {
        samples = null;
        sampledRequest = null;
        acceptMillis = epochMillis;
        acceptNanos = nanos;
        tHandshake = 0;
        tIdle = -1;
        tRequest = -1;
        tQueue = -1;
        tConnect = -1;
        tData = -1;
        tClose = -1;
        status = -1;
        bytesToClient = 0;
        bytesFromClient = 0;
        requestCaptures = null;
        responseCaptures = null;
        requestCookie = null;
        responseCookie = null;
        level = USUAL_LEVEL;
        backend = null;
        serverName = null;
        serverLocal = null;
        server = null;
        method = null;
        uri = null;
        version = null;
        activeConnections = 0;
        frontendConnections = 0;
        backendConnections = 0;
        serverConnections = 0;
        retries = 0;
        redispatched = false;
        serverQueue = 0;
        backendQueue = 0;
        requestCounter = 0;
        cause = '-';
        phase = '-';
    }

    /**
     * A rule closed the connection before the request was accepted ({@code reject}, {@code silent-drop}): as in
     * HAProxy, {@code TR} is then logged as -1.
     */
    public void requestNotAccepted() {
        tRequest = -1;
    }

    /**
     * The connection is TLS: {@code %ft} gets a {@code ~}, {@code %sslv} and {@code %sslc} print its protocol and
     * cipher. Call after {@link #connection}, which clears it.
     */
    public void tls(io.ballast.core.request.TlsInfo info) {
        tlsInfo = info;
    }

    /**
     * What {@code %[...]} expressions of the log format read when the line is written: the exchange's rule context
     * (the request, the response, variables...) or, without one, the request alone. Both must stay usable until
     * the line is written (the exchange's end).
     */
    public void samples(io.ballast.acl.SampleContext context, io.ballast.core.request.RequestView request) {
        samples = context;
        sampledRequest = request;
    }

    /** What {@code %[...]} expressions read, or {@code null} when nothing is known of the exchange. */
    io.ballast.acl.SampleContext sampleContext() {
        if (samples == null && sampledRequest != null) {
            samples = io.ballast.acl.SampleContext.of(sampledRequest);
        }
        return samples;
    }

    /** The TLS handshake finished ({@code Th}); plain connections leave it at 0. */
    public void handshakeDone(long nanos) {
        tHandshake = since(nanos);
    }

    /** The first byte of the request arrived ({@code Ti} ends). */
    public void requestStarted(long nanos) {
        tIdle = Math.max(0, since(nanos) - tHandshake);
    }

    /** The request's headers are complete ({@code TR} ends); also call {@link #request}. */
    public void requestReceived(long nanos) {
        if (tIdle < 0) {
            tIdle = 0;
        }
        tRequest = since(nanos);
    }

    /**
     * The request line, as parsed; never called for a request that could not be parsed ({@code <BADREQ>}).
     * Characters are written as their low byte (Latin-1), so strings decoded from the wire as Latin-1 log exactly.
     */
    public void request(String requestMethod, String requestUri, String httpVersion) {
        method = requestMethod;
        uri = requestUri;
        version = httpVersion;
    }

    /**
     * The values captured for this exchange ({@code capture request|response header}, {@code http-request
     * capture}) in declaration order, printed by {@code %hr}/{@code %hs}; an entry may be {@code null} (nothing
     * captured), an array {@code null} when the frontend declares no captures of that kind.
     */
    public void captures(String[] request, String[] response) {
        requestCaptures = request;
        responseCaptures = response;
    }

    /** The request cookie that {@code capture cookie} found ({@code %CC}), or {@code null} for none. */
    public void requestCookie(String cookie) {
        requestCookie = cookie;
    }

    /** The response cookie that {@code capture cookie} found ({@code %CS}), or {@code null} for none. */
    public void responseCookie(String cookie) {
        responseCookie = cookie;
    }

    /**
     * The severity of this exchange's line ({@code set-log-level}): a syslog severity from 0 ({@code emerg}) to 7
     * ({@code debug}), {@link #SILENT} for no line, or {@link #USUAL_LEVEL}.
     */
    public void logLevel(int severity) {
        level = severity;
    }

    /**
     * Where the exchange went. For a response produced by Ballast itself (deny, redirect, return, no backend), pass
     * the proxy whose rule answered (the frontend's name when no backend was chosen) and {@code null} as server.
     *
     * @param backendName the backend ({@code %b})
     * @param server      the server ({@code %s}), {@code null} for {@code <NOSRV>}
     */
    public void route(String backendName, String server) {
        backend = backendName;
        serverName = server;
    }

    /** The server connection's two ends ({@code %bi:%bp}, {@code %si:%sp}). */
    public void serverAddresses(InetSocketAddress local, InetSocketAddress remote) {
        serverLocal = local;
        server = remote;
    }

    /** A server was assigned, after queueing or not ({@code Tw} ends); not called when none could be. */
    public void leftQueue(long nanos) {
        tQueue = since(nanos);
    }

    /** The server connection is established, or a pooled one was taken ({@code Tc} ends). */
    public void serverConnected(long nanos) {
        tConnect = since(nanos);
    }

    /** The server's response headers arrived ({@code Tr} ends). */
    public void responseReceived(long nanos, int responseStatus) {
        tData = since(nanos);
        status = responseStatus;
    }

    /** The status sent to the client when Ballast answered itself (or replaced the server's response). */
    public void status(int responseStatus) {
        status = responseStatus;
    }

    /** Counts bytes sent to the client, headers included ({@code %B}). */
    public void addBytesToClient(long n) {
        bytesToClient += n;
    }

    /** Counts bytes received from the client, headers included ({@code %U}). */
    public void addBytesFromClient(long n) {
        bytesFromClient += n;
    }

    /**
     * The concurrency counters as they are when the exchange ends: the connection counts include this exchange's,
     * the backend's and server's no longer do (its server slot is released first, as in HAProxy 2.6).
     *
     * @param process  {@code %ac}, connections in the process
     * @param fe       {@code %fc}, connections on the frontend
     * @param be       {@code %bc}, connections on the backend
     * @param srv      {@code %sc}, connections on the server
     */
    public void counters(int process, int fe, int be, int srv) {
        activeConnections = process;
        frontendConnections = fe;
        backendConnections = be;
        serverConnections = srv;
    }

    /** How many requests were queued ahead of this one on the server ({@code %sq}) and the backend ({@code %bq}). */
    public void queues(int server, int backendWide) {
        serverQueue = server;
        backendQueue = backendWide;
    }

    /** Connection retries ({@code %rc}), and whether the last went to another server ({@code +} prefix). */
    public void retries(int count, boolean redispatch) {
        retries = count;
        redispatched = redispatch;
    }

    /** The process-wide exchange counter ({@code %rt}). */
    public void requestCounter(long counter) {
        requestCounter = counter;
    }

    /**
     * Why and when the exchange ended ({@code %ts}), when not normally.
     *
     * @param why  {@code C} client abort, {@code S} server abort or refusal, {@code P} proxy (deny, 400),
     *             {@code L} local answer, {@code R} resource, {@code I} internal, {@code D} server down,
     *             {@code K} killed, {@code c} client timeout, {@code s} server timeout
     * @param when {@code R} request, {@code Q} queue, {@code C} connect, {@code H} response headers,
     *             {@code D} data, {@code L} last data, {@code T} tarpit
     */
    public void terminated(char why, char when) {
        cause = why;
        phase = when;
    }

    /** The exchange is over ({@code Tt} ends); call right before {@link AccessLogger#ended}. */
    public void closed(long nanos) {
        tClose = since(nanos);
    }

    /** The status sent to the client, or -1 when none was. */
    public int status() {
        return status;
    }

    /** Bytes received from the client so far ({@code %U}). */
    public long bytesFromClient() {
        return bytesFromClient;
    }

    /** Bytes sent to the client so far ({@code %B}). */
    public long bytesToClient() {
        return bytesToClient;
    }

    /** The termination cause given to {@link #terminated}, or {@code -}. */
    public char cause() {
        return cause;
    }

    /** The phase given to {@link #terminated}, or {@code -}. */
    public char phase() {
        return phase;
    }

    /**
     * Adds this exchange's {@code Tw}, {@code Tc}, {@code Tr} and {@code Tt} to the recent averages of
     * {@code counters} ({@code qtime}, {@code ctime}, {@code rtime}, {@code ttime}) when it went through every phase
     * with a server, as HAProxy counts only those; call after {@link #closed}.
     *
     * @param http whether the exchange is an HTTP one: a TCP session has no response head, so its {@code Tr} is 0
     */
    public void addTimingsTo(io.ballast.core.stats.TrafficCounters counters, boolean http) {
        int data = http ? tData : tConnect;
        if (tQueue < 0 || tConnect < 0 || data < 0 || tClose < 0) {
            return;
        }
        counters.timings(tQueue - Math.max(0, tRequest), tConnect - tQueue, data - tConnect, tClose);
    }

    private int since(long nanos) {
        return (int) Math.max(0, (nanos - acceptNanos) / 1_000_000L);
    }
}
