package io.ballast.proxy;

import io.ballast.core.config.HttpConnectionMode;
import io.ballast.core.config.HttpReuse;
import io.ballast.core.config.ProxyMode;
import io.ballast.core.server.Server;
import io.ballast.health.ObservedOutcome;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One client connection and the exchanges on it, one at a time: read a request head, pick a server,
 * get a connection to it on this event loop (pooled or new, with retries), stream the request body and
 * the response back, then keep the connection for the next request or close it. Pipelined requests wait
 * in the input buffer until the previous response is complete. Everything runs on the client channel's
 * event loop, the server connections included, so no state here needs a lock.
 */
final class ClientSession extends ChannelInboundHandlerAdapter implements BackendQueue.Waiter, DrainableConnection {

    private enum Phase { HEAD, BODY, TARPIT, QUEUED, CONNECTING, FORWARDING, TUNNEL, CLOSED }

    private static final AsciiString HEAD = AsciiString.cached("HEAD");

    private static final AsciiString UPGRADE = AsciiString.cached("upgrade");
    private static final AsciiString SEC_WEBSOCKET_KEY = AsciiString.cached("sec-websocket-key");

    private final FrontendRuntime frontend;
    private final Engine engine;
    /**
     * Whether this session serves one HTTP/2 stream (through an {@link Http2StreamBridge}) rather than an HTTP/1.x
     * connection: one exchange, and the connection's own affairs (accept, connection rules) are not its own.
     */
    private final boolean http2Stream;
    /** The backends of the configuration that accepted this connection, which its requests are routed over. */
    private final BackendLookup backends;
    private ChannelHandlerContext ctx;
    private Phase phase = Phase.HEAD;
    private boolean firstRequest;
    /** The client's IP address, or null for a client on a UNIX socket. */
    private java.net.InetAddress clientIp;
    /** The client's address as written in a forwarded-for header, made on first use. */
    private byte[] clientIpText;
    /** Bytes read from the client and not forwarded yet. */
    private ByteBuf in;
    /** The one pending timeout check, due at {@link #timerDue}; see {@link #arm}. */
    private ScheduledFuture<?> timer;
    private long timerDue;
    private long phaseStart;
    private long lastClientRead;
    /** Last read from or write to the server: an upload in progress keeps {@code timeout server} from expiring. */
    private long lastServerActivity;
    /** The client shut down its sending side; see {@link #userEventTriggered}. */
    private boolean clientInputClosed;
    /** The server shut down its sending side in a tunnel; see {@link #serverInputClosed}. */
    private boolean serverInputClosed;
    /** The counters and access log of this connection's exchanges; set when the connection becomes active. */
    private TrafficLog log;
    /** The connection's TLS facts when a listener terminated TLS on it, else {@code null}. */
    private io.ballast.proxy.tls.ConnectionTls tls;
    /** With {@code http-reuse never}: the idle server connection this client keeps for its next request. */
    private ServerConnection privateIdle;

    // The current exchange.
    /** Where the request goes once rules chose its backend; {@code null} before. */
    private Route route;
    private HttpHead request;
    private HttpRequestView view;
    /** The request's capture slots, when the frontend declares captures. */
    private String[] requestCaptures;
    /** What rules read and changed; {@code null} when no rule applies to this frontend and its backends. */
    private RuleContext rules;
    /** The answer of {@code http-request tarpit}, sent once the request has been held long enough. */
    private RuleResult tarpitted;
    /** An answer waiting for the request body (the stats page's admin form), in phase BODY. */
    private LocalBody localBody;
    private BodyFramer requestBody;
    private Server server;
    private ServerConnection connection;
    /** The head sent to the server, kept until the response starts so that it can be sent again. */
    private ByteBuf outboundHead;
    /**
     * Whether the request may be sent again after it reached a server ({@code retry-on} beyond conn-failure): as
     * in HAProxy, only when the whole request was at hand, within {@code tune.bufsize}, when first sent.
     */
    private boolean replayable;
    /** The request body as sent, kept with {@link #outboundHead} while {@link #replayable}; {@code null} if none. */
    private ByteBuf replayBody;
    private boolean requestBodySent;
    /**
     * The server {@code use-server} chose, or {@code null}: kept while the request waits in the queue, and then
     * retries never go elsewhere for the algorithm's sake.
     */
    private Server pinnedServer;
    /** When the request head went to the server: the response head's delay feeds latency-aware balancing. */
    private long requestSentAt;
    /** Whether the server sent anything for this exchange; after that the request is never sent again. */
    private boolean serverAnswered;
    private int retriesLeft;
    private boolean closeAfterExchange;
    private boolean upgradeRequested;
    /** Server bytes not forwarded yet while the response head is incomplete. */
    private ByteBuf serverIn;
    private HttpHead response;
    private BodyFramer responseBody;
    private boolean responseStarted;

    ClientSession(FrontendRuntime frontend, BackendLookup backends, Engine engine) {
        this(frontend, backends, engine, false);
    }

    ClientSession(FrontendRuntime frontend, BackendLookup backends, Engine engine, boolean http2Stream) {
        this.frontend = frontend;
        this.backends = backends;
        this.engine = engine;
        this.http2Stream = http2Stream;
        // An HTTP/2 stream's request is never its connection's first in http-reuse's sense: the connection was
        // there before it, so the client can retry should a pooled server connection fail.
        this.firstRequest = !http2Stream;
    }

    /** Whether the connection should close after the exchange under way: stopping, or its configuration replaced. */
    private boolean draining() {
        return frontend.retired || engine.isStopping();
    }

    /**
     * Whether a soft stop closes this connection once idle, as HAProxy does, even after a response that announced
     * keep-alive; {@code option idle-close-on-response} makes it wait for the next request instead.
     */
    private boolean stoppingClosesIdle() {
        return engine.isStopping() && !frontend.config.idleCloseOnResponse();
    }

    // ---- client side events

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        lastClientRead = System.nanoTime();
        SocketAddress remote = ClientAddresses.remote(ctx.channel());
        SocketAddress local = ClientAddresses.local(ctx.channel());
        if (remote instanceof InetSocketAddress client) {
            clientIp = client.getAddress();
        }
        tls = io.ballast.proxy.tls.ConnectionTls.of(Http2Frontend.connectionOf(ctx.channel()));
        log = http2Stream ? TrafficLog.stream(frontend, remote, local, tls != null ? "https" : "http")
                : TrafficLog.accepted(frontend, remote, local);
        if (tls != null) {
            log.tlsConnection(tls);
        }
        if (http2Stream) {
            enterHeadPhase(); // the connection was accepted, and its rules run, before it became HTTP/2
            return;
        }
        if (!frontend.rules.tcpConnection.isEmpty()) {
            // As HAProxy: these rules see the socket's addresses, never a PROXY protocol header's.
            RuleContext connectionRules = new RuleContext(backends, frontend,
                    new HttpRequestView(null, ctx.channel().remoteAddress(), ctx.channel().localAddress(), tls));
            RuleResult verdict = HttpRule.evaluate(frontend.rules.tcpConnection, connectionRules);
            if (verdict.kind == RuleResult.Kind.REJECT) {
                log.connectionDenied(verdict.dropsSilently());
                phase = Phase.CLOSED;
                closeClient(verdict);
                return;
            }
        }
        log.sessionStarted();
        if (frontend.mode == ProxyMode.TCP) {
            view = new HttpRequestView(null, remote, local, tls);
            log.tcpSessionStarted();
            if (tls == null) {
                startExchange();
            } // else once the TLS handshake is done, as HAProxy does: the server may get the client's SNI
        } else {
            enterHeadPhase();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf data = (ByteBuf) msg;
        lastClientRead = System.nanoTime();
        log.bytesFromClient(data.readableBytes());
        if (phase == Phase.CLOSED) {
            data.release();
            return;
        }
        if (phase == Phase.TUNNEL && in == null) {
            connection.channel().write(data, connection.channel().voidPromise());
            updateClientReading();
            return;
        }
        append(data);
        process();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (connection != null && (phase == Phase.FORWARDING || phase == Phase.TUNNEL)) {
            connection.channel().flush();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (connection != null) {
            setReading(connection.channel(), ctx.channel().isWritable());
        }
    }

    /**
     * The client shut down its sending side (half-close) but still reads. As HAProxy does without
     * {@code option abortonclose}, a complete request still gets its response, after which the connection
     * closes; an incomplete one is abandoned. In a tunnel the half-close is passed on to the server.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof io.netty.handler.ssl.SslHandshakeCompletionEvent handshake) {
            if (handshake.isSuccess()) {
                log.tlsHandshakeDone(); // %Th
                if (frontend.mode == ProxyMode.TCP && phase == Phase.HEAD) {
                    startExchange();
                }
            } else if (tls != null) {
                log.tlsHandshakeFailed(tls.listener(), handshake.cause());
            }
            return;
        }
        if (!(evt instanceof ChannelInputShutdownEvent)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        clientInputClosed = true;
        switch (phase) {
            case QUEUED, CONNECTING -> { } // decided once connected, when the buffered body has been framed
            case FORWARDING, TUNNEL -> applyClientHalfClose();
            default -> closeClientAfterFlush();
        }
    }

    /**
     * The client half-closed. As HAProxy does without {@code option abortonclose}, a complete request
     * still gets its response, after which the connection closes; an incomplete one is abandoned. In a
     * tunnel the half-close is passed on to the server.
     */
    private void applyClientHalfClose() {
        if (phase == Phase.TUNNEL) {
            if (connection.channel() instanceof DuplexChannel server && !serverInputClosed) {
                // Shut down only once the bytes already relayed are written: Netty fails pending writes on shutdown.
                server.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(f -> server.shutdownOutput());
                arm(tunnelTimeout());
            } else {
                closeClientAfterFlush();
            }
        } else if (requestBody.isDone()) {
            closeAfterExchange = true;
        } else {
            abandonServer();
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        leaveQueue();
        log.terminated('C', logPhase());
        phase = Phase.CLOSED;
        cancelTimer();
        abandonServer();
        if (privateIdle != null) {
            privateIdle.close();
            privateIdle = null;
        }
        releaseExchange();
        release(in);
        in = null;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void append(ByteBuf data) {
        in = cumulate(in, data);
    }

    /** {@code data} appended to {@code buffered} (taking ownership of both), copying only when it must. */
    private ByteBuf cumulate(ByteBuf buffered, ByteBuf data) {
        if (buffered == null) {
            return data;
        }
        if (buffered.refCnt() == 1 && buffered.writableBytes() >= data.readableBytes()) {
            buffered.writeBytes(data);
            data.release();
            return buffered;
        }
        ByteBuf merged = ctx.alloc().buffer(buffered.readableBytes() + data.readableBytes());
        merged.writeBytes(buffered).writeBytes(data);
        buffered.release();
        data.release();
        return merged;
    }

    private void process() {
        switch (phase) {
            case HEAD -> readHead();
            case BODY -> readLocalBody();
            case FORWARDING -> forwardRequestBody();
            case TUNNEL -> forwardTunnelInput();
            default -> { }
        }
        updateClientReading();
    }

    // ---- request head

    private void enterHeadPhase() {
        phase = Phase.HEAD;
        phaseStart = System.nanoTime();
        arm(headTimeout());
        if (in != null && in.isReadable()) {
            readHead();
        }
    }

    private void readHead() {
        if (in == null) {
            return;
        }
        HttpHeadParser.skipLeadingEmptyLines(in);
        int end = HttpHeadParser.findEnd(in);
        if (end < 0) {
            if (in.readableBytes() > frontend.maxHeadSize) {
                boolean requestLineEnded = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n') >= 0;
                sendError(requestLineEnded ? 431 : 414);
            } else {
                releaseIfDrained();
            }
            return;
        }
        if (end - in.readerIndex() > frontend.maxHeadSize) {
            sendError(431);
            return;
        }
        if (firstRequest && !http2Stream && Http2Frontend.startsWithPreface(in)) {
            becomeHttp2();
            return;
        }
        ByteBuf headBytes = in.readRetainedSlice(end - in.readerIndex());
        try {
            request = HttpHeadParser.forThisThread().parseRequest(headBytes);
        } catch (HttpParseException e) {
            headBytes.release();
            sendError(e.status());
            return;
        }
        releaseIfDrained();
        log.requestParsed(request);
        captureRequestHeaders();
        if (isWebSocketUpgradeWithoutKey(request)) {
            sendError(400); // as HAProxy: such a handshake can only fail, or smuggle a tunnel
            return;
        }
        view = new HttpRequestView(request, ClientAddresses.remote(ctx.channel()),
                ClientAddresses.local(ctx.channel()), tls);
        if (http2Stream) {
            view.receivedOverHttp2();
        }
        startExchange();
    }

    /**
     * The client opened with the HTTP/2 preface (ALPN h2, or clear-text prior knowledge): HTTP/2 takes the connection
     * over, and this session leaves it; each stream gets a session of its own.
     */
    private void becomeHttp2() {
        cancelTimer();
        phase = Phase.CLOSED;
        ByteBuf buffered = in;
        in = null;
        Http2Frontend.install(ctx, frontend, backends, engine, buffered);
    }

    /** Fills the {@code capture request header} slots from the request as received, before any rule. */
    private void captureRequestHeaders() {
        List<ProxyRules.Capture> slots = frontend.rules.requestCaptures;
        if (slots.isEmpty()) {
            return;
        }
        requestCaptures = new String[slots.size()];
        for (int i = 0; i < requestCaptures.length; i++) {
            ProxyRules.Capture slot = slots.get(i);
            if (slot.header() != null) {
                requestCaptures[i] = slot.cut(request.header(slot.header()));
            }
        }
        log.captures(requestCaptures, null);
    }

    /** Fills the {@code capture response header} slots from the server's response head. */
    private void captureResponseHeaders(HttpHead head) {
        List<ProxyRules.Capture> slots = frontend.rules.responseCaptures;
        if (slots.isEmpty()) {
            return;
        }
        String[] values = new String[slots.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = slots.get(i).cut(head.header(slots.get(i).header()));
        }
        log.captures(requestCaptures, values);
    }

    private static boolean isWebSocketUpgradeWithoutKey(HttpHead head) {
        return head.hasConnection(HttpHead.CONN_UPGRADE) && head.has(HttpHead.KIND_UPGRADE)
                && "websocket".equalsIgnoreCase(head.header(UPGRADE)) && head.header(SEC_WEBSOCKET_KEY) == null;
    }

    private void startExchange() {
        if (!chooseRoute()) {
            return;
        }
        Server chosen = server;
        server = null;
        pinnedServer = chosen;
        if (takeServer(chosen, false)) {
            forwardToServer();
        }
    }

    /**
     * Takes a slot on {@code chosen} (the {@code use-server} choice, or {@code null} for the algorithm's) or, when
     * it is full, on another server; when every server is full the request waits in the backend's queue.
     *
     * @return whether {@link #server} is set and counted; false when queued or answered 503
     */
    private boolean takeServer(Server chosen, boolean woken) {
        Server first = chosen != null && chosen.isUsable() ? chosen : route.backend.backend().pick(view);
        if (first == null) {
            log.terminated('S', 'C'); // HAProxy's state for "no server available"
            sendError(503);
            return false;
        }
        long endedBefore = route.backend.queue.endedSoFar();
        Server taken = route.backend.queue.take(first, view, woken, first == chosen);
        if (taken == null) {
            if (phase != Phase.QUEUED) {
                phase = Phase.QUEUED;
                phaseStart = System.nanoTime();
                arm(route.queueTimeout);
                updateClientReading();
            }
            route.backend.queue.enqueue(this, woken, endedBefore);
            log.queued(route);
            return false;
        }
        server = taken;
        route.backend.sessions.attach(server, this);
        log.serverTaken(route, server);
        return true;
    }

    /** A slot may be free: try again on this session's event loop. */
    @Override
    public void wake() {
        ctx.executor().execute(() -> {
            if (phase == Phase.QUEUED && takeServer(pinnedServer, true)) {
                forwardToServer();
            }
        });
    }

    /** The exchange has its server: write the head and connect (or reuse a connection). */
    private void forwardToServer() {
        retriesLeft = route.retries;
        replayable = route.replaysRequests && request != null && (rules == null || rules.l7Retries);
        if (request != null) {
            requestBody = BodyFramer.forRequest(request);
            upgradeRequested = request.hasConnection(HttpHead.CONN_UPGRADE) && request.has(HttpHead.KIND_UPGRADE);
            closeAfterExchange = !request.wantsKeepAlive() || route.connectionMode == HttpConnectionMode.CLOSE
                    || request.hadConflictingFraming();
            AsciiString forwardFor = forwardForName();
            byte[] forwardedFor = forwardFor == null ? null : clientIpText();
            outboundHead = view.isEdited()
                    ? HeadWriter.writeEdited(ctx.alloc(), request, view.startLine(), view.editHeaders(),
                            serverConnectionHeader(), forwardFor, forwardedFor)
                    : HeadWriter.write(ctx.alloc(), request, serverConnectionHeader(), forwardFor, forwardedFor);
        }
        phase = Phase.CONNECTING;
        obtainConnection(true);
    }

    /**
     * Runs the frontend's rules, picks the backend ({@code use_backend}, else the default one), then runs the
     * backend's rules and {@code use-server}, in HAProxy's order. Sets {@link #route}, and {@link #server} when
     * {@code use-server} chose one.
     *
     * @return false when a rule answered or closed the connection, or there is no backend (503)
     */
    private boolean chooseRoute() {
        if (frontend.rules.empty && frontend.defaultRoute != null && frontend.defaultRoute.backend.rules.empty) {
            route = frontend.defaultRoute;
            log.routeChosen(route);
            log.requestCookie(view);
            return true;
        }
        rules = new RuleContext(backends, frontend, view);
        rules.requestCaptures = requestCaptures;
        Routing.Decision decision = Routing.decide(frontend, rules, backends);
        if (decision.readsCookies()) {
            log.requestCookie(view);
        }
        route = decision.route();
        if (route != null) {
            log.routeChosen(route);
        }
        if (decision.answer() != null && decision.answer().afterBody != null) {
            localBody = new LocalBody(request, decision.answer(), frontend.maxHeadSize);
            phase = Phase.BODY;
            arm(frontend.clientTimeout);
            readLocalBody();
            return false;
        }
        if (decision.answer() != null) {
            answeredByRule(decision.answer());
            return false;
        }
        if (route == null) {
            sendError(503);
            return false;
        }
        server = decision.server();
        route = route.withTimeouts(rules.serverTimeout, rules.tunnelTimeout);
        return true;
    }

    /**
     * Carries out a rule that answers the request itself or rejects it. The connection stays open after an answer
     * when the request had no body and the client keeps its connections; otherwise it closes.
     *
     * @return whether the rule ended the exchange
     */
    private boolean answeredByRule(RuleResult result) {
        switch (result.kind) {
            case REJECT -> {
                if (result.dropsSilently()) {
                    log.silentlyDropped(route, response != null ? response.status() : -1);
                } else {
                    log.rejected(route);
                }
                phase = Phase.CLOSED;
                releaseExchange();
                closeClient(result);
                return true;
            }
            case RESPOND -> {
                if (tarpitted == null) { // a tarpit comes here twice: when it starts and when it answers
                    log.answeredLocally(response != null ? null
                                    : route != null ? route.backend.config().name() : frontend.config.name(),
                            result, route, result.status >= 400 ? 'P' : 'L',
                            response != null ? 'H' : result.delayMillis > 0 ? 'T' : 'R');
                }
                if (result.delayMillis > 0) {
                    holdRequest(result);
                    return true;
                }
                boolean bodyPending = requestBody != null ? !requestBody.isDone()
                        : request != null && (request.isChunked() || request.contentLength() > 0);
                boolean close = result.close || request == null || !request.wantsKeepAlive()
                        || request.version() == HttpHead.HTTP_1_0 || bodyPending || draining() || http2Stream;
                if (close || frontend.mode == ProxyMode.TCP) {
                    phase = Phase.CLOSED;
                    releaseExchange();
                    closeAfter(ctx.writeAndFlush(result.response));
                    return true;
                }
                ctx.write(result.response, ctx.voidPromise());
                releaseExchange();
                ctx.flush();
                firstRequest = false;
                phase = Phase.HEAD;
                // Later pipelined requests are read from the next loop turn, so that many answered
                // requests in one buffer do not nest calls.
                ctx.executor().execute(() -> {
                    if (phase == Phase.HEAD) {
                        enterHeadPhase();
                        updateClientReading();
                    }
                });
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** Answers once the body a {@link LocalBody} waits for is read (it arrives after the head). */
    private void readLocalBody() {
        RuleResult answer = localBody.read(in);
        releaseIfDrained();
        if (answer != null) {
            localBody = null;
            cancelTimer();
            answeredByRule(answer);
        }
    }

    /** {@code http-request tarpit}: the request waits, never forwarded, until {@link #onTimer} answers it. */
    private void holdRequest(RuleResult result) {
        tarpitted = result;
        phase = Phase.TARPIT;
        phaseStart = System.nanoTime();
        arm(result.delayMillis);
    }

    private HeadWriter.ConnectionHeader serverConnectionHeader() {
        if (upgradeRequested) {
            return HeadWriter.ConnectionHeader.UPGRADE;
        }
        if (route.connectionMode != HttpConnectionMode.KEEP_ALIVE) {
            return HeadWriter.ConnectionHeader.CLOSE;
        }
        return request.version() == HttpHead.HTTP_1_0
                ? HeadWriter.ConnectionHeader.KEEP_ALIVE : HeadWriter.ConnectionHeader.NONE;
    }

    /** The header to add for this request, or null ({@code option forwardfor} off, excepted, or {@code if-none}). */
    private AsciiString forwardForName() {
        if (route.forwardForHeader == null || clientIp == null
                || (route.forwardForExcept != null && route.forwardForExcept.contains(clientIp))
                || (route.forwardFor.ifNone() && view.header(route.forwardFor.header()) != null)) {
            return null;
        }
        return route.forwardForHeader;
    }

    /** Made once per connection: the client's address does not change. */
    private byte[] clientIpText() {
        if (clientIpText == null) {
            clientIpText = io.netty.util.NetUtil.toAddressString(clientIp).getBytes(StandardCharsets.US_ASCII);
        }
        return clientIpText;
    }

    // ---- server connection

    private void obtainConnection(boolean mayReuse) {
        Channel client = ctx.channel();
        io.ballast.proxy.tls.ServerTls serverTls = route.backend.tls(server);
        // The name (SNI) the connection must be made for when it depends on the request, else null: pooled
        // connections are never reused across names.
        String tlsName = serverTls == null ? null : serverTls.connectionName(view, tls);
        ProxyHeader proxyHeader = ProxyHeader.of(server, client);
        if (mayReuse && isPoolable()) {
            ServerConnection idle = reusableConnection(tlsName, proxyHeader);
            if (idle != null) {
                log.connecting(true);
                connected(idle);
                return;
            }
        }
        log.connecting(false);
        ServerConnection fresh = new ServerConnection(server, engine.pool(client.eventLoop()), serverTls, tlsName,
                proxyHeader);
        fresh.attach(this);
        java.net.SocketAddress address = route.backend.address(server, ClientAddresses.local(client));
        io.netty.util.concurrent.Future<?> ready = route.backend.speaksHttp2(server)
                ? engine.openStream(client.eventLoop(), address, fresh, route.connectTimeout)
                : engine.connect(client.eventLoop(), address, fresh, route.connectTimeout);
        ready.addListener(f -> {
            if (phase != Phase.CONNECTING || connection != null) {
                if (f.isSuccess()) {
                    fresh.close();
                }
            } else if (f.isSuccess()) {
                engine.observe(server, ObservedOutcome.L4_OK);
                connected(fresh);
            } else {
                connectFailed();
            }
        });
    }

    /**
     * An idle connection to {@link #server}, made for {@code tlsName} and {@code proxyHeader}, that {@code http-reuse}
     * lets this request use, or {@code null}.
     */
    private ServerConnection reusableConnection(String tlsName, ProxyHeader proxyHeader) {
        HttpReuse mode = route.backend.config().httpReuse();
        if (mode == HttpReuse.NEVER) {
            ServerConnection own = privateIdle;
            privateIdle = null;
            if (own != null && own.server() == server && own.channel().isActive()
                    && java.util.Objects.equals(own.tlsName(), tlsName)) {
                return own;
            }
            if (own != null) {
                own.close();
            }
            return null;
        }
        if (firstRequest && mode == HttpReuse.SAFE) {
            // The first request of a client connection goes on a new server connection, as in HAProxy: should
            // the server close an idle one just as the request arrives, the client can safely retry.
            return null;
        }
        return engine.pool(ctx.channel().eventLoop()).poll(server, firstRequest && mode == HttpReuse.AGGRESSIVE,
                tlsName, proxyHeader);
    }

    /** Whether this exchange may use, and give back, pooled connections. */
    private boolean isPoolable() {
        return request != null && route.connectionMode == HttpConnectionMode.KEEP_ALIVE
                && !route.backend.followsClientPort(server);
    }

    private void connected(ServerConnection c) {
        log.serverConnected(c.channel());
        connection = c;
        c.attach(this);
        setReading(c.channel(), true);
        lastServerActivity = System.nanoTime();
        if (request == null) {
            enterTunnel();
            return;
        }
        c.channel().write(outboundHead.retainedDuplicate(), c.channel().voidPromise());
        if (replayBody != null) {
            c.channel().write(replayBody.retainedDuplicate(), c.channel().voidPromise());
        }
        requestSentAt = System.nanoTime();
        phase = Phase.FORWARDING;
        arm(route.forwardingTimeout);
        forwardRequestBody();
        if (replayable && !requestBody.isDone()) {
            dropReplay(); // HAProxy keeps a request for a retry only when all of it was there to send at once
        }
        c.channel().flush();
        if (clientInputClosed) {
            applyClientHalfClose();
        }
        updateClientReading();
    }

    private void connectFailed() {
        engine.observe(server, ObservedOutcome.L4_ERROR);
        if (!route.retryOn.connFailure() || retriesLeft-- <= 0) {
            releaseServer();
            server = null;
            sendError(503);
            return;
        }
        if (redispatch()) {
            obtainConnection(false);
            return;
        }
        log.retried();
        // HAProxy retries the same server after a short turnaround.
        long turnaround = Math.min(Route.orNoLimit(route.connectTimeout), 1000);
        ctx.executor().schedule(() -> {
            if (phase == Phase.CONNECTING) {
                obtainConnection(false);
            }
        }, turnaround, TimeUnit.MILLISECONDS);
    }

    /**
     * Sends the request again on a new connection after the server failed it in a way {@code retry-on} names:
     * only a request kept whole ({@link #replayable}) and completely sent, whose response has not started, while a
     * retry is left. As HAProxy, the method does not matter, and the retry goes at once, to another server when
     * {@code option redispatch} says so.
     *
     * @return whether the request is being sent again; otherwise the caller reports the failure
     */
    private boolean retryRequest() {
        if (!replayable || response != null || !requestBody.isDone() || retriesLeft-- <= 0) {
            return false;
        }
        if (connection != null) {
            connection.close();
            connection = null;
        }
        release(serverIn);
        serverIn = null;
        serverAnswered = false;
        if (!redispatch()) {
            log.retried();
        }
        phase = Phase.CONNECTING;
        obtainConnection(false);
        return true;
    }

    /** Moves the exchange to another server when {@link #redispatchesNow} says so and one has a slot. */
    private boolean redispatch() {
        if (!redispatchesNow()) {
            return false;
        }
        Server other = route.backend.pickAvoiding(view, server);
        if (other == null || !other.tryRequestStarted()) {
            return false;
        }
        log.redispatched();
        releaseServer();
        server = other;
        route.backend.sessions.attach(server, this);
        log.serverTaken(route, server);
        return true;
    }

    /**
     * Whether this retry goes to another server: never without {@code option redispatch}; with it, on the retries
     * its interval names (by default the last one) and on any retry once health checks took the server out.
     */
    private boolean redispatchesNow() {
        int interval = route.backend.config().redispatch();
        if (interval == 0) {
            return false;
        }
        int retry = route.retries - retriesLeft;
        return !server.isUsable() || (interval > 0 ? retry % interval == 0 : retriesLeft == -interval - 1)
                || (pinnedServer == null && rotatesOverActiveServers());
    }

    /**
     * HAProxy's stream_choose_redispatch(): with a round-robin algorithm and more than one usable active server, a
     * request not pinned to its server goes elsewhere on every retry, at once, rather than back to the same one.
     */
    private boolean rotatesOverActiveServers() {
        String algorithm = route.backend.config().balance().algorithm();
        return (algorithm.equals("roundrobin") || algorithm.equals("static-rr"))
                && route.backend.backend().usableActiveServers() > 1;
    }

    // ---- request body

    private void forwardRequestBody() {
        if (requestBody == null || requestBody.isDone() || in == null) {
            return;
        }
        int n;
        try {
            n = requestBody.frame(in);
        } catch (HttpParseException e) {
            sendError(e.status());
            return;
        }
        if (n > 0) {
            requestBodySent = true;
            lastServerActivity = System.nanoTime();
            if (replayable) {
                keepForReplay(n);
            }
            connection.channel().write(in.readRetainedSlice(n), connection.channel().voidPromise());
        }
        releaseIfDrained();
    }

    /** Copies the next {@code n} body bytes to {@link #replayBody}, or stops keeping a request beyond the buffer size. */
    private void keepForReplay(int n) {
        int kept = outboundHead.readableBytes() + (replayBody == null ? 0 : replayBody.readableBytes());
        if (kept + n > frontend.maxHeadSize) {
            dropReplay();
            return;
        }
        if (replayBody == null) {
            replayBody = ctx.alloc().buffer(n);
        }
        replayBody.writeBytes(in, in.readerIndex(), n);
    }

    /** The request will not be sent again. */
    private void dropReplay() {
        replayable = false;
        release(replayBody);
        replayBody = null;
    }

    // ---- server side events (called by ServerConnection on this event loop)

    void serverRead(ServerConnection c, ByteBuf data) {
        if (c != connection) {
            data.release();
            if (c == privateIdle) {
                // A server must not speak on an idle connection: it is out of sync, so retire it.
                privateIdle = null;
                c.close();
            }
            return;
        }
        lastServerActivity = System.nanoTime();
        serverAnswered = true;
        if (phase == Phase.TUNNEL) {
            log.bytesToClient(data.readableBytes());
            ctx.write(data, ctx.voidPromise());
            applyServerBackPressure();
            return;
        }
        if (response == null) {
            serverIn = cumulate(serverIn, data);
            readResponseHead();
        } else {
            forwardResponseBody(data);
        }
        applyServerBackPressure();
    }

    void serverReadComplete() {
        ctx.flush();
    }

    void serverClosed(ServerConnection c) {
        if (c == privateIdle) {
            privateIdle = null;
        }
        if (c != connection) {
            return;
        }
        connection = null;
        if (phase == Phase.TUNNEL) {
            closeClientAfterFlush();
        } else if (response == null) {
            if (c.wasRefused() && !requestBodySent && !serverAnswered) {
                // An HTTP/2 server that did not process the request: as a failed connection attempt, retried.
                phase = Phase.CONNECTING;
                connectFailed();
            } else if (c.isReused() && !requestBodySent && !serverAnswered) {
                // The server closed an idle connection just as we reused it: send the request again on a new one.
                phase = Phase.CONNECTING;
                obtainConnection(false);
            } else {
                serverFailed(502, ObservedOutcome.HTTP_BROKEN_PIPE, route.retryOn.emptyResponse());
            }
        } else if (responseBody != null && responseBody.isUntilClose()) {
            closeAfterExchange = true;
            finishExchange(false);
        } else {
            log.terminated('S', 'D'); // the server left in the middle of the response body
            closeClientAfterFlush();
        }
    }

    /**
     * The server shut down its sending side. In a tunnel the half-close is passed on to the client once what the
     * server sent is written, and {@code timeout client-fin} then limits the client's inactivity; a tunnel shut in
     * both directions ends. Outside a tunnel the server connection ends, as if the server had closed it.
     */
    void serverInputClosed(ServerConnection c) {
        if (c != connection || phase != Phase.TUNNEL || !(ctx.channel() instanceof DuplexChannel client)) {
            c.channel().close();
            return;
        }
        if (clientInputClosed) {
            closeClientAfterFlush();
            return;
        }
        serverInputClosed = true;
        ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(f -> client.shutdownOutput());
        arm(tunnelTimeout());
    }

    // ---- response

    private void readResponseHead() {
        while (response == null && serverIn != null) {
            int end = HttpHeadParser.findEnd(serverIn);
            if (end < 0) {
                if (serverIn.readableBytes() > frontend.maxHeadSize) {
                    serverFailed(502, ObservedOutcome.HTTP_INVALID, route.retryOn.junkResponse());
                }
                return;
            }
            ByteBuf headBytes = serverIn.readRetainedSlice(end - serverIn.readerIndex());
            if (!serverIn.isReadable()) {
                serverIn.release();
                serverIn = null;
            }
            HttpHead head;
            try {
                head = HttpHeadParser.forThisThread().parseResponse(headBytes);
            } catch (HttpParseException e) {
                headBytes.release();
                serverFailed(502, ObservedOutcome.HTTP_INVALID, route.retryOn.junkResponse());
                return;
            }
            if (head.status() == 101 && !upgradeRequested) {
                head.release();
                serverFailed(502, ObservedOutcome.HTTP_INVALID, route.retryOn.junkResponse());
                return;
            }
            if (head.status() < 200 && head.status() != 101) {
                // Interim response (100 Continue...): pass it on and wait for the final one. The client saw
                // part of this exchange, so the request is no longer sent again.
                if (replayable) {
                    dropReplay();
                }
                ctx.write(headBytes.retainedDuplicate(), ctx.voidPromise());
                head.release();
                continue;
            }
            startResponse(head);
        }
    }

    private void startResponse(HttpHead head) {
        if (route.backend.backend().tracksLatency()) {
            server.recordLatency(System.nanoTime() - requestSentAt);
        }
        captureResponseHeaders(head);
        engine.observe(server, ObservedOutcome.ofStatus(head.status()));
        if (replayable && route.retryOn.statuses().contains(head.status()) && retryRequest()) {
            head.release();
            return;
        }
        release(outboundHead);
        outboundHead = null;
        dropReplay();
        response = head;
        responseStarted = true;
        ByteBuf rest = serverIn;
        serverIn = null;
        if (head.status() == 101 && upgradeRequested) {
            ctx.write(HeadWriter.write(ctx.alloc(), head, HeadWriter.ConnectionHeader.UPGRADE, null, null),
                    ctx.voidPromise());
            enterTunnel();
            if (rest != null && rest.isReadable()) {
                ctx.write(rest, ctx.voidPromise());
            } else {
                release(rest);
            }
            ctx.flush();
            return;
        }
        if (rules != null && applyResponseRules(head)) {
            release(rest);
            return;
        }
        responseBody = BodyFramer.forResponse(head, request.isMethod(HEAD));
        if (responseBody.isUntilClose()) {
            closeAfterExchange = true;
        }
        if (draining()) {
            // Decided with the head: a response that told the client it may send again keeps its word, even if a
            // reload retires this connection's configuration before the body ends (the next request gets the close).
            closeAfterExchange = true;
        }
        boolean keepClient = !closeAfterExchange;
        HeadWriter.ConnectionHeader toClient = !keepClient ? HeadWriter.ConnectionHeader.CLOSE
                : request.version() == HttpHead.HTTP_1_0 ? HeadWriter.ConnectionHeader.KEEP_ALIVE
                : HeadWriter.ConnectionHeader.NONE;
        HttpResponseView edited = rules != null && rules.response != null && rules.response.isEdited()
                ? rules.response : null;
        ByteBuf outHead = edited == null ? HeadWriter.write(ctx.alloc(), head, toClient, null, null)
                : HeadWriter.writeEdited(ctx.alloc(), head, edited.startLine(), edited.editHeaders(), toClient,
                        null, null);
        log.responseCookie(edited, head);
        log.responseHead(edited == null ? head.status() : edited.status(), outHead.readableBytes());
        ctx.write(outHead, ctx.voidPromise());
        if (rest != null) {
            forwardResponseBody(rest);
        } else if (responseBody.isDone()) {
            finishExchange(true);
        }
    }

    /**
     * Runs {@code http-response} rules, the backend's then the frontend's.
     *
     * @return whether a rule replaced the response ({@code deny}, {@code return}): the server's is dropped
     */
    private boolean applyResponseRules(HttpHead head) {
        ProxyRules backendRules = route.backend.rules;
        if (backendRules.httpResponse.isEmpty() && frontend.rules.httpResponse.isEmpty()) {
            return false;
        }
        rules.response = new HttpResponseView(head);
        RuleResult result = HttpRule.evaluate(backendRules.httpResponse, rules);
        if (!result.endsRequest()
                && backendRules != frontend.rules) {
            result = HttpRule.evaluate(frontend.rules.httpResponse, rules);
        }
        if (result.endsRequest()) {
            // The server's response is dropped unread, so its connection cannot carry another exchange.
            abandonServer();
            return answeredByRule(result);
        }
        return false;
    }

    private void forwardResponseBody(ByteBuf data) {
        int n;
        try {
            n = responseBody.frame(data);
        } catch (HttpParseException e) {
            data.release();
            serverFailed(502, ObservedOutcome.HTTP_INVALID);
            return;
        }
        boolean extra = n < data.readableBytes();
        if (n > 0) {
            log.bytesToClient(n);
            ctx.write(data.readRetainedSlice(n), ctx.voidPromise());
        }
        data.release();
        if (responseBody.isDone()) {
            finishExchange(!extra);
        }
    }

    private void finishExchange(boolean serverReusable) {
        ServerConnection c = connection;
        connection = null;
        boolean reuse = serverReusable && c != null && requestBody.isDone() && isPoolable()
                && response.wantsKeepAlive() && !responseBody.isUntilClose() && !draining();
        // An HTTP/2 stream ends with its one exchange; its connection stays for the next streams.
        boolean close = closeAfterExchange || !requestBody.isDone() || stoppingClosesIdle() || http2Stream;
        boolean clientStays = !close || http2Stream;
        HttpReuse mode = route.backend.config().httpReuse();
        if (c != null) {
            if (c.carriesOneExchange()) {
                c.close(); // an HTTP/2 stream to the server: its connection stays, for the streams of every client
            } else if (reuse && mode == HttpReuse.NEVER && !close) {
                c.keepPrivate();
                privateIdle = c;
            } else if (reuse && mode != HttpReuse.NEVER
                    && (mode == HttpReuse.AGGRESSIVE || mode == HttpReuse.ALWAYS || clientStays)) {
                c.release();
            } else if (reuse) {
                // The client leaves after the exchange its own connection was opened for: as HAProxy does with
                // http-reuse safe or never, that connection ends with it, at once (no FIN handshake, no TIME_WAIT).
                c.abort();
            } else {
                c.close();
            }
        }
        releaseServer();
        server = null;
        releaseExchange();
        if (close) {
            closeClientAfterFlush();
            return;
        }
        ctx.flush();
        firstRequest = false;
        enterHeadPhase();
        updateClientReading();
    }

    // ---- tunnel (101 Switching Protocols, and TCP mode)

    private void enterTunnel() {
        phase = Phase.TUNNEL;
        arm(route.tunnelTimeout);
        forwardTunnelInput();
        connection.channel().flush();
        if (clientInputClosed) {
            applyClientHalfClose();
        }
        updateClientReading();
    }

    private void forwardTunnelInput() {
        if (in != null && in.isReadable()) {
            connection.channel().write(in, connection.channel().voidPromise());
            in = null;
        }
    }

    // ---- flow control

    /** Reads from the client only while there is somewhere to put the bytes. */
    void updateClientReading() {
        if (phase == Phase.CLOSED) {
            return;
        }
        boolean read = switch (phase) {
            case HEAD -> true;
            case BODY -> bufferedBelowLimit();
            // A held request's client may send more (it waits in the buffer) or leave, which ends the wait.
            case TARPIT -> bufferedBelowLimit();
            case QUEUED, CONNECTING -> bufferedBelowLimit();
            // Once the request is complete, keep reading (pipelined requests wait in the buffer) up to a limit
            // rather than toggling reads off and on for every request: each toggle is an epoll_ctl call.
            case FORWARDING -> requestBody.isDone() ? bufferedBelowLimit()
                    : connection != null && connection.channel().isWritable();
            case TUNNEL -> connection != null && connection.channel().isWritable();
            case CLOSED -> false;
        };
        setReading(ctx.channel(), read);
    }

    private boolean bufferedBelowLimit() {
        return in == null || in.readableBytes() < frontend.maxHeadSize;
    }

    private void applyServerBackPressure() {
        if (connection != null && !ctx.channel().isWritable()) {
            setReading(connection.channel(), false);
        }
    }

    /**
     * Turns reading from {@code channel}, the client's or the server's, on or off. An HTTP/2 stream channel turned
     * on writes the WINDOW_UPDATE for what it had read, but Netty flushes that only within a read of its
     * connection: resumed from the other side, the peer would wait for it for ever, so it is flushed here.
     */
    private static void setReading(Channel channel, boolean read) {
        if (channel.config().isAutoRead() == read) {
            return;
        }
        channel.config().setAutoRead(read);
        if (read && channel instanceof io.netty.handler.codec.http2.Http2StreamChannel) {
            channel.flush();
        }
    }

    // ---- timeouts

    private long headTimeout() {
        return firstRequest ? frontend.httpRequestTimeout : frontend.keepAliveTimeout;
    }

    /**
     * Makes sure a check runs within {@code timeoutMillis}. An earlier pending check is kept: when it
     * fires it re-arms itself for whatever remains. So a request costs no timer scheduling or cancelling
     * as long as its timeouts are longer than the request, which is the normal case.
     */
    private void arm(long timeoutMillis) {
        if (timeoutMillis <= 0 || timeoutMillis == Long.MAX_VALUE) {
            return;
        }
        long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        if (timer != null) {
            if (timerDue - due <= 0) {
                return;
            }
            timer.cancel(false);
        }
        timerDue = due;
        timer = ctx.executor().schedule(this::onTimer, due - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void onTimer() {
        timer = null;
        long now = System.nanoTime();
        switch (phase) {
            case HEAD -> {
                if (headTimeout() <= 0) {
                    return;
                }
                long remaining = TimeUnit.MILLISECONDS.toNanos(headTimeout()) - (now - phaseStart);
                if (remaining > 0) {
                    arm(TimeUnit.NANOSECONDS.toMillis(remaining) + 1);
                } else if (firstRequest || (in != null && in.isReadable())) {
                    sendError(408);
                } else {
                    ctx.close();
                }
            }
            case FORWARDING -> {
                if (expired(now, lastServerActivity, route.serverTimeout)) {
                    serverFailed(504, ObservedOutcome.HTTP_READ_TIMEOUT, route.retryOn.responseTimeout());
                } else if (!requestBody.isDone() && expired(now, lastClientRead, frontend.clientTimeout)) {
                    sendError(408);
                } else {
                    armFromLastActivity(now, route.forwardingTimeout);
                }
            }
            case BODY -> {
                if (expired(now, lastClientRead, frontend.clientTimeout)) {
                    sendError(408);
                } else {
                    armFromLastActivity(now, frontend.clientTimeout);
                }
            }
            case TARPIT -> {
                long remaining = tarpitted.delayMillis - TimeUnit.NANOSECONDS.toMillis(now - phaseStart);
                if (remaining > 0) {
                    arm(remaining);
                } else {
                    answeredByRule(tarpitted.now());
                }
            }
            case QUEUED -> {
                if (expired(now, phaseStart, route.queueTimeout)) {
                    leaveQueue();
                    log.terminated('s', 'Q');
                    sendError(503);
                } else {
                    arm(Math.max(1, route.queueTimeout - TimeUnit.NANOSECONDS.toMillis(now - phaseStart)));
                }
            }
            case TUNNEL -> {
                if (expired(now, Math.max(lastClientRead, lastServerActivity), tunnelTimeout())) {
                    abandonServer();
                    ctx.close();
                } else {
                    armFromLastActivity(now, tunnelTimeout());
                }
            }
            default -> { }
        }
    }

    /**
     * The inactivity allowed in a tunnel: {@code timeout client-fin} once Ballast shut its side towards the client,
     * {@code timeout server-fin} once it shut its side towards the server, else {@code timeout tunnel}.
     */
    private long tunnelTimeout() {
        if (serverInputClosed && route.clientFinTimeout > 0) {
            return route.clientFinTimeout;
        }
        if (clientInputClosed && route.serverFinTimeout > 0) {
            return route.serverFinTimeout;
        }
        return route.tunnelTimeout;
    }

    private static boolean expired(long now, long lastActivity, long timeoutMillis) {
        return timeoutMillis > 0 && now - lastActivity >= TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    /** Re-arms for when the latest activity would expire. */
    private void armFromLastActivity(long now, long timeoutMillis) {
        if (timeoutMillis <= 0 || timeoutMillis == Long.MAX_VALUE) {
            return;
        }
        long idle = now - Math.max(lastClientRead, lastServerActivity);
        arm(Math.max(1, timeoutMillis - TimeUnit.NANOSECONDS.toMillis(idle)));
    }

    // ---- endings

    /** The server failed this exchange: tells passive health checks ({@code observe}), then answers {@code status}. */
    private void serverFailed(int status, ObservedOutcome outcome) {
        serverFailed(status, outcome, false);
    }

    /**
     * The server failed this exchange: tells passive health checks ({@code observe}), then sends the request again
     * when {@code retry} ({@code retry-on} names this failure) and {@link #retryRequest} allow, else answers
     * {@code status}.
     */
    private void serverFailed(int status, ObservedOutcome outcome, boolean retry) {
        if (server != null) {
            engine.observe(server, outcome);
        }
        if (!retry || !retryRequest()) {
            sendError(status);
        }
    }

    /** Answers with a generated page unless a response is already under way, then closes. */
    private void sendError(int status) {
        log.terminated(terminationCause(status), logPhase());
        if (!responseStarted) {
            log.answered(status, route != null ? route.backend.config().name() : frontend.config.name());
        }
        leaveQueue();
        abandonServer();
        if (responseStarted || phase == Phase.CLOSED) {
            phase = Phase.CLOSED;
            ctx.close();
            return;
        }
        phase = Phase.CLOSED;
        ErrorPages pages = route != null ? route.errorPages : frontend.errorPages;
        releaseExchange();
        if (frontend.mode == ProxyMode.TCP) {
            ctx.close();
            return;
        }
        closeAfter(ctx.writeAndFlush(pages.page(status)));
    }

    /** HAProxy's termination cause for an error answer (the first state character). */
    private static char terminationCause(int status) {
        return switch (status) {
            case 408 -> 'c';
            case 504 -> 's';
            case 502, 503 -> 'S';
            default -> status >= 500 ? 'I' : 'P';
        };
    }

    /** Where the exchange is, as the second character of HAProxy's termination state. */
    private char logPhase() {
        return switch (phase) {
            case HEAD, BODY -> 'R';
            case QUEUED -> 'Q';
            case CONNECTING -> 'C';
            case FORWARDING -> response == null ? (requestBody != null && !requestBody.isDone() ? 'D' : 'H') : 'D';
            case TUNNEL -> 'D';
            case TARPIT -> 'T';
            case CLOSED -> '-';
        };
    }

    /** Closes the client connection a rule refused: at once, or without a word to the client ({@code silent-drop}). */
    private void closeClient(RuleResult verdict) {
        if (verdict.dropsSilently()) {
            SilentDrop.close(Http2Frontend.connectionOf(ctx.channel())); // all of it, as HAProxy drops an HTTP/2 one
        } else {
            ctx.close();
        }
    }

    private void closeClientAfterFlush() {
        leaveQueue();
        phase = Phase.CLOSED;
        abandonServer();
        releaseExchange();
        closeAfter(ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER));
    }

    /**
     * Closes once {@code flushed} completes, or when {@code timeout client} expires first: a client that
     * stops reading must not keep its connection and buffers for ever.
     */
    private void closeAfter(io.netty.channel.ChannelFuture flushed) {
        flushed.addListener((ChannelFutureListener) f -> Transport.close(f.channel()));
        cancelTimer();
        if (frontend.clientTimeout > 0) {
            timer = ctx.executor().schedule(() -> {
                ctx.close();
            }, frontend.clientTimeout, TimeUnit.MILLISECONDS);
        }
    }

    /** Closes the server connection of an exchange that cannot complete. */
    private void abandonServer() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        if (server != null) {
            releaseServer();
            server = null;
        }
    }

    /** Gives back {@link #server}'s slot; the caller clears the field. */
    private void releaseServer() {
        route.backend.sessions.detach(server, this);
        route.backend.queue.requestEnded(server);
    }

    /**
     * Health checks marked {@code server} DOWN ({@code on-marked-down shutdown-sessions}) or an active server
     * came back while this one is a backup ({@code on-marked-up shutdown-backup-sessions}): this session ends
     * if it is still using it. Called from any thread.
     */
    void shutDownFor(Server server) {
        ctx.executor().execute(() -> {
            if (this.server == server && phase != Phase.CLOSED) {
                log.terminated(server.isBackup() ? 'U' : 'D', logPhase());
                abandonServer();
                phase = Phase.CLOSED;
                releaseExchange();
                ctx.close();
            }
        });
    }

    private void leaveQueue() {
        if (phase == Phase.QUEUED) {
            route.backend.queue.remove(this);
        }
    }

    /** Closes an idle keep-alive connection during a soft stop; busy ones close after their response. */
    @Override
    public void closeIfIdle() {
        if (frontend.config.idleCloseOnResponse()) {
            return; // draining() answers its next request with Connection: close
        }
        if (phase == Phase.HEAD && (in == null || !in.isReadable())) {
            phase = Phase.CLOSED;
            ctx.close();
        }
    }

    private void releaseExchange() {
        if (rules != null) {
            log.logLevel(rules.logLevel);
        }
        log.samples(rules, view);
        log.exchangeEnded();
        if (request != null) {
            request.release();
            request = null;
        }
        if (response != null) {
            response.release();
            response = null;
        }
        release(outboundHead);
        outboundHead = null;
        dropReplay();
        release(serverIn);
        serverIn = null;
        requestBody = null;
        responseBody = null;
        responseStarted = false;
        requestBodySent = false;
        serverAnswered = false;
        upgradeRequested = false;
        closeAfterExchange = false;
        view = null;
        rules = null;
        requestCaptures = null;
        pinnedServer = null;
        tarpitted = null;
        route = null;
    }

    private void releaseIfDrained() {
        if (in != null && !in.isReadable()) {
            in.release();
            in = null;
        }
    }

    private static void release(ByteBuf buf) {
        if (buf != null) {
            buf.release();
        }
    }
}
