package io.ballast.health;

import io.ballast.core.config.SendProxy;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;

import java.net.SocketAddress;

/**
 * One connection of a check that talks to the server: connects, writes what a step sends and gathers what the
 * server answers, up to {@value #MAX_RECEIVED} bytes ({@code tune.bufsize}; the rest is dropped, as HAProxy
 * checks only look at one buffer). Used on its event loop only.
 *
 * <p>Buffer ownership: the bytes received are gathered in one pooled buffer owned by this object and released
 * by {@link #clearReceived()} and {@link #close()}; each inbound buffer is released as soon as it is copied, and
 * each outbound buffer is handed to Netty, which releases it once written.
 */
final class CheckConnection {

    /** How much of the server's answer is kept. */
    static final int MAX_RECEIVED = 16384;

    /** Told what happens on the connection; every call happens on the event loop. */
    interface Events {
        /** The connection is established. */
        void connected();

        /** The connection could not be established. */
        void connectFailed(CheckStatus status, String info);

        /** Bytes arrived; they are in {@link #received()}. */
        void received();

        /** The server closed the connection, or it broke. */
        void closed();
    }

    private final EventLoop loop;
    private final ChannelFactory<? extends Channel> factory;
    private final boolean tcp;
    /** The PROXY protocol header each connection starts with, or {@link SendProxy#NONE}. */
    private final SendProxy proxyHeader;
    private final Events events;

    private Channel channel;
    private ByteBuf received;
    private boolean open;

    CheckConnection(EventLoop loop, ChannelFactory<? extends Channel> factory, boolean tcp, SendProxy proxyHeader,
                    Events events) {
        this.loop = loop;
        this.factory = factory;
        this.tcp = tcp;
        this.proxyHeader = proxyHeader;
        this.events = events;
    }

    /** Connects to {@code target}, closing any previous connection first. */
    void connect(SocketAddress target, long timeoutMs) {
        close();
        Bootstrap b = new Bootstrap()
                .group(loop)
                .channelFactory(factory)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeoutMs + 1000))
                .handler(new Reader());
        if (tcp) {
            b.option(ChannelOption.SO_LINGER, 0); // close with an RST, as HAProxy does: no TIME_WAIT pile-up
        }
        ChannelFuture f;
        try {
            f = b.connect(target);
        } catch (RuntimeException e) {
            events.connectFailed(CheckStatus.SOCKERR, ConnectErrors.info(e));
            return;
        }
        Channel attempt = f.channel();
        channel = attempt;
        f.addListener((ChannelFuture done) -> {
            if (attempt != channel) {
                return; // closed or replaced meanwhile
            }
            if (done.isSuccess()) {
                open = true;
                if (proxyHeader != SendProxy.NONE) {
                    ProxyHeaders.writeForCheck(proxyHeader, attempt);
                }
                events.connected();
            } else {
                channel = null;
                Throwable cause = done.cause();
                if (cause instanceof ConnectTimeoutException) {
                    events.connectFailed(CheckStatus.L4TOUT, null);
                } else {
                    events.connectFailed(ConnectErrors.isSocketError(cause) ? CheckStatus.SOCKERR : CheckStatus.L4CON,
                            ConnectErrors.info(cause));
                }
            }
        });
    }

    /** Sends {@code data} (copied into a pooled buffer that Netty releases once written). */
    void write(byte[] data) {
        if (channel == null || !open || data.length == 0) {
            return;
        }
        ByteBuf out = channel.alloc().buffer(data.length).writeBytes(data);
        channel.writeAndFlush(out, channel.voidPromise());
    }

    /** What the server sent so far (since the last {@link #clearReceived()}); never {@code null}. */
    ByteBuf received() {
        return received != null ? received : Unpooled.EMPTY_BUFFER;
    }

    /** Whether the gathering buffer is full, so no more data can change a verdict. */
    boolean full() {
        return received != null && received.readableBytes() >= MAX_RECEIVED;
    }

    /** Forgets what was received (before a new request). */
    void clearReceived() {
        if (received != null) {
            received.release();
            received = null;
        }
    }

    /** Whether the connection is established and not closed. */
    boolean isOpen() {
        return open;
    }

    /** Closes the connection (with an RST for TCP) and releases the received bytes. */
    void close() {
        clearReceived();
        open = false;
        if (channel != null) {
            Channel c = channel;
            channel = null;
            c.close();
        }
    }

    /** Gathers inbound bytes of the current channel; events of replaced channels are dropped. */
    private final class Reader extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (ctx.channel() != channel || !(msg instanceof ByteBuf in)) {
                    return;
                }
                if (received == null) {
                    received = ctx.alloc().buffer(Math.min(MAX_RECEIVED, Math.max(256, in.readableBytes())));
                }
                int room = MAX_RECEIVED - received.readableBytes();
                if (room > 0) {
                    received.writeBytes(in, in.readerIndex(), Math.min(room, in.readableBytes()));
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
            if (ctx.channel() == channel) {
                events.received();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (ctx.channel() == channel && open) {
                open = false;
                events.closed();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a reset: channelInactive follows
        }
    }
}
