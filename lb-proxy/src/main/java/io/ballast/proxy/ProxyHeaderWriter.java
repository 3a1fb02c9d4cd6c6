package io.ballast.proxy;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.haproxy.HAProxyMessageEncoder;

/**
 * Writes a server connection's PROXY protocol header first: placed before the TLS handler, if any, it writes the
 * header with Netty's encoder when the connection becomes active, then leaves, and the TLS handshake starts after it.
 * Netty completes a connect future before the connection reports itself active, so what is sent on the connection
 * waits for {@link #afterHeader} instead.
 */
final class ProxyHeaderWriter extends ChannelInboundHandlerAdapter {

    private final ProxyHeader header;
    private final ChannelPromise written;

    /** @param connected the connect future of the connection this writer goes first on */
    ProxyHeaderWriter(ProxyHeader header, ChannelPromise connected) {
        this.header = header;
        this.written = connected.channel().newPromise();
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                written.tryFailure(f.cause());
            }
        });
    }

    /** Succeeds once the connection is established and its header written; fails as the connect future does. */
    ChannelFuture afterHeader() {
        return written;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ctx.pipeline().addBefore(ctx.name(), null, HAProxyMessageEncoder.INSTANCE);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(header.message(), ctx.voidPromise()); // through the encoder, just before this handler
        ctx.pipeline().remove(HAProxyMessageEncoder.INSTANCE);
        ctx.pipeline().remove(this);
        ctx.fireChannelActive();
        written.trySuccess();
    }
}
