package io.ballast.proxy;

import io.ballast.core.config.BindConfig;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.util.NetUtil;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code bind ... accept-proxy}: reads the PROXY protocol header (version 1 or 2, told apart by its first bytes) that
 * starts each connection, before anything else, TLS included. Until the header is in, the rest of the pipeline does
 * not exist and {@code channelActive} is held back: no session, no log line, no rule. Then it records the header's
 * addresses ({@link ClientAddresses}; a {@code PROXY UNKNOWN} or version 2 {@code LOCAL} header keeps the socket's,
 * as HAProxy does), lets the listener add TLS and the session, fires {@code channelActive}, and leaves the pipeline,
 * passing on the bytes that followed the header.
 *
 * <p>A connection whose header is not one, is malformed, or does not arrive within {@code timeout client} is closed
 * without an answer and never reaches a server; as HAProxy 2.6, it counts as a connection but not as a session, and
 * the frontend's log gets HAProxy's line for it ({@link io.ballast.proxy.log.AccessLogger#proxyHeaderFailed}).
 */
final class ProxyHeaderDecoder extends HAProxyMessageDecoder {

    /** Why a connection failed before its header was read, in HAProxy's words. */
    private enum Failure {
        NOT_A_HEADER("Received something which does not look like a PROXY protocol header", false),
        INVALID("Received an invalid PROXY protocol header", false),
        TRUNCATED("Truncated PROXY protocol header received", false),
        TIMEOUT("Timeout while waiting for PROXY protocol header", true),
        CLOSED("Connection closed while waiting for PROXY protocol header", true),
        BROKEN("Connection error while waiting for PROXY protocol header", true);

        final String text;
        /** Whether {@code option dontlognull} leaves the line out, as HAProxy does. */
        final boolean empty;

        Failure(String text, boolean empty) {
            this.text = text;
            this.empty = empty;
        }
    }

    /** The first bytes of a version 1 header, and the signature of version 2. */
    private static final byte[] V1_START = {'P', 'R', 'O', 'X', 'Y', ' '};
    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    private final FrontendRuntime frontend;
    private final BindConfig bind;
    /** Adds what serves the connection once its addresses are known: TLS, the session. */
    private final Consumer<Channel> startSession;

    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> timer;
    private long acceptedNanos;
    private long acceptedMillis;
    /** Bytes received so far, and whether they can still start either version's header. */
    private long received;
    private boolean mayBeV1 = true;
    private boolean mayBeV2 = true;
    /** Set once the header was read or the connection failed: nothing more to wait for. */
    private boolean settled;

    ProxyHeaderDecoder(FrontendRuntime frontend, BindConfig bind, Consumer<Channel> startSession) {
        this.frontend = frontend;
        this.bind = bind;
        this.startSession = startSession;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        super.handlerAdded(ctx);
        this.ctx = ctx;
        // Netty's decoder hands the header to the next handler: this one takes it.
        ctx.pipeline().addAfter(ctx.name(), null, new HeaderTaker());
    }

    /** Held back until the header is read; the wait is bounded by {@code timeout client}, as HAProxy's handshakes. */
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        acceptedNanos = System.nanoTime();
        acceptedMillis = System.currentTimeMillis();
        if (frontend.clientTimeout > 0) {
            timer = ctx.executor().schedule(() -> fail(received > 0 ? Failure.TRUNCATED : Failure.TIMEOUT),
                    frontend.clientTimeout, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (settled) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof ByteBuf data && !mayStartHeader(data)) {
            data.release();
            fail(Failure.NOT_A_HEADER); // at once, without waiting for a line or a length
            return;
        }
        super.channelRead(ctx, msg);
    }

    /** Counts {@code data} and tells whether the bytes so far can still begin a header of either version. */
    private boolean mayStartHeader(ByteBuf data) {
        int n = data.readableBytes();
        for (int i = 0; i < n && received + i < V2_SIGNATURE.length; i++) {
            int at = (int) received + i;
            byte b = data.getByte(data.readerIndex() + i);
            mayBeV1 &= at >= V1_START.length || V1_START[at] == b;
            mayBeV2 &= V2_SIGNATURE[at] == b;
        }
        received += n;
        return mayBeV1 || mayBeV2;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // The decoder refused the header (and closed the connection), or the connection broke.
        fail(cause instanceof DecoderException ? Failure.INVALID : Failure.BROKEN);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent) {
            fail(received > 0 ? Failure.TRUNCATED : Failure.CLOSED); // the client stopped sending mid-header
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        fail(received > 0 ? Failure.TRUNCATED : Failure.CLOSED);
        super.channelInactive(ctx);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        cancelTimer();
    }

    /** The header is in: records its addresses, starts the session, and lets it know the connection is active. */
    private void headerRead(HAProxyMessage header) {
        try {
            HAProxyProxiedProtocol protocol = header.proxiedProtocol();
            if (header.command() == HAProxyCommand.PROXY
                    && (protocol == HAProxyProxiedProtocol.TCP4 || protocol == HAProxyProxiedProtocol.TCP6)) {
                ClientAddresses.proxied(ctx.channel(), address(header.sourceAddress(), header.sourcePort()),
                        address(header.destinationAddress(), header.destinationPort()));
            } // else LOCAL, UNKNOWN or another family: the socket's addresses stay, as in HAProxy
        } finally {
            header.release();
        }
        settled = true;
        cancelTimer();
        startSession.accept(ctx.channel());
        ctx.fireChannelActive();
        // Netty's decoder then leaves the pipeline, passing on the bytes after the header.
    }

    /** An address the decoder has checked to be a numeric IP: no name lookup. */
    private static InetSocketAddress address(String ip, int port) {
        return new InetSocketAddress(NetUtil.createInetAddressFromIpAddressString(ip), port);
    }

    /** Closes the connection without an answer, once, counting and logging it as HAProxy does. */
    private void fail(Failure failure) {
        if (settled) {
            return;
        }
        settled = true;
        cancelTimer();
        frontend.counters.connectionAccepted(acceptedNanos); // a connection, never a session
        if (frontend.accessLog != null) {
            frontend.accessLog.proxyHeaderFailed(
                    ctx.channel().remoteAddress() instanceof InetSocketAddress peer ? peer : null, acceptedMillis,
                    frontend.config.name(), frontend.config.listenerName(bind), failure.text, failure.empty);
        }
        ctx.close();
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** Takes the decoded header from Netty's decoder, just behind it. */
    private final class HeaderTaker extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.pipeline().remove(this);
            headerRead((HAProxyMessage) msg);
        }
    }
}
