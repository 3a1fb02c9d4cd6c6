package io.ballast.proxy;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http2.Http2CodecUtil;

/**
 * Ends an HTTP/2 connection, to a client or to a server, when its peer shut down its sending side or on an I/O error.
 * Ballast's sockets allow half-closed connections, which HTTP/1.1 tunnels pass on; an HTTP/2 connection has no use
 * for one (no stream can complete without both ways), so without this it would wait in CLOSE-WAIT until a timeout.
 * Protocol errors are not its business: the codec answers them itself (GOAWAY or RST_STREAM with their code) after
 * passing them on, and closing first would say GOAWAY NO_ERROR.
 */
@ChannelHandler.Sharable
final class Http2ConnectionEnds extends ChannelInboundHandlerAdapter {

    static final Http2ConnectionEnds INSTANCE = new Http2ConnectionEnds();

    private Http2ConnectionEnds() {
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (Http2CodecUtil.getEmbeddedHttp2Exception(cause) == null) {
            ctx.close();
        }
    }
}
