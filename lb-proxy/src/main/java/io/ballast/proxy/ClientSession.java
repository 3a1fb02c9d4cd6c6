package io.ballast.proxy;

import io.ballast.core.config.HttpConnectionMode;
import io.ballast.core.config.ProxyMode;
import io.ballast.core.server.Server;
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
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * One client connection and the exchanges on it, one at a time: read a request head, pick a server,
 * get a connection to it on this event loop (pooled or new, with retries), stream the request body and
 * the response back, then keep the connection for the next request or close it. Pipelined requests wait
 * in the input buffer until the previous response is complete. Everything runs on the client channel's
 * event loop, the server connections included, so no state here needs a lock.
 */
final class ClientSession extends ChannelInboundHandlerAdapter {

    private enum Phase { HEAD, CONNECTING, FORWARDING, TUNNEL, CLOSED }

    private static final AsciiString HEAD = AsciiString.cached("HEAD");

    private static final AsciiString UPGRADE = AsciiString.cached("upgrade");
    private static final AsciiString SEC_WEBSOCKET_KEY = AsciiString.cached("sec-websocket-key");

    private final FrontendRuntime frontend;
    private final Engine engine;
    private final HttpHeadParser parser = new HttpHeadParser();
    private ChannelHandlerContext ctx;
    private Phase phase = Phase.HEAD;
    private boolean firstRequest = true;
    /** The client's address as written in the forwarded-for header, or null when none is added for it. */
    private byte[] forwardedFor;
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

    // The current exchange.
    private HttpHead request;
    private HttpRequestView view;
    private BodyFramer requestBody;
    private Server server;
    private ServerConnection connection;
    /** The head sent to the server, kept until the response starts so that it can be sent again. */
    private ByteBuf outboundHead;
    private boolean requestBodySent;
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

    ClientSession(FrontendRuntime frontend, Engine engine) {
        this.frontend = frontend;
        this.engine = engine;
    }

    // ---- client side events

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        lastClientRead = System.nanoTime();
        forwardedFor = forwardedForValue(ctx.channel().remoteAddress());
        if (frontend.mode == ProxyMode.TCP) {
            view = new HttpRequestView(null, ctx.channel().remoteAddress(), ctx.channel().localAddress());
            startExchange();
        } else {
            enterHeadPhase();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf data = (ByteBuf) msg;
        lastClientRead = System.nanoTime();
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
            boolean writable = ctx.channel().isWritable();
            connection.channel().config().setAutoRead(writable);
        }
    }

    /**
     * The client shut down its sending side (half-close) but still reads. As HAProxy does without
     * {@code option abortonclose}, a complete request still gets its response, after which the connection
     * closes; an incomplete one is abandoned. In a tunnel the half-close is passed on to the server.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof ChannelInputShutdownEvent)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        clientInputClosed = true;
        switch (phase) {
            case CONNECTING -> { } // decided once connected, when the buffered body has been framed
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
            if (connection.channel() instanceof DuplexChannel server) {
                connection.channel().flush();
                server.shutdownOutput();
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
        phase = Phase.CLOSED;
        cancelTimer();
        abandonServer();
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
        ByteBuf headBytes = in.readRetainedSlice(end - in.readerIndex());
        try {
            request = parser.parseRequest(headBytes);
        } catch (HttpParseException e) {
            headBytes.release();
            sendError(e.status());
            return;
        }
        releaseIfDrained();
        if (isWebSocketUpgradeWithoutKey(request)) {
            sendError(400); // as HAProxy: such a handshake can only fail, or smuggle a tunnel
            return;
        }
        view = new HttpRequestView(request, ctx.channel().remoteAddress(), ctx.channel().localAddress());
        startExchange();
    }

    private static boolean isWebSocketUpgradeWithoutKey(HttpHead head) {
        return head.hasConnection(HttpHead.CONN_UPGRADE) && head.has(HttpHead.KIND_UPGRADE)
                && "websocket".equalsIgnoreCase(head.header(UPGRADE)) && head.header(SEC_WEBSOCKET_KEY) == null;
    }

    private void startExchange() {
        BackendRuntime backend = frontend.backend;
        server = backend != null ? backend.backend().pick(view) : null;
        if (server == null) {
            sendError(503);
            return;
        }
        retriesLeft = frontend.retries;
        if (request != null) {
            requestBody = BodyFramer.forRequest(request);
            upgradeRequested = request.hasConnection(HttpHead.CONN_UPGRADE) && request.has(HttpHead.KIND_UPGRADE);
            closeAfterExchange = !request.wantsKeepAlive() || frontend.connectionMode == HttpConnectionMode.CLOSE
                    || request.hadConflictingFraming();
            outboundHead = HeadWriter.write(ctx.alloc(), request, serverConnectionHeader(), forwardForName(),
                    forwardedFor);
        }
        server.requestStarted();
        phase = Phase.CONNECTING;
        obtainConnection(true);
    }

    private HeadWriter.ConnectionHeader serverConnectionHeader() {
        if (upgradeRequested) {
            return HeadWriter.ConnectionHeader.UPGRADE;
        }
        if (frontend.connectionMode != HttpConnectionMode.KEEP_ALIVE) {
            return HeadWriter.ConnectionHeader.CLOSE;
        }
        return request.version() == HttpHead.HTTP_1_0
                ? HeadWriter.ConnectionHeader.KEEP_ALIVE : HeadWriter.ConnectionHeader.NONE;
    }

    /** The header to add for this request, or null ({@code option forwardfor} off, excepted, or {@code if-none}). */
    private AsciiString forwardForName() {
        if (forwardedFor == null
                || (frontend.forwardFor.ifNone() && request.header(frontend.forwardForHeader) != null)) {
            return null;
        }
        return frontend.forwardForHeader;
    }

    /** Computed once per connection: the client's address does not change. */
    private byte[] forwardedForValue(java.net.SocketAddress remote) {
        if (frontend.forwardForHeader == null || !(remote instanceof InetSocketAddress client)
                || (frontend.forwardForExcept != null && frontend.forwardForExcept.contains(client.getAddress()))) {
            return null;
        }
        return client.getAddress().getHostAddress().getBytes(StandardCharsets.US_ASCII);
    }

    // ---- server connection

    private void obtainConnection(boolean mayReuse) {
        Channel client = ctx.channel();
        if (mayReuse && isPoolable()) {
            ServerConnection idle = engine.pool(client.eventLoop()).poll(server);
            if (idle != null) {
                connected(idle);
                return;
            }
        }
        ServerConnection fresh = new ServerConnection(server, engine.pool(client.eventLoop()));
        fresh.attach(this);
        engine.connect(client.eventLoop(), frontend.backend.address(server, client.localAddress()), fresh,
                        frontend.connectTimeout)
                .addListener((ChannelFutureListener) f -> {
                    if (phase != Phase.CONNECTING || connection != null) {
                        f.channel().close();
                    } else if (f.isSuccess()) {
                        connected(fresh);
                    } else {
                        connectFailed();
                    }
                });
    }

    /** Whether this exchange may use, and give back, pooled connections. */
    private boolean isPoolable() {
        return request != null && frontend.connectionMode == HttpConnectionMode.KEEP_ALIVE
                && !frontend.backend.followsClientPort(server);
    }

    private void connected(ServerConnection c) {
        connection = c;
        c.attach(this);
        c.channel().config().setAutoRead(true);
        lastServerActivity = System.nanoTime();
        if (request == null) {
            enterTunnel();
            return;
        }
        c.channel().write(outboundHead.retainedDuplicate(), c.channel().voidPromise());
        phase = Phase.FORWARDING;
        arm(frontend.forwardingTimeout);
        forwardRequestBody();
        c.channel().flush();
        if (clientInputClosed) {
            applyClientHalfClose();
        }
        updateClientReading();
    }

    private void connectFailed() {
        if (retriesLeft-- <= 0) {
            server.requestEnded();
            server = null;
            sendError(503);
            return;
        }
        // HAProxy retries the same server after a short turnaround; the last retry may go elsewhere,
        // and so does any retry once health checks took the server out.
        if (retriesLeft == 0 || !server.isUsable()) {
            Server other = frontend.backend.backend().pick(view);
            if (other != null && other != server) {
                server.requestEnded();
                server = other;
                server.requestStarted();
            }
        }
        long turnaround = Math.min(FrontendRuntime.orNoLimit(frontend.connectTimeout), 1000);
        ctx.executor().schedule(() -> {
            if (phase == Phase.CONNECTING) {
                obtainConnection(false);
            }
        }, turnaround, TimeUnit.MILLISECONDS);
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
            connection.channel().write(in.readRetainedSlice(n), connection.channel().voidPromise());
        }
        releaseIfDrained();
    }

    // ---- server side events (called by ServerConnection on this event loop)

    void serverRead(ServerConnection c, ByteBuf data) {
        if (c != connection) {
            data.release();
            return;
        }
        lastServerActivity = System.nanoTime();
        serverAnswered = true;
        if (phase == Phase.TUNNEL) {
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
        if (c != connection) {
            return;
        }
        connection = null;
        if (phase == Phase.TUNNEL) {
            closeClientAfterFlush();
        } else if (response == null) {
            if (c.isReused() && !requestBodySent && !serverAnswered) {
                // The server closed an idle connection just as we reused it: send the request again on a new one.
                phase = Phase.CONNECTING;
                obtainConnection(false);
            } else {
                sendError(502);
            }
        } else if (responseBody != null && responseBody.isUntilClose()) {
            closeAfterExchange = true;
            finishExchange(false);
        } else {
            closeClientAfterFlush();
        }
    }

    // ---- response

    private void readResponseHead() {
        while (response == null && serverIn != null) {
            int end = HttpHeadParser.findEnd(serverIn);
            if (end < 0) {
                if (serverIn.readableBytes() > frontend.maxHeadSize) {
                    sendError(502);
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
                head = parser.parseResponse(headBytes);
            } catch (HttpParseException e) {
                headBytes.release();
                sendError(502);
                return;
            }
            if (head.status() == 101 && !upgradeRequested) {
                head.release();
                sendError(502);
                return;
            }
            if (head.status() < 200 && head.status() != 101) {
                // Interim response (100 Continue...): pass it on and wait for the final one.
                ctx.write(headBytes.retainedDuplicate(), ctx.voidPromise());
                head.release();
                continue;
            }
            startResponse(head);
        }
    }

    private void startResponse(HttpHead head) {
        release(outboundHead);
        outboundHead = null;
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
        responseBody = BodyFramer.forResponse(head, request.isMethod(HEAD));
        if (responseBody.isUntilClose()) {
            closeAfterExchange = true;
        }
        boolean keepClient = !closeAfterExchange && !engine.isStopping();
        HeadWriter.ConnectionHeader toClient = !keepClient ? HeadWriter.ConnectionHeader.CLOSE
                : request.version() == HttpHead.HTTP_1_0 ? HeadWriter.ConnectionHeader.KEEP_ALIVE
                : HeadWriter.ConnectionHeader.NONE;
        ctx.write(HeadWriter.write(ctx.alloc(), head, toClient, null, null), ctx.voidPromise());
        if (rest != null) {
            forwardResponseBody(rest);
        } else if (responseBody.isDone()) {
            finishExchange(true);
        }
    }

    private void forwardResponseBody(ByteBuf data) {
        int n;
        try {
            n = responseBody.frame(data);
        } catch (HttpParseException e) {
            data.release();
            sendError(502);
            return;
        }
        boolean extra = n < data.readableBytes();
        if (n > 0) {
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
                && response.wantsKeepAlive() && !responseBody.isUntilClose() && !engine.isStopping();
        if (c != null) {
            if (reuse) {
                c.release();
            } else {
                c.close();
            }
        }
        server.requestEnded();
        server = null;
        boolean close = closeAfterExchange || !requestBody.isDone() || engine.isStopping();
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
        arm(frontend.tunnelTimeout);
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
            case CONNECTING -> bufferedBelowLimit();
            // Once the request is complete, keep reading (pipelined requests wait in the buffer) up to a limit
            // rather than toggling reads off and on for every request: each toggle is an epoll_ctl call.
            case FORWARDING -> requestBody.isDone() ? bufferedBelowLimit()
                    : connection != null && connection.channel().isWritable();
            case TUNNEL -> connection != null && connection.channel().isWritable();
            case CLOSED -> false;
        };
        if (ctx.channel().config().isAutoRead() != read) {
            ctx.channel().config().setAutoRead(read);
        }
    }

    private boolean bufferedBelowLimit() {
        return in == null || in.readableBytes() < frontend.maxHeadSize;
    }

    private void applyServerBackPressure() {
        if (connection != null && !ctx.channel().isWritable()) {
            connection.channel().config().setAutoRead(false);
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
                if (expired(now, lastServerActivity, frontend.serverTimeout)) {
                    sendError(504);
                } else if (!requestBody.isDone() && expired(now, lastClientRead, frontend.clientTimeout)) {
                    sendError(408);
                } else {
                    armFromLastActivity(now, frontend.forwardingTimeout);
                }
            }
            case TUNNEL -> {
                if (expired(now, Math.max(lastClientRead, lastServerActivity), frontend.tunnelTimeout)) {
                    abandonServer();
                    ctx.close();
                } else {
                    armFromLastActivity(now, frontend.tunnelTimeout);
                }
            }
            default -> { }
        }
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

    /** Answers with a generated page unless a response is already under way, then closes. */
    private void sendError(int status) {
        abandonServer();
        if (responseStarted || phase == Phase.CLOSED) {
            phase = Phase.CLOSED;
            ctx.close();
            return;
        }
        phase = Phase.CLOSED;
        releaseExchange();
        if (frontend.mode == ProxyMode.TCP) {
            ctx.close();
            return;
        }
        closeAfter(ctx.writeAndFlush(frontend.errorPages.page(status)));
    }

    private void closeClientAfterFlush() {
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
        flushed.addListener(ChannelFutureListener.CLOSE);
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
            server.requestEnded();
            server = null;
        }
    }

    /** Closes an idle keep-alive connection during a soft stop; busy ones close after their response. */
    void closeIfIdle() {
        if (phase == Phase.HEAD && (in == null || !in.isReadable())) {
            phase = Phase.CLOSED;
            ctx.close();
        }
    }

    private void releaseExchange() {
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
