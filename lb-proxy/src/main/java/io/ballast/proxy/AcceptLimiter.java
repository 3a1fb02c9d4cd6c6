package io.ballast.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Counts each accepted connection against its frontend's {@link ConnectionLimit} on the listener's own
 * event loop: pausing a listener from its own loop takes effect before the next accept, whereas from
 * another thread Netty would still accept one more batch.
 */
final class AcceptLimiter extends ChannelInboundHandlerAdapter {

    private final Listener listener;

    AcceptLimiter(Listener listener) {
        this.listener = listener;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Channel child = (Channel) msg;
        // Read at each accept: a reload may have handed the listener to another frontend.
        ConnectionLimit limit = listener.binding().frontend().connections;
        limit.opened();
        child.closeFuture().addListener(f -> limit.closed());
        ctx.fireChannelRead(msg);
    }
}
