package io.ballast.proxy.tls;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

/**
 * Sits behind a listener's TLS handler until the handshake completes: then reads the connection's TLS facts into its
 * {@link ConnectionTls}, passes the event on (the session logs the handshake time) and leaves the pipeline.
 */
final class TlsHandshakeWatcher extends ChannelInboundHandlerAdapter {

    private final ConnectionTls tls;

    TlsHandshakeWatcher(ConnectionTls tls) {
        this.tls = tls;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                SslHandler handler = ctx.pipeline().get(SslHandler.class);
                if (handler != null) {
                    tls.handshakeDone(handler);
                }
            }
            ctx.pipeline().remove(this);
        }
        ctx.fireUserEventTriggered(evt);
    }
}
