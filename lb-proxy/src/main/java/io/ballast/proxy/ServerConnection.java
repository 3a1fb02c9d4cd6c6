package io.ballast.proxy;

import io.ballast.core.server.Server;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;

/**
 * One connection to a server. While a client session uses it, events go to that session; while it waits
 * in the idle pool, any data or close from the server retires it.
 */
final class ServerConnection extends ChannelInboundHandlerAdapter {

    private final Server server;
    private final ServerConnectionPool pool;
    /** How the connection is encrypted, or {@code null} for a plain one. */
    private final io.ballast.proxy.tls.ServerTls tls;
    /** The name (SNI) it was made for when the server's SNI depends on the request, else {@code null}. */
    private final String tlsName;
    /** The PROXY protocol header it starts with, or {@code null}. */
    private final ProxyHeader proxyHeader;
    private Channel channel;
    private ClientSession owner;
    /** Exchanges completed on it. */
    private int exchanges;
    private boolean refused;

    /**
     * @param tls     how to encrypt it, or {@code null}
     * @param tlsName see {@link io.ballast.proxy.tls.ServerTls#connectionName}
     * @param proxyHeader the PROXY protocol header it starts with ({@code send-proxy}), or {@code null}
     */
    ServerConnection(Server server, ServerConnectionPool pool, io.ballast.proxy.tls.ServerTls tls, String tlsName,
                     ProxyHeader proxyHeader) {
        this.server = server;
        this.pool = pool;
        this.tls = tls;
        this.tlsName = tlsName;
        this.proxyHeader = proxyHeader;
    }

    /** How the connection is encrypted, or {@code null} for a plain one. */
    io.ballast.proxy.tls.ServerTls tls() {
        return tls;
    }

    /** The name it was made for when the server's SNI depends on the request, else {@code null}. */
    String tlsName() {
        return tlsName;
    }

    /** The PROXY protocol header it started with, or {@code null}. */
    ProxyHeader proxyHeader() {
        return proxyHeader;
    }

    Server server() {
        return server;
    }

    Channel channel() {
        return channel;
    }

    /** Whether it is one HTTP/2 stream ({@code proto h2}) rather than a connection: then it ends with its exchange. */
    boolean carriesOneExchange() {
        return channel instanceof Http2StreamChannel;
    }

    /** Whether it served an earlier request: then the server may have closed it meanwhile. */
    boolean isReused() {
        return exchanges > 0;
    }

    /** Whether it is an HTTP/2 stream the server said it did not process (refused, or gone away before it). */
    boolean wasRefused() {
        return refused;
    }

    /** The exchanges completed on it. */
    int exchanges() {
        return exchanges;
    }

    /** Records a completed exchange on a connection its client session keeps for itself ({@code http-reuse never}). */
    void keepPrivate() {
        exchanges++;
        channel.config().setAutoRead(true);
    }

    void attach(ClientSession session) {
        owner = session;
    }

    /** Gives the connection back to the idle pool of its event loop. */
    void release() {
        owner = null;
        exchanges++;
        channel.config().setAutoRead(true);
        pool.offer(this);
    }

    void close() {
        owner = null;
        Transport.close(channel);
    }

    /** Closes with a reset ({@code SO_LINGER} 0), for a connection in a clean state that nobody will use again. */
    void abort() {
        owner = null;
        channel.config().setOption(ChannelOption.SO_LINGER, 0);
        Transport.close(channel);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (owner != null) {
            owner.serverRead(this, (ByteBuf) msg);
        } else {
            // A server must not speak on an idle connection: it is out of sync, so retire it.
            ReferenceCountUtil.release(msg);
            pool.remove(this);
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (owner != null) {
            owner.serverReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (owner != null) {
            owner.updateClientReading();
        }
    }

    /** The server shut down its sending side: its session decides; an idle connection is retired. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == Http2ServerStreamBridge.REFUSED) {
            refused = true;
        } else if (!(evt instanceof ChannelInputShutdownEvent)) {
            ctx.fireUserEventTriggered(evt);
        } else if (owner != null) {
            owner.serverInputClosed(this);
        } else {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (owner != null) {
            owner.serverClosed(this);
        } else {
            pool.remove(this);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
