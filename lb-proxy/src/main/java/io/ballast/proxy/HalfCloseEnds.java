package io.ballast.proxy;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;

/**
 * Closes a connection whose peer shut down its sending side. Ballast's sockets allow half-closed connections, which
 * HTTP/1.1 tunnels pass on; an HTTP/2 connection has no use for one (no stream can complete without both ways), so
 * without this it would wait in CLOSE-WAIT until a timeout.
 */
@ChannelHandler.Sharable
final class HalfCloseEnds extends ChannelInboundHandlerAdapter {

    static final HalfCloseEnds INSTANCE = new HalfCloseEnds();

    private HalfCloseEnds() {
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }
}
